import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lastLines, runCommand } from '../os-processes';

const MARKER = '.kafka-version';

/** The `<kafka.version>` that deploy/kafka/pom.xml pins: the single place that names the broker version. */
export function kafkaVersionOfPom(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match?.[1]) throw new Error('deploy/kafka/pom.xml declares no <kafka.version> property');
  return match[1];
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
 * Lets Maven copy the broker and its runtime dependencies into `libsDir`. It works in a side folder that is
 * renamed into place at the end, so an interrupted download is never taken for a complete one.
 */
export async function fetchKafkaJars(request: FetchKafkaJars): Promise<void> {
  const { mvn, pomFile, libsDir, version, mavenRepo, log } = request;
  if (!existsSync(pomFile)) throw new Error(`Cannot fetch the Kafka jars: ${pomFile} is missing`);
  const partial = `${libsDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  log(`Kafka: fetching kafka_2.13 ${version} and its dependencies with Maven (once)…`);
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
  const result = await runCommand(mvn, args, { timeoutMs: 15 * 60_000 });
  if (result.code !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(
      `Maven could not fetch the Kafka jars (exit ${result.code}):\n${lastLines(result.output, 30)}`,
    );
  }
  writeFileSync(join(partial, MARKER), `${version}\n`);
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(partial, libsDir);
}
