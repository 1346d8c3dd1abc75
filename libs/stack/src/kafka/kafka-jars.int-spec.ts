import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installKafkaJars, kafkaJarsReady } from './kafka-jars';

// Several stacks share one jar cache and may fill it at the same time (no Maven here: the folders a fill
// produces are made by hand).
describe('installKafkaJars (the shared jar cache)', () => {
  let root: string;
  let libsDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pac-kafka-jars-'));
    libsDir = join(root, 'kafka-4.1.1', 'libs');
    mkdirSync(join(root, 'kafka-4.1.1'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function completeFill(name: string, version: string): string {
    const folder = join(root, 'kafka-4.1.1', name);
    mkdirSync(folder);
    writeFileSync(join(folder, `${name}.jar`), name);
    writeFileSync(join(folder, '.kafka-version'), `${version}\n`);
    return folder;
  }

  it('moves a complete fill into place', () => {
    installKafkaJars(completeFill('first', '4.1.1'), libsDir, '4.1.1');
    expect(kafkaJarsReady(libsDir, '4.1.1')).toBe(true);
    expect(readdirSync(join(root, 'kafka-4.1.1'))).toEqual(['libs']);
  });

  it('keeps the first fill when a concurrent one finishes later, and leaves no side folder behind', () => {
    const first = completeFill('first', '4.1.1');
    const second = completeFill('second', '4.1.1');
    installKafkaJars(first, libsDir, '4.1.1');
    installKafkaJars(second, libsDir, '4.1.1');
    expect(readFileSync(join(libsDir, 'first.jar'), 'utf8')).toBe('first');
    expect(existsSync(join(libsDir, 'second.jar'))).toBe(false);
    expect(readdirSync(join(root, 'kafka-4.1.1'))).toEqual(['libs']);
  });

  it('replaces a folder without a matching marker (another version, or an interrupted fill)', () => {
    mkdirSync(libsDir);
    writeFileSync(join(libsDir, 'half.jar'), 'half');
    installKafkaJars(completeFill('fresh', '4.1.1'), libsDir, '4.1.1');
    expect(readdirSync(libsDir).sort()).toEqual(['.kafka-version', 'fresh.jar']);
    expect(readdirSync(join(root, 'kafka-4.1.1'))).toEqual(['libs']);
  });
});
