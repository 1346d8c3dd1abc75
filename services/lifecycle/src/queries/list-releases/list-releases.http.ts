import { Controller, Get, Query } from '@nestjs/common';
import { CallerContext, ProblemException } from '@pac/bootstrap';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import {
  decodeCursor,
  encodeCursor,
  ListReleasesQuery,
  type Page,
  type ReleaseResponse,
} from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { ReleaseEntity } from '../../persistence/release.entity';
import { releaseResponse } from '../../release-response';

@Controller('releases')
export class ListReleasesHttp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Every release, newest version first (releases concern every partner). */
  @Get()
  async list(
    @CallerContext() _caller: Caller,
    @Query() query: ListReleasesQuery,
  ): Promise<Page<ReleaseResponse>> {
    const limit = query.limit ?? 50;
    const builder = this.dataSource.getRepository(ReleaseEntity).createQueryBuilder('r');
    if (query.cursor) {
      const key = decodeCursor(query.cursor, 1);
      if (!key || typeof key[0] !== 'number')
        throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
      builder.where('r.version_key < :key', { key: key[0] });
    }
    const rows = await builder
      .orderBy('r.version_key', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const now = this.clock.now();
    return {
      items: page.map((release) => releaseResponse(release, now)),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.versionKey]) : null,
    };
  }
}
