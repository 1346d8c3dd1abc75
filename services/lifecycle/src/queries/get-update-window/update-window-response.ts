import type { UpdateWindowResponse } from '@pac/http-contracts';
import { startInWindow } from '../../domain/update-window';
import type { EnvironmentViewEntity } from '../../persistence/environment-view.entity';

/** The window with its current (if open now) or next occurrence, as instants. */
export function updateWindowResponse(environment: EnvironmentViewEntity, now: Date): UpdateWindowResponse {
  const { window } = startInWindow(now, environment.window());
  return {
    tenantId: environment.tenantId,
    environmentName: environment.name,
    ...environment.window(),
    nextOpensAt: window.opensAt.toISOString(),
    nextClosesAt: window.closesAt.toISOString(),
  };
}
