import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ServiceName } from './services';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  name: ServiceName;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Where its JSON log goes: a folder (one file per instance) or the parent's stdout. */
  logTo: { folder: string } | 'inherit';
  /** The compiled repository root (dist/). */
  distDir: string;
}

/** One running instance of a service, as its own OS process. */
export class ServiceProcess {
  /** Resolves when the process has exited, for whatever reason. */
  readonly exit: Promise<ProcessExit>;

  private constructor(
    readonly name: ServiceName,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(options: ServiceProcessOptions): ServiceProcess {
    const entry = path.join(options.distDir, 'services', options.name, 'src', 'main.js');
    const env = {
      ...options.env,
      [`${options.name.toUpperCase()}_PORT`]: String(options.port),
      PORT: String(options.port),
    };
    // The IPC channel is how the service knows its launcher is alive: when it closes (the launcher died,
    // even by SIGKILL), the service shuts down instead of running on as an orphan.
    const stdio: ['ignore' | 'inherit', 'pipe' | 'inherit', 'pipe' | 'inherit', 'ipc'] =
      options.logTo === 'inherit'
        ? ['inherit', 'inherit', 'inherit', 'ipc']
        : ['ignore', 'pipe', 'pipe', 'ipc'];
    // No --enable-source-maps: Node parses every module's map as it loads, about 13 MB per service at rest.
    // Stack traces name the compiled files in dist/ (close to the sources); NODE_OPTIONS=--enable-source-maps
    // maps them to the TypeScript when wanted.
    // SERVICE_NODE_ARGS: flags Node refuses in NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to
    // see where a service's CPU goes under a benchmark (bench/cpu-profile-summary.ts reads the profiles).
    const nodeArgs = (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, entry], { env, stdio });
    if (options.logTo !== 'inherit') {
      mkdirSync(options.logTo.folder, { recursive: true });
      const file = createWriteStream(path.join(options.logTo.folder, `${options.name}-${options.port}.log`), {
        flags: 'a',
      });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    return new ServiceProcess(options.name, `http://127.0.0.1:${options.port}`, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits until GET /health/ready answers 200; fails early if the process dies. */
  /**
   * Six services starting at once on two busy cores can take minutes to load their modules and join their
   * consumer groups; SERVICE_READY_TIMEOUT_MS overrides the wait.
   */
  async waitUntilReady(
    timeoutMs = Number(process.env['SERVICE_READY_TIMEOUT_MS'] ?? 180_000),
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited)
        throw new Error(`${this.name} exited with code ${this.child.exitCode} before it was ready`);
      try {
        const response = await fetch(`${this.url}/health/ready`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms`);
  }

  /** SIGTERM (graceful: consumers leave their group), then SIGKILL if it has not exited in time. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }

  /** Kills at once, as a crash would. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }
}
