import { missingTooling, parseJavaMajorVersion } from './java-tooling';

describe('parseJavaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_402"', 8],
    ['no version here', undefined],
  ])('%s -> %s', (output, major) => {
    expect(parseJavaMajorVersion(output)).toBe(major);
  });
});

describe('missingTooling', () => {
  it('names the three ways out', () => {
    const message = missingTooling('`java` was not found').message;
    expect(message).toContain('install Java 17+ and Maven');
    expect(message).toContain('KAFKA_BROKERS');
    expect(message).toContain('docker compose up');
  });
});
