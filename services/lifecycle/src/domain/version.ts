/** An application version "major.minor" (26.1), compared numerically: 26.10 is newer than 26.9. */
export interface Version {
  major: number;
  minor: number;
}

export function parseVersion(text: string): Version {
  const match = /^(\d{1,4})\.(\d{1,4})$/.exec(text);
  if (!match) throw new RangeError(`not a version "major.minor": ${text}`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/**
 * One integer that orders versions (major × 10,000 + minor), stored beside the text so that SQL compares
 * versions with an index instead of parsing them.
 */
export function versionKey(text: string): number {
  const { major, minor } = parseVersion(text);
  return major * 10_000 + minor;
}

export function isNewer(candidate: string, than: string): boolean {
  return versionKey(candidate) > versionKey(than);
}
