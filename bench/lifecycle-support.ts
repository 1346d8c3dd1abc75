import { readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) these processes and their ended children have used so far (Linux clock ticks of
 * 1/100 s): the work a run cost, whatever else the machine was doing meanwhile.
 */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime (fields 14 to 17 of proc_pid_stat(5)).
      for (let i = 11; i <= 14; i += 1) ticks += Number(fields[i]);
    } catch {
      // ended meanwhile: its time is in its parent's cutime and cstime
    }
  }
  return ticks / 100;
}
