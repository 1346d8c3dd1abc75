import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MoveClockRequest } from '@pac/bootstrap';
import { request } from 'undici';
import { RequiresAccess } from '../auth/access';
import { GatewayConfig } from '../gateway.config';
import { SERVICES, serviceUrl } from '../upstream/services';

/**
 * Development and test only (absent when NODE_ENV=production): moves every service's clock forward together,
 * so update windows open and deadlines pass without waiting. Answers once every service has moved and run
 * what was due.
 */
@ApiTags('Development')
@ApiBearerAuth()
@Controller('v1/dev/clock')
export class DevClockController {
  constructor(private readonly config: GatewayConfig) {}

  @Post()
  @HttpCode(200)
  @RequiresAccess('platform')
  @ApiOkResponse({ description: '{ now, services: { <name>: now } }' })
  async moveClock(@Body() body: MoveClockRequest): Promise<{ services: Record<string, string> }> {
    const entries = await Promise.all(
      SERVICES.map(async (name) => {
        const answer = await request(`${serviceUrl(this.config, name)}/internal/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const moved = (await answer.body.json()) as { now?: string };
        return [name, moved.now ?? `error ${answer.statusCode}`] as const;
      }),
    );
    return { services: Object.fromEntries(entries) };
  }
}
