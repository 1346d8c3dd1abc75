import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU time (user + system, in ms) the given processes and their ended children have used so far. Differences of it over a run tell
 * what each process spent per request whatever else the machine runs, where throughput depends on the load.
 */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14 to 17 of proc_pid_stat(5), 12 to 15 after the command.
      // cutime and cstime hold the time of the children that ended, so that the sum over a process tree
      // (Postgres starts and ends a process per connection) only grows.
      for (let i = 11; i <= 14; i += 1) ticks += Number(fields[i]);
    } catch {
      // the process ended meanwhile: its time is in its parent's cutime and cstime now
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The same, in seconds. */
export function cpuSeconds(pids: readonly number[]): number {
  return cpuMs(pids) / 1000;
}
