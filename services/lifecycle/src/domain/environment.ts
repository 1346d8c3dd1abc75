import type { EnvironmentStatus, EnvironmentType } from '@pac/contracts';
import type { InstalledExtension } from './compatibility';
import type { UpdateWindow } from './update-window';

/**
 * The lifecycle service's own view of an environment, built from the tenant service's events (it never reads
 * the tenant service's tables), with the environment's update window, which this service owns.
 */
export interface Environment {
  tenantId: string;
  name: string;
  partnerId: string;
  type: EnvironmentType;
  status: EnvironmentStatus;
  applicationVersion: string;
  extensions: InstalledExtension[];
  window: UpdateWindow;
}
