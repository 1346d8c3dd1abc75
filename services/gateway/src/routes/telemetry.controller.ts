import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ForwardsTo } from '../forwarding/forwards-to';

/** The routes the telemetry service owns, each forwarded as it is (see ForwardsTo). */
@ForwardsTo('telemetry')
@ApiTags('Telemetry and issues')
@ApiBearerAuth()
@Controller('v1')
export class TelemetryController {
  @Get('tenants/:tenantId/telemetry')
  @RequiresAccess('read')
  @ApiOkResponse({
    description: 'The customer’s telemetry, newest first: { items: TelemetryRow[], nextCursor }',
  })
  listTelemetry(@Param('tenantId') _tenantId: string, @Query() _query: PageQuery): void {}
}
