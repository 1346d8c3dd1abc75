import { isEventTypePattern, receivesEventType } from './event-type-filter';

describe('event type filters', () => {
  it('accept types, families and everything', () => {
    expect(
      ['update.failed', 'update.*', '*', 'update-window.changed', 'webhook.disabled'].every(
        isEventTypePattern,
      ),
    ).toBe(true);
    expect(['', 'Update', 'update.', '*.failed', 'update.**', 'a b'].some(isEventTypePattern)).toBe(false);
  });

  it('let through what they name, and everything when there is no filter', () => {
    expect(receivesEventType(null, 'update.failed')).toBe(true);
    expect(receivesEventType(['update.*'], 'update.failed')).toBe(true);
    expect(receivesEventType(['update.*'], 'update-window.changed')).toBe(false);
    expect(receivesEventType(['update.failed'], 'update.succeeded')).toBe(false);
    expect(receivesEventType(['*'], 'webhook.disabled')).toBe(true);
  });
});
