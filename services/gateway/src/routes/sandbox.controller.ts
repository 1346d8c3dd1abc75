import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ForwardsTo } from '../forwarding/forwards-to';

/**
 * The routes the sandbox service owns, each forwarded as it is (see ForwardsTo). None yet: its quota went to
 * the tenant service (GET /v1/tenants/{id}/environment-quotas, issue 11); the sandboxes come with issue 14.
 */
@ForwardsTo('sandbox')
@ApiTags('Sandboxes')
@ApiBearerAuth()
@Controller('v1')
export class SandboxController {}
