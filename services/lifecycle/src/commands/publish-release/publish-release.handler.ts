import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { ReleasePublished } from '@pac/contracts';
import { accept, type Decision } from '@pac/domain';
import type { PublishReleaseRequest, ReleaseResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { releaseResponse } from '../../application/responses';
import { decidePublishRelease } from '../../domain/release';
import { findReleaseOfVersion, insertRelease } from '../../persistence/releases';

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

  async execute(
    caller: Caller,
    request: PublishReleaseRequest,
  ): Promise<Decision<ReleaseResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const decision = decidePublishRelease(
        await findReleaseOfVersion(manager, request.version),
        {
          version: request.version,
          type: request.type,
          availableFrom: new Date(request.availableFrom),
          latestSelectableDays: request.latestSelectableDays,
          publishedBy: caller.subject,
        },
        now,
      );
      if (!decision.ok) return decision;
      const release = decision.value;
      await insertRelease(manager, release);
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
      return accept(releaseResponse(release, now));
    });
  }
}
