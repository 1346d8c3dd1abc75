import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of one process in MB: RSS, and PSS (shared pages divided among their users). */
export interface ProcessMemory {
  rssMb: number;
  pssMb: number;
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

export function processMemory(pid: number): ProcessMemory {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return { rssMb: kilobytes(rollup, 'Rss') / 1024, pssMb: kilobytes(rollup, 'Pss') / 1024 };
}

/** A process and all its descendants (Postgres runs one process per connection and per worker). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

export function treeMemory(root: number): ProcessMemory {
  return processTree(root)
    .map((pid) => {
      try {
        return processMemory(pid);
      } catch {
        return { rssMb: 0, pssMb: 0 };
      }
    })
    .reduce((a, b) => ({ rssMb: a.rssMb + b.rssMb, pssMb: a.pssMb + b.pssMb }), { rssMb: 0, pssMb: 0 });
}
