import { Controller, Get, Query } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { byUniqueColumn, CallerContext, keysetPage } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ListReleasesQuery, type Page, type ReleaseResponse } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { releaseResponse } from '../../application/responses';
import { ReleaseEntity } from '../../persistence/release.entity';

@Controller('releases')
export class ListReleasesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every release, newest version first (releases concern every partner); one release per version key. */
  @Get()
  list(@CallerContext() _caller: Caller, @Query() query: ListReleasesQuery): Promise<Page<ReleaseResponse>> {
    const builder = this.dataSource.getRepository(ReleaseEntity).createQueryBuilder('r');
    const now = this.clock.now();
    const newestVersionFirst = byUniqueColumn(
      'version_key',
      'DESC',
      (row: ReleaseEntity) => row.versionKey,
      'integer',
    );
    return keysetPage(builder, 'r', query, newestVersionFirst, (rows) =>
      rows.map((row) => releaseResponse(row.toDomain(), now)),
    );
  }
}
