import type { IssueResolution, IssueStatus, TelemetrySeverity } from '@pac/contracts';
import { accept, refuse, type Decision, type DomainError } from '@pac/domain';

/**
 * An issue: an environment's errors of one event id spiked. At most one issue per tenant, environment and
 * event id is active (open or acknowledged) at a time; a resolved one is over for good, and a new spike opens
 * a new issue.
 *
 * ```
 * open ──> acknowledged ──> resolved
 *   └────────────────────────┘ (by a partner, or quiet for the rule's period)
 * ```
 */
export interface Issue {
  id: string;
  tenantId: string;
  partnerId: string;
  environmentName: string;
  eventId: string;
  status: IssueStatus;
  /** Error and critical events counted: the spike's, then every later one while it is active. */
  count: number;
  /** The first and last error of the issue, by the events' own timestamps. */
  firstSeenAt: string;
  lastSeenAt: string;
  /** When an error was last counted, by the service's clock: what "quiet" is measured from. */
  lastCountedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolution: IssueResolution | null;
  createdAt: string;
}

/** When a tenant's issues open and resolve (api: configurable per tenant). */
export interface IssueRule {
  /** Error or critical events of one environment and event id ... */
  threshold: number;
  /** ... within this many minutes open an issue. */
  windowMinutes: number;
  /** No new error for this many minutes resolves it. */
  quietMinutes: number;
}

/** The default rule (issue 13): 50 errors in 5 minutes; resolved after an hour without one. */
export const DEFAULT_ISSUE_RULE: IssueRule = { threshold: 50, windowMinutes: 5, quietMinutes: 60 };

export const ISSUE_RULE_LIMITS = {
  threshold: { min: 1, max: 1_000_000 },
  windowMinutes: { min: 1, max: 1_440 },
  quietMinutes: { min: 1, max: 10_080 },
} as const;

/** Severities that count toward a spike. */
export function countsTowardIssues(severity: TelemetrySeverity): boolean {
  return severity === 'error' || severity === 'critical';
}

/** Errors of one event id: how many, the first and last timestamps (ms). */
export interface ErrorTally {
  count: number;
  firstMs: number;
  lastMs: number;
}

/**
 * The error and critical events of a batch per event id, and per event id and minute (the counters a spike
 * is measured on).
 */
export function tallyErrors(
  events: readonly { timestamp: string; severity: TelemetrySeverity; eventId: string }[],
): {
  byEventId: Map<string, ErrorTally>;
  byMinute: Map<string, Map<number, ErrorTally>>;
} {
  const byEventId = new Map<string, ErrorTally>();
  const byMinute = new Map<string, Map<number, ErrorTally>>();
  for (const event of events) {
    if (!countsTowardIssues(event.severity)) continue;
    const at = Date.parse(event.timestamp);
    add(byEventId, event.eventId, at);
    let minutes = byMinute.get(event.eventId);
    if (!minutes) byMinute.set(event.eventId, (minutes = new Map()));
    add(minutes, Math.floor(at / 60_000) * 60_000, at);
  }
  return { byEventId, byMinute };
}

function add<K>(tallies: Map<K, ErrorTally>, key: K, at: number): void {
  const tally = tallies.get(key);
  if (!tally) tallies.set(key, { count: 1, firstMs: at, lastMs: at });
  else {
    tally.count += 1;
    tally.firstMs = Math.min(tally.firstMs, at);
    tally.lastMs = Math.max(tally.lastMs, at);
  }
}

/** What a decision changed and, when the partners must hear of it, which issue.* event to emit. */
export type IssueChange =
  | { issue: Issue; announce: 'acknowledged' | 'resolved' | undefined }
  /** An opening says which rule fired. */
  | { issue: Issue; announce: 'opened'; rule: IssueRule };

/** New errors of an active issue: counted, last seen moves; nothing is announced (it is still the same issue). */
export function countRepeat(issue: Issue, tally: ErrorTally, now: Date): IssueChange {
  return {
    issue: {
      ...issue,
      count: issue.count + tally.count,
      lastSeenAt: new Date(Math.max(Date.parse(issue.lastSeenAt), tally.lastMs)).toISOString(),
      lastCountedAt: now.toISOString(),
    },
    announce: undefined,
  };
}

/**
 * With no active issue: the errors of the rule's window (ending at the latest error) reach the threshold, so
 * an issue opens with them; else nothing happens.
 */
export function decideSpike(
  key: { tenantId: string; partnerId: string; environmentName: string; eventId: string },
  window: ErrorTally,
  rule: IssueRule,
  newIssueId: string,
  now: Date,
): IssueChange | undefined {
  if (window.count < rule.threshold) return undefined;
  return {
    issue: {
      id: newIssueId,
      ...key,
      status: 'open',
      count: window.count,
      firstSeenAt: new Date(window.firstMs).toISOString(),
      lastSeenAt: new Date(window.lastMs).toISOString(),
      lastCountedAt: now.toISOString(),
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolution: null,
      createdAt: now.toISOString(),
    },
    announce: 'opened',
    rule,
  };
}

export function decideAcknowledge(issue: Issue, by: string, now: Date): Decision<IssueChange, IssueRefusal> {
  if (issue.status === 'resolved') return refuse('issue-resolved', 'the issue is resolved already');
  if (issue.status !== 'open')
    return refuse('issue-not-open', `the issue is ${issue.status}: only an open issue can be acknowledged`);
  return accept({
    issue: { ...issue, status: 'acknowledged', acknowledgedAt: now.toISOString(), acknowledgedBy: by },
    announce: 'acknowledged',
  });
}

export function decideResolve(
  issue: Issue,
  resolution: IssueResolution,
  now: Date,
): Decision<IssueChange, IssueRefusal> {
  if (issue.status === 'resolved') return refuse('issue-resolved', 'the issue is resolved already');
  return accept({
    issue: { ...issue, status: 'resolved', resolvedAt: now.toISOString(), resolution },
    announce: 'resolved',
  });
}

/** Whether an active issue has been quiet for its rule's period (no error counted since). */
export function isQuiet(issue: Issue, rule: IssueRule, now: Date): boolean {
  return (
    issue.status !== 'resolved' &&
    Date.parse(issue.lastCountedAt) + rule.quietMinutes * 60_000 <= now.getTime()
  );
}

export type IssueRefusal = DomainError<'issue-resolved' | 'issue-not-open'>;
