import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReachableBy } from './postgres-binaries';

describe('a stack folder the postgres OS user must reach', () => {
  const postgresUser = { uid: 424242, gid: 424242 };
  let clone: string;

  beforeEach(() => {
    clone = mkdtempSync(join(realpathSync(tmpdir()), 'pac-clone-')); // 0700, as `mktemp -d` makes it
  });
  afterEach(() => rmSync(clone, { recursive: true, force: true }));

  it('opens our own folders below the temporary one for search only, not for listing', () => {
    const stackDir = join(clone, 'ci', '.stack-test');
    mkdirSync(stackDir, { recursive: true, mode: 0o700 });

    expect(() => assertReachableBy(postgresUser, stackDir)).not.toThrow();

    expect(statSync(clone).mode & 0o777).toBe(0o701);
    expect(statSync(join(clone, 'ci')).mode & 0o777).toBe(0o701);
  });
});
