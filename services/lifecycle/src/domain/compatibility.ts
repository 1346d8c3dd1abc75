import { versionKey } from './version';

/** An extension installed in an environment, with the application versions it supports. */
export interface InstalledExtension {
  extensionId: string;
  publisher: string;
  name: string;
  version: string;
  minVersion: string;
  maxVersion?: string;
}

/**
 * The installed extensions that do not support `targetVersion` (it is below their minVersion or above their
 * maxVersion). An update to it succeeds only when there is none.
 */
export function blockingExtensions(
  extensions: readonly InstalledExtension[],
  targetVersion: string,
): InstalledExtension[] {
  const target = versionKey(targetVersion);
  return extensions.filter(
    (e) =>
      versionKey(e.minVersion) > target || (e.maxVersion !== undefined && versionKey(e.maxVersion) < target),
  );
}

/** "Contoso Banking 2.1 (supports 25.0–25.9)": how an extension is named to partners. */
export function describeExtension(extension: InstalledExtension): string {
  const range = extension.maxVersion
    ? `${extension.minVersion}–${extension.maxVersion}`
    : `${extension.minVersion} and later`;
  return `${extension.publisher} ${extension.name} ${extension.version} (supports ${range})`;
}
