import { Injectable } from '@nestjs/common';
import type { Caller } from '@pac/auth';
import type { AnswerableError } from '@pac/bootstrap';
import { Clock } from '@pac/clock';
import { accept, type Decision } from '@pac/domain';
import type { IssueRuleRequest, IssueRuleResponse } from '@pac/http-contracts';
import { inTransaction } from '@pac/persistence';
import { DataSource } from 'typeorm';
import { visibleTenant } from '../../application/visible-environment';
import { decideIssueRule } from '../../domain/issue-rule';
import { saveIssueRule } from '../../persistence/issue-rules';

/** A tenant's own issue rule (threshold, window, quiet period); it applies to the batches stored after it. */
@Injectable()
export class SetIssueRuleHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    tenantId: string,
    request: IssueRuleRequest,
  ): Promise<Decision<IssueRuleResponse, AnswerableError>> {
    const rule = decideIssueRule(request);
    if (!rule.ok) return rule;
    return inTransaction(this.dataSource, async (manager) => {
      const tenant = await visibleTenant(manager, caller, tenantId);
      if (!tenant.ok) return tenant;
      await saveIssueRule(manager, tenant.value, rule.value, this.clock.now());
      return accept({ tenantId, ...rule.value });
    });
  }
}
