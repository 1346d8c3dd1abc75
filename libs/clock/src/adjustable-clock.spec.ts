import { AdjustableClock } from './adjustable-clock';
import { createClock } from './create-clock';
import { SystemClock } from './clock';

describe('AdjustableClock', () => {
  const realNow = () => Date.parse('2026-03-29T00:00:00Z');

  it('moves forward and tells its listeners the new time', async () => {
    const clock = new AdjustableClock(0, realNow);
    const seen: string[] = [];
    clock.onChange((now) => {
      seen.push(now.toISOString());
    });
    await clock.advance(90 * 60_000);
    expect(clock.nowIso()).toBe('2026-03-29T01:30:00.000Z');
    expect(seen).toEqual(['2026-03-29T01:30:00.000Z']);
  });

  it('jumps to an instant and refuses to go back in time', async () => {
    const clock = new AdjustableClock(0, realNow);
    await clock.set(new Date('2026-04-01T06:00:00Z'));
    expect(clock.nowIso()).toBe('2026-04-01T06:00:00.000Z');
    await expect(clock.set(new Date('2026-03-30T00:00:00Z'))).rejects.toThrow('only moves forward');
    await expect(clock.advance(-1)).rejects.toThrow('only moves forward');
  });

  it('is locked to real time in production', () => {
    expect(createClock({ NODE_ENV: 'production', CLOCK_OFFSET_MS: '5000' })).toBeInstanceOf(SystemClock);
    expect(createClock({ CLOCK_OFFSET_MS: '5000' })).toBeInstanceOf(AdjustableClock);
  });
});
