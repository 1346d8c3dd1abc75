import { AdjustableClock } from './adjustable-clock';
import { Clock, SystemClock } from './clock';

/** Production is locked to real time; everywhere else the clock can be moved (CLOCK_OFFSET_MS starts it shifted). */
export function createClock(env: NodeJS.ProcessEnv = process.env): Clock {
  if (env['NODE_ENV'] === 'production') return new SystemClock();
  return new AdjustableClock(Number(env['CLOCK_OFFSET_MS'] ?? 0) || 0);
}

export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return clock instanceof AdjustableClock;
}
