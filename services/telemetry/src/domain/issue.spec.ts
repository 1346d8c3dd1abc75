import { DecisionSpecification } from '@pac/domain';
import {
  countRepeat,
  decideAcknowledge,
  decideResolve,
  decideSpike,
  DEFAULT_ISSUE_RULE,
  isQuiet,
  tallyErrors,
  type Issue,
} from './issue';

const now = new Date('2026-12-04T10:10:00.000Z');
const key = { tenantId: 't', partnerId: 'p', environmentName: 'Production', eventId: 'RT0012' };
const open: Issue = {
  id: 'i',
  ...key,
  status: 'open',
  count: 50,
  firstSeenAt: '2026-12-04T10:01:00.000Z',
  lastSeenAt: '2026-12-04T10:05:00.000Z',
  lastCountedAt: '2026-12-04T10:05:01.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolution: null,
  createdAt: '2026-12-04T10:05:01.000Z',
};

describe('issues', () => {
  it('counts only error and critical events, per event id and minute', () => {
    const { byEventId, byMinute } = tallyErrors([
      { timestamp: '2026-12-04T10:00:10Z', severity: 'error', eventId: 'A' },
      { timestamp: '2026-12-04T10:00:50Z', severity: 'critical', eventId: 'A' },
      { timestamp: '2026-12-04T10:01:05Z', severity: 'error', eventId: 'A' },
      { timestamp: '2026-12-04T10:01:05Z', severity: 'warning', eventId: 'A' },
      { timestamp: '2026-12-04T10:01:05Z', severity: 'info', eventId: 'B' },
    ]);
    expect(byEventId.get('A')).toEqual({
      count: 3,
      firstMs: Date.parse('2026-12-04T10:00:10Z'),
      lastMs: Date.parse('2026-12-04T10:01:05Z'),
    });
    expect(byEventId.has('B')).toBe(false);
    expect([...byMinute.get('A')!.values()].map((tally) => tally.count)).toEqual([2, 1]);
  });

  it('opens an issue when the window reaches the threshold, not before', () => {
    const window = { count: 50, firstMs: Date.parse(open.firstSeenAt), lastMs: Date.parse(open.lastSeenAt) };
    expect(decideSpike(key, { ...window, count: 49 }, DEFAULT_ISSUE_RULE, 'i', now)).toBeUndefined();
    const opened = decideSpike(key, window, DEFAULT_ISSUE_RULE, 'i', now);
    expect(opened).toMatchObject({
      announce: 'opened',
      rule: DEFAULT_ISSUE_RULE,
      issue: { status: 'open', count: 50, firstSeenAt: open.firstSeenAt, lastSeenAt: open.lastSeenAt },
    });
  });

  it('counts a repeat into the active issue without announcing anything', () => {
    const repeat = countRepeat(
      open,
      { count: 7, firstMs: 0, lastMs: Date.parse('2026-12-04T10:09:00Z') },
      now,
    );
    expect(repeat).toEqual({
      announce: undefined,
      issue: { ...open, count: 57, lastSeenAt: '2026-12-04T10:09:00.000Z', lastCountedAt: now.toISOString() },
    });
  });

  it('is quiet once no error was counted for the quiet period', () => {
    expect(isQuiet(open, DEFAULT_ISSUE_RULE, new Date('2026-12-04T11:05:00.999Z'))).toBe(false);
    expect(isQuiet(open, DEFAULT_ISSUE_RULE, new Date('2026-12-04T11:05:01.000Z'))).toBe(true);
  });

  const acknowledge = DecisionSpecification.for((issue: Issue, by: string) =>
    decideAcknowledge(issue, by, now),
  );
  const resolve = DecisionSpecification.for((issue: Issue, _: 'partner') =>
    decideResolve(issue, 'partner', now),
  );

  it('is acknowledged only while open', () => {
    acknowledge
      .given(open)
      .when('partner-user')
      .then({
        announce: 'acknowledged',
        issue: {
          ...open,
          status: 'acknowledged',
          acknowledgedAt: now.toISOString(),
          acknowledgedBy: 'partner-user',
        },
      });
    acknowledge
      .given({ ...open, status: 'acknowledged' })
      .when('someone')
      .thenRefused('issue-not-open');
    acknowledge
      .given({ ...open, status: 'resolved' })
      .when('someone')
      .thenRefused('issue-resolved');
  });

  it('is resolved from open or acknowledged, once', () => {
    resolve
      .given({ ...open, status: 'acknowledged' })
      .when('partner')
      .then((change) => expect(change.issue).toMatchObject({ status: 'resolved', resolution: 'partner' }));
    resolve
      .given({ ...open, status: 'resolved' })
      .when('partner')
      .thenRefused('issue-resolved');
  });
});
