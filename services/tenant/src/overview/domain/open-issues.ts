import type { IssueStatus } from '@pac/contracts';

/** What the central view keeps of one issue: its status as of its latest event. */
export interface OverviewIssue {
  status: IssueStatus;
  at: string;
}

/**
 * An issue.* event applied to what the view knows of the issue: the newest event wins, and a resolved issue
 * stays resolved (an issue never reopens: a new spike is a new issue), so a late or repeated event changes
 * nothing. Undefined when nothing changes.
 */
export function applyIssueEvent(
  known: OverviewIssue | undefined,
  event: { status: IssueStatus; occurredAt: string },
): OverviewIssue | undefined {
  if (known && (known.status === 'resolved' || Date.parse(known.at) > Date.parse(event.occurredAt)))
    return undefined;
  return { status: event.status, at: event.occurredAt };
}

/** `openIssues` counts the issues not resolved yet: open and acknowledged. */
export function isOpenIssue(issue: OverviewIssue): boolean {
  return issue.status !== 'resolved';
}
