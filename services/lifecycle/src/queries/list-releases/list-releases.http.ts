import { Controller, Get, Query } from '@nestjs/common';
import { CallerContext } from '@pac/bootstrap';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { ListReleasesQuery, type Page, type ReleaseResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { ReleaseEntity } from '../../persistence/release.entity';
import { releaseResponse } from '../../release-response';
import { uniqueKeyPage, versionKey } from '../unique-key-page';

@Controller('releases')
export class ListReleasesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every release, newest version first (releases concern every partner). */
  @Get()
  list(@CallerContext() _caller: Caller, @Query() query: ListReleasesQuery): Promise<Page<ReleaseResponse>> {
    const builder = this.dataSource.getRepository(ReleaseEntity).createQueryBuilder('r');
    const now = this.clock.now();
    return uniqueKeyPage(builder, 'r', query, versionKey('DESC'), (releases) =>
      releases.map((release) => releaseResponse(release, now)),
    );
  }
}
