/**
 * Where a process's CPU went, from a V8 profile (`node --cpu-prof`): self time by package (or file of ours)
 * and by function, and the inclusive time of the frames whose name matches a filter.
 * Usage: node dist/bench/cpu-profile-summary.js <file.cpuprofile> [top=25] [inclusive-filter-regexp] [skip-first-ms=0]
 * (skip the start-up: the module loading of a fresh process is no part of a steady-state cost)
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `kafkajs`, `typeorm`, `pg`, `libs/messaging/...`, `(node)`, `(idle)`: where a frame's code lives. */
function placeOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return `(${frame.functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1]!;
  const ours = /dist\/((?:libs|services|bench)\/[^/]+)/.exec(frame.url);
  if (ours) return ours[1]!;
  return frame.url.startsWith('node:') ? 'node' : frame.url;
}

function main(): void {
  const [file, topArg, filter, skipArg] = process.argv.slice(2);
  const skipMs = Number(skipArg ?? 0);
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file!, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsedMs += ms;
    if (elapsedMs >= skipMs) self.set(id, (self.get(id) ?? 0) + ms);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) =>
    /^\((idle|program|garbage collector)\)$/.test(
      `(${byId.get(id)!.callFrame.functionName.replace(/[()]/g, '')})`,
    ),
  );
  const busy = total - idle.reduce((sum, [, ms]) => sum + ms, 0);

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const pattern = filter && filter !== '-' ? new RegExp(filter) : undefined;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    add(byPlace, placeOf(frame), ms);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${placeOf(frame)}:${frame.lineNumber + 1}`, ms);
    if (!pattern) continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = `${byId.get(at)!.callFrame.functionName} ${placeOf(byId.get(at)!.callFrame)}`;
      if (pattern.test(name) && !seen.has(name)) {
        seen.add(name);
        add(inclusive, name, ms);
      }
    }
  }
  const table = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${k}`,
      );
  console.log(`profile ${total.toFixed(0)} ms, busy (not idle, program, GC) ${busy.toFixed(0)} ms`);
  console.log('\nself time by package or file of ours:\n' + table(byPlace).join('\n'));
  console.log('\nself time by function:\n' + table(byFunction).join('\n'));
  if (pattern) console.log(`\ninclusive time of frames matching ${pattern}:\n` + table(inclusive).join('\n'));
}

main();
