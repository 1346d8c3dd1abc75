import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SandboxQuotaResponse } from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ForwardsTo } from '../forwarding/forwards-to';

/** The routes the sandbox service owns, each forwarded as it is (see ForwardsTo). */
@ForwardsTo('sandbox')
@ApiTags('Sandboxes')
@ApiBearerAuth()
@Controller('v1')
export class SandboxController {
  @Get('tenants/:tenantId/sandbox-quota')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A customer’s sandbox quota' })
  @ApiOkResponse({
    type: SandboxQuotaResponse,
    description: 'How many sandboxes this customer may have at once',
  })
  getSandboxQuota(@Param('tenantId') _tenantId: string): void {}
}
