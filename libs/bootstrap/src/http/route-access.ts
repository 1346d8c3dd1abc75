import { SetMetadata } from '@nestjs/common';

/** Metadata key under which a route declares who may call it; read by the gateway's auth guard. */
export const ROUTE_ACCESS_METADATA = 'pac:access';

/** Probes and metrics: answered without a token (they reveal nothing about partners). */
export const PublicRoute = () => SetMetadata(ROUTE_ACCESS_METADATA, 'public');
