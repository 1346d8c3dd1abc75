/**
 * Application versions, the one module every service reads them with. Releases are numbered "major.minor"
 * (26.1); the reference admin center also shows builds as "major.minor.build.revision" (26.1.12345.0). Both
 * forms are read here and compared numerically, part by part: 26.10 is after 26.9, 26.1.20000.0 after
 * 26.1.9999.5, and a missing part counts as 0 (26.1 = 26.1.0.0).
 *
 * What the API and the events accept today is APPLICATION_VERSION_PATTERN, "major.minor" only; the longer
 * form is read everywhere so that accepting it is a change of that pattern (docs/architecture.md, versions).
 */
export const APPLICATION_VERSION_PATTERN = /^\d{1,4}\.\d{1,4}$/;

/** Both forms: "major.minor" or "major.minor.build.revision". */
export const ANY_APPLICATION_VERSION_PATTERN = /^\d{1,4}\.\d{1,4}(\.\d{1,9}\.\d{1,9})?$/;

/** An application version in either form, once read (isApplicationVersion). */
export type ApplicationVersion = `${number}.${number}` | `${number}.${number}.${number}.${number}`;

export function isApplicationVersion(text: string): text is ApplicationVersion {
  return ANY_APPLICATION_VERSION_PATTERN.test(text);
}

/** The numeric parts of a version ([26, 1] or [26, 1, 12345, 0]); undefined when it is neither form. */
export function parseApplicationVersion(text: string): readonly number[] | undefined {
  return ANY_APPLICATION_VERSION_PATTERN.test(text) ? text.split('.').map(Number) : undefined;
}

/** Negative when a is older than b, 0 when they are the same version, positive when a is newer. */
export function compareApplicationVersions(a: string, b: string): number {
  return compareParts(partsOf(a), partsOf(b));
}

export function isNewerVersion(candidate: string, than: string): boolean {
  return compareApplicationVersions(candidate, than) > 0;
}

/**
 * The same order for SQL: a decimal number, as text, for a `numeric` column, that compares as the versions
 * do. Its integer part is major × 10,000 + minor (the lifecycle service's integer `version_key` of
 * "major.minor" today, so ranges of a major version stay `major × 10,000` to `(major + 1) × 10,000`), its
 * fraction the build and the revision, nine digits each: "26.1" → "260001", "26.1.12345.7" →
 * "260001.000012345000000007" ("26.1.0.0" → "260001", the same version as "26.1").
 */
export function applicationVersionSortKey(version: string): string {
  const [major = 0, minor = 0, build = 0, revision = 0] = partsOf(version);
  const whole = String(major * 10_000 + minor);
  if (build === 0 && revision === 0) return whole;
  return `${whole}.${String(build).padStart(9, '0')}${String(revision).padStart(9, '0')}`;
}

/** The application versions an extension declares it supports: from minVersion, up to maxVersion if any. */
export interface SupportedVersions {
  minVersion: string;
  maxVersion?: string | null;
}

/**
 * Whether an extension supports an application version: minVersion ≤ version ≤ maxVersion. A maxVersion
 * covers every build of itself (maxVersion 26.5 supports 26.5.12345.0): the version is compared on the parts
 * maxVersion gives.
 */
export function supportsApplicationVersion(supported: SupportedVersions, version: string): boolean {
  const parts = partsOf(version);
  if (compareParts(parts, partsOf(supported.minVersion)) < 0) return false;
  if (supported.maxVersion === undefined || supported.maxVersion === null) return true;
  const max = partsOf(supported.maxVersion);
  return compareParts(parts.slice(0, max.length), max) <= 0;
}

function partsOf(version: string): readonly number[] {
  const parts = parseApplicationVersion(version);
  if (!parts) throw new RangeError(`not an application version: ${JSON.stringify(version)}`);
  return parts;
}

function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
