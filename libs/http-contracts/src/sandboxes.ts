import { ApiProperty } from '@nestjs/swagger';

/** How many sandbox copies a tenant may have at once (`GET .../sandbox-quota`). */
export class SandboxQuotaResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 3 }) maxSandboxes!: number;
}
