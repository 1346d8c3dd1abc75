import { applyIssueEvent, isOpenIssue } from './open-issues';

const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('open issues in the central view', () => {
  it('counts open and acknowledged issues, not resolved ones', () => {
    expect(isOpenIssue({ status: 'open', at: at(1) })).toBe(true);
    expect(isOpenIssue({ status: 'acknowledged', at: at(1) })).toBe(true);
    expect(isOpenIssue({ status: 'resolved', at: at(1) })).toBe(false);
  });

  it('takes the newest event and ignores an older one arriving late', () => {
    const acknowledged = applyIssueEvent(
      { status: 'open', at: at(1) },
      { status: 'acknowledged', occurredAt: at(2) },
    );
    expect(acknowledged).toEqual({ status: 'acknowledged', at: at(2) });
    expect(applyIssueEvent(acknowledged, { status: 'open', occurredAt: at(1) })).toBeUndefined();
  });

  it('never reopens a resolved issue', () => {
    expect(
      applyIssueEvent({ status: 'resolved', at: at(5) }, { status: 'acknowledged', occurredAt: at(9) }),
    ).toBeUndefined();
  });
});
