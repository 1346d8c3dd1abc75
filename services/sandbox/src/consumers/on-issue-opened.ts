import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboxTransaction } from '@pac/bootstrap';
import { IssueOpened, type IssueOpenedData } from '@pac/contracts';
import type { EventEnvelope } from '@pac/messaging';
import type { EntityManager } from 'typeorm';
import { rememberIssue } from '../persistence/known-issues';

/** An opened issue is remembered, so that POST /issues/{id}/sandbox knows its tenant and environment. */
@Controller()
export class OnIssueOpened {
  @EventPattern(IssueOpened.type)
  async handle(
    @Payload() envelope: EventEnvelope<IssueOpenedData>,
    @InboxTransaction() manager: EntityManager,
  ): Promise<void> {
    await rememberIssue(manager, envelope.data);
  }
}
