import { blockingExtensions, sameExtensions, type InstalledExtension } from './compatibility';

const extension = (name: string, minVersion: string, maxVersion?: string): InstalledExtension => ({
  extensionId: `00000000-0000-4000-8000-00000000000${name.length}`,
  publisher: 'Contoso',
  name,
  version: '1.0',
  minVersion,
  ...(maxVersion ? { maxVersion } : {}),
});

describe('compatibility of installed extensions with a target version', () => {
  it('given extensions whose ranges include the target, then nothing blocks', () => {
    expect(
      blockingExtensions([extension('Banking', '25.0'), extension('Tax', '24.0', '26.1')], '26.1'),
    ).toEqual([]);
  });

  it('given an extension whose maxVersion is below the target, then it blocks', () => {
    const tax = extension('Tax', '24.0', '26.0');
    expect(blockingExtensions([extension('Banking', '25.0'), tax], '26.1')).toEqual([tax]);
  });

  it('given an extension that needs a newer version than the target, then it blocks', () => {
    const future = extension('Future', '27.0');
    expect(blockingExtensions([future], '26.1')).toEqual([future]);
  });

  it('compares versions as numbers', () => {
    expect(blockingExtensions([extension('Tax', '26.0', '26.9')], '26.10')).toHaveLength(1);
  });

  it('names blocking extensions as events do, whatever the projection keeps beside', () => {
    const kept = { ...extension('Tax', '24.0', '26.0'), installedAt: '2026-01-01T00:00:00Z' };
    expect(blockingExtensions([kept], '26.1')).toEqual([extension('Tax', '24.0', '26.0')]);
  });

  it('tells lists of the same extensions apart from different ones, whatever their order', () => {
    const [a, b] = [extension('A', '24.0'), extension('Bb', '24.0')];
    expect(sameExtensions([a, b], [b, a])).toBe(true);
    expect(sameExtensions([a], [a, b])).toBe(false);
  });
});
