import type { AnswerableError } from '@pac/bootstrap';
import { accept, refuse, type Decision } from '@pac/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The filters every telemetry read shares (the list and the summary): one tenant, a time range (`from`
 * included, `to` excluded; partitions outside it are not read), one environment in any case.
 */
export interface TelemetryScope {
  tenantId: string;
  from?: Date | undefined;
  to?: Date | undefined;
  environment?: string | undefined;
}

/** `from` and `to` as instants; 400 time-range-invalid when `from` is after `to`. */
export function timeRange(query: {
  from?: string | undefined;
  to?: string | undefined;
}): Decision<{ from?: Date; to?: Date }, AnswerableError> {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from.getTime() > to.getTime())
    return refuse('time-range-invalid', '`from` is after `to`', 'from');
  return accept({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
}

export function whereInScope<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  scope: TelemetryScope,
): SelectQueryBuilder<E> {
  builder.where(`${alias}.tenant_id = :tenantId`, { tenantId: scope.tenantId });
  if (scope.from) builder.andWhere(`${alias}."timestamp" >= :from`, { from: scope.from });
  if (scope.to) builder.andWhere(`${alias}."timestamp" < :to`, { to: scope.to });
  if (scope.environment)
    builder.andWhere(`lower(${alias}.environment_name) = lower(:environment)`, {
      environment: scope.environment,
    });
  return builder;
}

/**
 * Text search: every word of `q` somewhere in the message, in any case (a substring match, so that codes and
 * identifiers are found as typed). No text index: the tenant's rows of the range are filtered (the index plan
 * and its numbers are in docs/benchmarks.md, issue 13).
 */
export function whereMessageHas<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  alias: string,
  q: string,
): SelectQueryBuilder<E> {
  const words = q.split(/\s+/).filter((word) => word.length > 0);
  words.forEach((word, index) =>
    builder.andWhere(`${alias}.message ILIKE :word${index}`, { [`word${index}`]: `%${likeEscaped(word)}%` }),
  );
  return builder;
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
