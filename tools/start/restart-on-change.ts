/**
 * `npm run start:dev`: the sources are watched; after a change they are built again (SWC, seconds) and the
 * services whose code changed are restarted: a service's own folder restarts that service, a library restarts
 * all six (each may use it). A build that fails restarts nothing: the running services keep serving.
 */
import { spawn } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { ServiceName, SupervisedService } from '@pac/launcher';

const WATCHED_FOLDERS = ['libs', 'services'];
/** Changes come in bursts (an editor's save, a git checkout): one build after the burst. */
const QUIET_MS = 300;

/** Which services run the code of these changed files (paths relative to the repository root). */
export function servicesToRestart(changedFiles: string[], running: readonly ServiceName[]): ServiceName[] {
  const restart = new Set<ServiceName>();
  for (const file of changedFiles) {
    const parts = file.split(/[\\/]/);
    if (!file.endsWith('.ts') || /\.(spec|int-spec|e2e-spec)\.ts$/.test(file)) continue;
    if (parts[0] === 'libs') return [...running];
    if (parts[0] === 'services' && running.includes(parts[1] as ServiceName))
      restart.add(parts[1] as ServiceName);
  }
  return running.filter((name) => restart.has(name));
}

export function restartOnChange(
  repoRoot: string,
  processes: SupervisedService[],
  log: (line: string) => void,
): { close(): void } {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const watchers: FSWatcher[] = WATCHED_FOLDERS.map((folder) =>
    watch(path.join(repoRoot, folder), { recursive: true }, (_event, file) => {
      if (!file) return;
      changed.add(path.join(folder, file.toString()));
      clearTimeout(timer);
      timer = setTimeout(() => void rebuildAndRestart(), QUIET_MS);
    }),
  );

  async function rebuildAndRestart(): Promise<void> {
    if (busy) {
      timer = setTimeout(() => void rebuildAndRestart(), QUIET_MS);
      return;
    }
    busy = true;
    const files = [...changed];
    changed.clear();
    try {
      const names = servicesToRestart(
        files,
        processes.map((p) => p.name),
      );
      if (names.length === 0) return;
      log(`changed: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''}; building...`);
      if (!(await build(repoRoot))) {
        log('the build failed (above): the running services keep the code they had');
        return;
      }
      log(`restarting ${names.join(', ')}...`);
      await Promise.all(processes.filter((p) => names.includes(p.name)).map((p) => p.restart()));
      log(`restarted ${names.join(', ')}`);
    } catch (error) {
      log(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  }

  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

function build(repoRoot: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
    child.once('exit', (code) => resolve(code === 0));
    child.once('error', () => resolve(false));
  });
}
