import {
  applicationVersionSortKey,
  APPLICATION_VERSION_PATTERN,
  compareApplicationVersions,
  isApplicationVersion,
  isNewerVersion,
  parseApplicationVersion,
  supportsApplicationVersion,
} from './application-version';

describe('application versions', () => {
  it('reads "major.minor" and "major.minor.build.revision", nothing else', () => {
    expect(parseApplicationVersion('26.1')).toEqual([26, 1]);
    expect(parseApplicationVersion('26.1.12345.7')).toEqual([26, 1, 12345, 7]);
    for (const bad of ['26', '26.1.2', '26.1.2.3.4', 'v26.1', '26.x', '', '12345.1']) {
      expect(parseApplicationVersion(bad)).toBeUndefined();
      expect(isApplicationVersion(bad)).toBe(false);
    }
    expect(isApplicationVersion('26.1')).toBe(true);
    expect(isApplicationVersion('26.1.12345.7')).toBe(true);
  });

  it('accepts "major.minor" only as input today', () => {
    expect(APPLICATION_VERSION_PATTERN.test('26.1')).toBe(true);
    expect(APPLICATION_VERSION_PATTERN.test('26.1.12345.0')).toBe(false);
  });

  it('compares numerically, part by part, a missing part counting as 0', () => {
    expect(compareApplicationVersions('26.10', '26.9')).toBeGreaterThan(0);
    expect(compareApplicationVersions('25.9', '26.0')).toBeLessThan(0);
    expect(compareApplicationVersions('26.1', '26.1.0.0')).toBe(0);
    expect(compareApplicationVersions('26.1.20000.0', '26.1.9999.5')).toBeGreaterThan(0);
    expect(isNewerVersion('26.1.1.0', '26.1')).toBe(true);
    expect(isNewerVersion('26.1', '26.1')).toBe(false);
    expect(() => compareApplicationVersions('26', '26.1')).toThrow(RangeError);
  });

  it('gives SQL a sort key that orders as the versions compare', () => {
    expect(applicationVersionSortKey('26.1')).toBe('260001');
    expect(applicationVersionSortKey('26.1.0.0')).toBe('260001');
    expect(applicationVersionSortKey('26.1.12345.7')).toBe('260001.000012345000000007');
    const versions = [
      '26.10',
      '26.9',
      '26.1.20000.0',
      '26.1.9999.5',
      '25.9',
      '26.1',
      '26.1.9999.40',
      '9999.9999',
    ];
    const byKey = [...versions].sort((a, b) => {
      const [x, y] = [applicationVersionSortKey(a), applicationVersionSortKey(b)];
      const [xi, xf = ''] = x.split('.');
      const [yi, yf = ''] = y.split('.');
      return Number(xi) - Number(yi) || xf.padEnd(18, '0').localeCompare(yf.padEnd(18, '0'));
    });
    expect(byKey).toEqual([...versions].sort(compareApplicationVersions));
    expect(() => applicationVersionSortKey('26')).toThrow(RangeError);
  });

  it('an extension supports minVersion to maxVersion, every build of maxVersion included', () => {
    const range = { minVersion: '25.2', maxVersion: '26.5' };
    expect(supportsApplicationVersion(range, '25.1')).toBe(false);
    expect(supportsApplicationVersion(range, '25.2')).toBe(true);
    expect(supportsApplicationVersion(range, '26.5')).toBe(true);
    expect(supportsApplicationVersion(range, '26.5.12345.0')).toBe(true);
    expect(supportsApplicationVersion(range, '26.6')).toBe(false);
    expect(supportsApplicationVersion(range, '26.10')).toBe(false);
    expect(supportsApplicationVersion({ minVersion: '25.2', maxVersion: null }, '40.0')).toBe(true);
    expect(supportsApplicationVersion({ minVersion: '25.2' }, '25.2.1.0')).toBe(true);
  });
});
