import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lastLines, runCommand } from '../os-processes';

const MARKER = '.kafka-version';

/** The `<kafka.version>` that deploy/kafka/pom.xml pins: the single place that names the broker version. */
export function kafkaVersionOfPom(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match?.[1]) throw new Error('deploy/kafka/pom.xml declares no <kafka.version> property');
  return match[1];
}

/**
 * Where the broker jars live: one folder per Kafka version shared by every stack folder of the machine's user
 * (`.stack`, `.stack-test`, temp folders of tests and benchmarks), so Maven runs once, not once per stack.
 * KAFKA_JARS_DIR names the folder itself; otherwise `$XDG_CACHE_HOME` (default `~/.cache`) holds it.
 */
export function kafkaJarsDir(version: string, env: NodeJS.ProcessEnv, home = homedir()): string {
  const given = env['KAFKA_JARS_DIR']?.trim();
  if (given) return resolve(given);
  const cacheHome = env['XDG_CACHE_HOME']?.trim() || join(home, '.cache');
  return join(resolve(cacheHome), 'partner-admin-center', `kafka-${version}`, 'libs');
}

/** The jars are complete only once Maven succeeded: the marker is written last, naming the version. */
export function kafkaJarsReady(libsDir: string, version: string): boolean {
  try {
    return readFileSync(join(libsDir, MARKER), 'utf8').trim() === version;
  } catch {
    return false;
  }
}

export interface FetchKafkaJars {
  mvn: string;
  pomFile: string;
  libsDir: string;
  version: string;
  /** A Maven local repository other than ~/.m2/repository (STACK_MAVEN_REPO), e.g. for a cold-start benchmark. */
  mavenRepo?: string;
  log: (line: string) => void;
}

/**
 * Lets Maven copy the broker and its runtime dependencies into a side folder next to `libsDir`, then moves it
 * into place with `installKafkaJars`, so neither an interrupted download nor a fill in progress is ever taken
 * for a complete cache.
 */
export async function fetchKafkaJars(request: FetchKafkaJars): Promise<void> {
  const { mvn, pomFile, libsDir, version, mavenRepo, log } = request;
  const partial = sideFolder(libsDir, 'partial');
  log(`Kafka: fetching kafka_2.13 ${version} and its dependencies with Maven into ${libsDir} (once)…`);
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    pomFile,
    ...(mavenRepo ? [`-Dmaven.repo.local=${resolve(mavenRepo)}`] : []),
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${partial}`,
  ];
  try {
    const result = await runCommand(mvn, args, { timeoutMs: 15 * 60_000 });
    if (result.code !== 0) {
      throw new Error(
        `Maven could not fetch the Kafka jars (exit ${result.code}):\n${lastLines(result.output, 30)}`,
      );
    }
    writeFileSync(join(partial, MARKER), `${version}\n`);
    installKafkaJars(partial, libsDir, version);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * Moves a complete jar folder (marker written) to `libsDir` with one rename. Several stacks may fill the cache
 * at once: whoever renames first wins and the others keep the winner's jars. A folder left by an older version
 * (or by a fill from before the marker) is moved aside in one rename too, then deleted.
 */
export function installKafkaJars(complete: string, libsDir: string, version: string): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      renameSync(complete, libsDir);
      return;
    } catch (error) {
      if (!isFolderTaken(error)) throw error;
    }
    if (kafkaJarsReady(libsDir, version)) {
      rmSync(complete, { recursive: true, force: true });
      return;
    }
    const stale = sideFolder(libsDir, 'stale');
    try {
      renameSync(libsDir, stale);
    } catch (error) {
      // Another filler moved it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    rmSync(stale, { recursive: true, force: true });
  }
  throw new Error(`Could not move the Kafka jars into ${libsDir}: other processes keep replacing it`);
}

/** A unique sibling of `libsDir`: same file system, so the final rename is atomic. */
function sideFolder(libsDir: string, kind: 'partial' | 'stale'): string {
  mkdirSync(dirname(libsDir), { recursive: true });
  return `${libsDir}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function isFolderTaken(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
