import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import { Clock } from '@pac/clock';
import { ReleasePublished } from '@pac/contracts';
import type { PublishReleaseRequest, ReleaseResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { versionKey } from '../../domain/version';
import { ReleaseEntity } from '../../persistence/release.entity';
import { releaseResponse } from '../../release-response';

export type PublishReleaseResult =
  { ok: true; release: ReleaseResponse } | { ok: false; error: { code: 'release-exists'; message: string } };

/**
 * Records a release and announces it (release.published, keyed by its version). It reaches the environments
 * when availableFrom comes: the distribute-releases job offers it then.
 */
@Injectable()
export class PublishReleaseHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, request: PublishReleaseRequest): Promise<PublishReleaseResult> {
    const now = this.clock.now();
    const key = versionKey(request.version);
    return inTransaction(this.dataSource, async (manager) => {
      const existing = await manager.getRepository(ReleaseEntity).findOneBy({ versionKey: key });
      if (existing) {
        return {
          ok: false,
          error: { code: 'release-exists', message: `release ${existing.version} is already published` },
        };
      }
      const release = Object.assign(new ReleaseEntity(), {
        version: request.version,
        versionKey: key,
        type: request.type,
        availableFrom: new Date(request.availableFrom),
        latestSelectableDays: request.latestSelectableDays,
        publishedBy: caller.subject,
        publishedAt: now,
        distributedAt: null,
      });
      await manager.getRepository(ReleaseEntity).insert(release);
      await this.outbox.add(manager, {
        definition: ReleasePublished,
        key: release.version,
        subject: `releases/${release.version}`,
        data: {
          version: release.version,
          type: release.type,
          availableFrom: release.availableFrom.toISOString(),
          latestSelectableDays: release.latestSelectableDays,
          occurredAt: now.toISOString(),
        },
      });
      return { ok: true, release: releaseResponse(release, now) };
    });
  }
}
