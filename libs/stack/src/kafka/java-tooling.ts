import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runCommand } from '../os-processes';

export const MINIMUM_JAVA_VERSION = 17;

export interface JavaTooling {
  java: string;
  /** Only looked for when the Kafka jars still have to be fetched. */
  mvn?: string;
}

/**
 * Finds `java` (17+) and, when needed, `mvn`, or fails with the one message that lists the three ways out,
 * before anything is started.
 */
export async function requireJavaTooling(needMaven: boolean, env = process.env): Promise<JavaTooling> {
  const javaHome = env['JAVA_HOME'];
  const java = (javaHome && executable(join(javaHome, 'bin', 'java'))) || onPath('java', env);
  if (!java) throw missingTooling('`java` was found neither in JAVA_HOME nor on PATH');
  const version = await javaMajorVersion(java);
  if (version !== undefined && version < MINIMUM_JAVA_VERSION) {
    throw missingTooling(`${java} is Java ${version}; Kafka 4 needs Java ${MINIMUM_JAVA_VERSION} or newer`);
  }
  if (!needMaven) return { java };
  const mvn = onPath('mvn', env);
  if (!mvn)
    throw missingTooling('`mvn` (Maven) was not found on PATH; it is needed once, to fetch the Kafka jars');
  return { java, mvn };
}

export function missingTooling(problem: string): Error {
  return new Error(
    `Cannot start the local Kafka: ${problem}.\n` +
      'Three ways out:\n' +
      `  1. install Java ${MINIMUM_JAVA_VERSION}+ and Maven (Debian/Ubuntu: apt-get install openjdk-17-jre-headless maven), then run again;\n` +
      '  2. set KAFKA_BROKERS=host:port[,host:port] to use a Kafka broker you already have;\n' +
      '  3. run everything in containers instead: docker compose up.',
  );
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or, before Java 9, `"1.8.0_402"`. */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

async function javaMajorVersion(java: string): Promise<number | undefined> {
  const result = await runCommand(java, ['-version'], { timeoutMs: 20_000 });
  return parseJavaMajorVersion(result.output);
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const found = executable(join(dir, name));
    if (found) return found;
  }
  return undefined;
}

function executable(file: string): string | undefined {
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}
