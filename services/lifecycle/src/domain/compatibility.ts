import { supportsApplicationVersion, type BlockingExtensionData } from '@pac/contracts';

/** An extension installed in an environment, with the application versions it supports (as events carry it). */
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
 * maxVersion), as events name them. An update to it succeeds only when there is none.
 */
export function blockingExtensions(
  extensions: readonly InstalledExtension[],
  targetVersion: string,
): BlockingExtensionData[] {
  return extensions
    .filter((extension) => !supportsApplicationVersion(extension, targetVersion))
    .map((extension) => ({
      extensionId: extension.extensionId,
      publisher: extension.publisher,
      name: extension.name,
      version: extension.version,
      minVersion: extension.minVersion,
      ...(extension.maxVersion ? { maxVersion: extension.maxVersion } : {}),
    }));
}

/** Whether two lists name the same extensions (a pre-check's result changes only when they differ). */
export function sameExtensions(
  a: readonly { extensionId: string }[],
  b: readonly { extensionId: string }[],
): boolean {
  const ids = (list: readonly { extensionId: string }[]) =>
    list
      .map((e) => e.extensionId)
      .sort()
      .join(',');
  return ids(a) === ids(b);
}
