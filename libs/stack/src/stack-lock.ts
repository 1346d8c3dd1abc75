import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessRunning } from './os-processes';

/**
 * Runs `work` while holding `<dir>/stack.lock`, so that two `up`/`down` of the same directory (two terminals,
 * parallel test workers) never start a second Postgres or Kafka on the same data. A lock left by a dead
 * process is taken over.
 */
export async function withStackLock<T>(dir: string, work: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const file = join(dir, 'stack.lock');
  const token = `${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(file, token)) break;
    const content = readQuietly(file);
    const holder = Number(content.split(' ')[0]);
    // An empty lock is one being written right now, unless it has stayed empty for long (its writer died).
    const abandoned = content === '' ? ageMs(file) > 5_000 : !isProcessRunning(holder);
    if (abandoned) {
      if (readQuietly(file) === content) rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Another stack command (pid ${holder}) still holds ${file}; wait for it or stop it.`);
    }
    await sleep(200);
  }
  try {
    return await work();
  } finally {
    if (readQuietly(file) === token) rmSync(file, { force: true });
  }
}

function tryCreate(file: string, token: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, token);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
