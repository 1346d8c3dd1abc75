import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root';
import { seconds } from '../stack-context';
import { requireJavaTooling } from './java-tooling';
import { fetchKafkaJars, kafkaJarsDir, kafkaJarsReady, kafkaVersionOfPom } from './kafka-jars';

/** What starting a local broker needs: Java, the jars of the pom's Kafka version (Maven while they are missing). */
export interface KafkaTooling {
  java: string;
  mvn?: string;
  version: string;
  pomFile: string;
  libsDir: string;
}

/** Fails before anything starts when Java (or Maven, while the jars are missing) is not there. */
export async function planKafkaTooling(env: NodeJS.ProcessEnv): Promise<KafkaTooling> {
  const pomFile = join(repoRoot(), 'deploy', 'kafka', 'pom.xml');
  if (!existsSync(pomFile)) throw new Error(`Cannot start a local Kafka: ${pomFile} is missing`);
  const version = kafkaVersionOfPom(readFileSync(pomFile, 'utf8'));
  const libsDir = kafkaJarsDir(version, env);
  const tooling = await requireJavaTooling(!kafkaJarsReady(libsDir, version));
  return { ...tooling, version, pomFile, libsDir };
}

/** Fills the shared jar cache if it is still missing (another stack may have filled it since the plan). */
export async function ensureKafkaJars(tooling: KafkaTooling, log: (line: string) => void): Promise<void> {
  if (kafkaJarsReady(tooling.libsDir, tooling.version)) return;
  const fetchedAt = Date.now();
  // The plan asked for Maven exactly when the jars were missing.
  await fetchKafkaJars({
    mvn: tooling.mvn ?? 'mvn',
    pomFile: tooling.pomFile,
    libsDir: tooling.libsDir,
    version: tooling.version,
    ...(process.env['STACK_MAVEN_REPO'] ? { mavenRepo: process.env['STACK_MAVEN_REPO'] } : {}),
    log,
  });
  log(`Kafka: jars ready in ${tooling.libsDir} (${seconds(fetchedAt)})`);
}
