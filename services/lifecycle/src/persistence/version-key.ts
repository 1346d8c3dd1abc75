import { parseApplicationVersion } from '@pac/contracts';

/**
 * One integer that orders application versions "major.minor" (major × 10,000 + minor), stored beside the
 * version text (`version_key` of releases, environments and updates) so that SQL compares versions through an
 * index instead of parsing them. Versions compare as @pac/contracts compares them; the four-part form has no
 * key in this integer column yet (docs/architecture.md, versions), and is refused here.
 */
export function versionKey(version: string): number {
  const parts = parseApplicationVersion(version);
  if (!parts || parts.length !== 2) throw new RangeError(`no version key for ${JSON.stringify(version)}`);
  const [major = 0, minor = 0] = parts;
  return major * 10_000 + minor;
}

/**
 * The lowest environment version key a release is offered to: x.0 of the major before the release's (an
 * environment is offered versions of its current or next major version only; domain eligibility).
 */
export function lowestVersionKeyOffered(releaseVersion: string): number {
  const major = Math.floor(versionKey(releaseVersion) / 10_000);
  return Math.max(0, major - 1) * 10_000;
}
