import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '@pac/testing';
import { SupervisedService, type SupervisionPolicy } from './supervised-service';

jest.setTimeout(60_000);

/** A stand-in for a compiled service: answers /health/ready on PORT, or exits at once with CRASH_AT_START. */
const FAKE_SERVICE = `
if (process.env.CRASH_AT_START) process.exit(3);
require('node:http')
  .createServer((req, res) => res.end(JSON.stringify({ pid: process.pid })))
  .listen(Number(process.env.PORT), '127.0.0.1');
process.channel && process.channel.unref();
process.once('disconnect', () => process.exit(0));
`;

describe('a supervised service', () => {
  const distDir = mkdtempSync(join(tmpdir(), 'pac-supervisor-'));
  const policy: SupervisionPolicy = {
    firstDelayMs: 50,
    maxDelayMs: 400,
    stableAfterMs: 60_000,
    maxCrashes: 3,
    crashWindowMs: 30_000,
  };
  const running: SupervisedService[] = [];

  beforeAll(() => {
    mkdirSync(join(distDir, 'services', 'tenant', 'src'), { recursive: true });
    writeFileSync(join(distDir, 'services', 'tenant', 'src', 'main.js'), FAKE_SERVICE);
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    rmSync(distDir, { recursive: true, force: true });
  });

  const supervise = async (env: NodeJS.ProcessEnv, log: string[]) => {
    const service = new SupervisedService(
      { name: 'tenant', port: await freePort(), distDir, logTo: 'inherit', env: { ...process.env, ...env } },
      (line) => log.push(line),
      policy,
    );
    running.push(service);
    return service;
  };

  it('is started again after a kill -9, says why, and serves again', async () => {
    const log: string[] = [];
    const service = await supervise({}, log);
    await service.waitUntilReady();
    const firstPid = service.pid;
    await service.crash();
    await eventually(
      async () => service.status,
      (status) => status.state === 'running' && status.restarts === 1,
    );
    await service.waitUntilReady();
    expect(service.pid).not.toBe(firstPid);
    expect(log).toEqual([
      expect.stringMatching(/^tenant \(port \d+\) was killed by SIGKILL; restarting it in 50 ms/),
    ]);
  });

  it('gives up, loudly, on a service that keeps crashing', async () => {
    const log: string[] = [];
    const service = await supervise({ CRASH_AT_START: '1' }, log);
    await eventually(
      async () => service.status.state,
      (state) => state === 'gave-up',
    );
    expect(service.status.restarts).toBe(2);
    expect(log[0]).toMatch(/exited with code 3; restarting it in 50 ms/);
    expect(log[1]).toMatch(/exited with code 3; restarting it in 100 ms/);
    expect(log[2]).toMatch(
      /^ERROR: tenant \(port \d+\) exited with code 3: 3 crashes within 30 s, not restarting it again/,
    );
  });

  it('is not restarted once stopped', async () => {
    const log: string[] = [];
    const service = await supervise({}, log);
    await service.waitUntilReady();
    await service.stop();
    expect(service.status.state).toBe('stopped');
    expect(log).toEqual([]);
  });
});
