import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const repoRoot = path.resolve(__dirname, '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as T;

interface Manifest {
  engines: { node: string };
}
interface Lock {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
}

const declared = readJson<Manifest>('package.json').engines.node;
/** The oldest release of each Node major the range admits: every dependency must run on each. */
const oldestOfEachMajor = declared.split('||').map((part) => semver.minVersion(part.trim())!.version);

describe('the Node versions package.json declares', () => {
  it('are the ones the dependencies support (no EBADENGINE on npm ci)', () => {
    const refusing = Object.entries(readJson<Lock>('package-lock.json').packages).flatMap(([name, info]) => {
      const range = Array.isArray(info.engines) ? undefined : info.engines?.node;
      if (!name || !range) return [];
      const refused = oldestOfEachMajor.filter((version) => !semver.satisfies(version, range));
      return refused.length > 0 ? [`${name} (${range}) refuses ${refused.join(', ')}`] : [];
    });
    expect(oldestOfEachMajor).toEqual(['20.19.0', '22.13.0', '24.11.0']);
    expect(refusing).toEqual([]);
  });

  it('include the one .nvmrc and the Docker image use', () => {
    const nvmrc = readFileSync(path.join(repoRoot, '.nvmrc'), 'utf8').trim();
    const dockerfile = readFileSync(path.join(repoRoot, 'deploy/docker/Dockerfile'), 'utf8');
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([nvmrc]));
    expect(semver.intersects(`^${nvmrc}`, declared)).toBe(true);
  });
});
