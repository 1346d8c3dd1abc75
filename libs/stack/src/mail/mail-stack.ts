import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { isProcessRunning, stopProcess } from '../os-processes';
import { assertPortFree } from '../ports';
import { repoRoot } from '../repo-root';
import { seconds, type UpContext } from '../stack-context';
import type { StackOptions } from '../stack-options';
import { writeState, type StackState } from '../stack-state';

export type SmtpPlan =
  | { kind: 'external'; smtpUrl: string }
  | { kind: 'reuse'; pid: number; port: number }
  | { kind: 'start'; port: number };

/** Decides what `up` does for e-mail: the SMTP_URL given, the local server of this folder, or a new one. */
export async function planSmtp(
  opts: StackOptions,
  state: StackState,
  env: NodeJS.ProcessEnv,
): Promise<SmtpPlan> {
  const external = env['SMTP_URL']?.trim();
  if (external) return { kind: 'external', smtpUrl: external };
  const recorded = state.smtp;
  if (recorded && isProcessRunning(recorded.pid, opts.dir)) {
    if (recorded.port !== opts.smtpPort) {
      throw new Error(
        `The SMTP server of ${opts.dir} already runs on port ${recorded.port}, not ${opts.smtpPort}. ` +
          `Run "npm run stack -- down" first, or use SMTP_PORT=${recorded.port}.`,
      );
    }
    return { kind: 'reuse', pid: recorded.pid, port: recorded.port };
  }
  delete state.smtp;
  await assertPortFree(opts.smtpPort, 'the local SMTP server', 'SMTP_PORT');
  return { kind: 'start', port: opts.smtpPort };
}

/** Carries out the plan; returns the SMTP_URL the notification service sends to. */
export async function bringUpSmtp(plan: SmtpPlan, ctx: UpContext): Promise<string> {
  const { opts, log, state } = ctx;
  if (plan.kind === 'external') {
    log(`SMTP: using SMTP_URL (nothing started)`);
    return plan.smtpUrl;
  }
  const smtpUrl = `smtp://127.0.0.1:${plan.port}`;
  if (plan.kind === 'reuse') {
    log(`SMTP: already running (pid ${plan.pid}) on 127.0.0.1:${plan.port}`);
    return smtpUrl;
  }
  const startedAt = Date.now();
  const logFile = openSync(join(opts.dir, 'smtp.log'), 'a');
  const child = spawn(process.execPath, [serverScript(), String(plan.port), opts.dir], {
    detached: true,
    stdio: ['ignore', logFile, logFile],
  });
  closeSync(logFile);
  child.unref();
  const pid = child.pid!;
  state.smtp = { pid, port: plan.port };
  ctx.startedNow.smtp = true;
  writeState(opts.dir, state);
  if (!(await accepting(plan.port, 10_000))) {
    throw new Error(
      `the local SMTP server did not listen on 127.0.0.1:${plan.port} within 10 s (see smtp.log)`,
    );
  }
  log(
    `SMTP: started (pid ${pid}) on 127.0.0.1:${plan.port} in ${seconds(startedAt)}; mail kept in ${opts.dir}/mail`,
  );
  return smtpUrl;
}

export async function stopSmtp(state: StackState, dir: string, log: (line: string) => void): Promise<void> {
  const recorded = state.smtp;
  if (!recorded) return;
  const outcome = await stopProcess(recorded.pid, dir, 'SIGTERM', 5_000);
  log(`SMTP: ${outcome === 'not-running' ? 'was not running' : outcome} (pid ${recorded.pid})`);
  delete state.smtp;
}

export function smtpStatus(opts: StackOptions, state: StackState, env: NodeJS.ProcessEnv): string {
  if (env['SMTP_URL']?.trim()) return 'external (SMTP_URL)';
  const recorded = state.smtp;
  if (recorded && isProcessRunning(recorded.pid, opts.dir))
    return `running (pid ${recorded.pid}) on 127.0.0.1:${recorded.port}`;
  return 'stopped';
}

/**
 * The compiled server: beside this file when it runs from dist/ (npm scripts), else (Jest runs the sources) the
 * copy `npm run build` put in dist/, which `npm test` always builds first.
 */
function serverScript(): string {
  const beside = join(__dirname, 'smtp-server-process.js');
  if (existsSync(beside)) return beside;
  return join(repoRoot(), 'dist', 'libs', 'stack', 'src', 'mail', 'smtp-server-process.js');
}

async function accepting(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
