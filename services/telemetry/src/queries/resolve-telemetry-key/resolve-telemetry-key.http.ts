import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { unwrap } from '@pac/bootstrap';
import { accept, reject } from '@pac/domain';
import { ResolveTelemetryKeyRequest, type TelemetryKeyResolution } from '@pac/http-contracts';
import { DataSource } from 'typeorm';
import { TELEMETRY_KEY_NOT_FOUND } from '../../domain/not-found';
import { findKeyByHash } from '../../persistence/telemetry-keys';
import { TenantDirectoryEntry } from '@pac/bootstrap';

/**
 * Internal, for the gateway only (no public route leads here): which environment a presented ingestion key
 * writes, by the key's SHA-256. A revoked key, or one of an offboarded tenant, is not found. The gateway
 * caches the answer for TELEMETRY_KEY_CACHE_TTL_MS, so this is asked about once per key and period, not per
 * request.
 */
@Controller('telemetry-keys')
export class ResolveTelemetryKeyHttp {
  constructor(private readonly dataSource: DataSource) {}

  @Post('resolve')
  @HttpCode(200)
  async resolve(@Body() body: ResolveTelemetryKeyRequest): Promise<TelemetryKeyResolution> {
    const manager = this.dataSource.manager;
    const key = await findKeyByHash(manager, body.keyHash);
    const tenant =
      key && (await manager.getRepository(TenantDirectoryEntry).findOneBy({ tenantId: key.tenantId }));
    return unwrap(
      key && tenant && tenant.status !== 'offboarded'
        ? accept({
            keyId: key.id,
            tenantId: key.tenantId,
            partnerId: key.partnerId,
            environmentName: key.environmentName,
          })
        : reject(TELEMETRY_KEY_NOT_FOUND),
    );
  }
}
