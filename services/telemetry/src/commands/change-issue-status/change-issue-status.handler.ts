import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, reject, type Decision } from '@pac/domain';
import type { IssueResponse } from '@pac/http-contracts';
import { Outbox } from '@pac/messaging';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { saveAndAnnounceIssues } from '../../application/issue-events';
import { issueResponse } from '../../application/responses';
import {
  decideAcknowledge,
  decideResolve,
  type Issue,
  type IssueChange,
  type IssueRefusal,
} from '../../domain/issue';
import { ISSUE_NOT_FOUND } from '../../domain/not-found';
import { findVisibleIssue } from '../../persistence/issues';

/** What a partner does to an issue: acknowledge it (seen), or resolve it (over for good). */
export const ISSUE_ACTIONS = {
  acknowledge: (issue: Issue, caller: Caller, now: Date) => decideAcknowledge(issue, caller.subject, now),
  resolve: (issue: Issue, _caller: Caller, now: Date) => decideResolve(issue, 'partner', now),
} satisfies Record<string, (issue: Issue, caller: Caller, now: Date) => Decision<IssueChange, IssueRefusal>>;

export type IssueAction = keyof typeof ISSUE_ACTIONS;

/** Loads the issue (locked), decides the partner's action, saves it and announces issue.acknowledged|resolved. */
@Injectable()
export class ChangeIssueStatusHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    issueId: string,
    action: IssueAction,
  ): Promise<Decision<IssueResponse, AnswerableError>> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const issue = await findVisibleIssue(manager, caller, issueId, { lock: true });
      if (!issue) return reject(ISSUE_NOT_FOUND);
      const change = ISSUE_ACTIONS[action](issue, caller, now);
      if (!change.ok) return change;
      await saveAndAnnounceIssues(manager, this.outbox, [change.value], now);
      return accept(issueResponse(change.value.issue));
    });
  }
}
