import type { RouteOwner, TrafficLog } from './traffic-log';

/** The figures of one fault, as docs/reliability.md reports them. */
export interface FaultFigures {
  fault: string;
  /** Whose routes the fault may break: one service, every route (gateway, Postgres) or none (Kafka). */
  affected: RouteOwner | 'all' | 'none';
  /** 5xx answers on the affected routes, and requests that got no answer at all (gateway down). */
  fiveXxAffected: number;
  unanswered: number;
  /** 5xx answers on the routes of services the fault did not touch: must be 0. */
  fiveXxUntouched: number;
  /** From the fault (or, for infrastructure, from its restart) to the first 2xx on the affected routes. */
  secondsToRecover: number | null;
}

/**
 * Reads the figures of a fault from the traffic log: `from` is when the fault struck, `repairedAt` when it was
 * repaired (a supervised service: the same instant, its supervisor restarts it; infrastructure: when it was
 * started again), `until` the end of its observation window.
 */
export function faultFigures(
  log: TrafficLog,
  fault: string,
  affected: FaultFigures['affected'],
  times: { from: number; repairedAt: number; until: number },
): FaultFigures {
  const window = log.between(times.from, times.until);
  const isAffected = (owner: RouteOwner) => affected === 'all' || owner === affected;
  const failed = window.filter((e) => isAffected(e.owner) && (e.status === 0 || e.status >= 500));
  const firstFailure = failed[0]?.at;
  let secondsToRecover: number | null = 0;
  if (firstFailure !== undefined) {
    const recovered = log.firstSuccessAfter(
      affected === 'all' || affected === 'none' ? 'any' : affected,
      firstFailure,
    );
    secondsToRecover = recovered === undefined ? null : (recovered - times.repairedAt) / 1000;
  }
  return {
    fault,
    affected,
    fiveXxAffected: failed.filter((e) => e.status >= 500).length,
    unanswered: failed.filter((e) => e.status === 0).length,
    fiveXxUntouched: window.filter((e) => !isAffected(e.owner) && e.status >= 500).length,
    secondsToRecover: secondsToRecover === null ? null : Math.max(0, Number(secondsToRecover.toFixed(2))),
  };
}
