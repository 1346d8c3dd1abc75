import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MoveClockRequest, ProblemException } from '@pac/bootstrap';
import { Clock, isAdjustable } from '@pac/clock';
import { request } from 'undici';
import { RequiresAccess } from '../auth/access';
import { GatewayConfig } from '../gateway.config';
import { SERVICES, serviceUrls } from '../upstream/services';

/**
 * Development and test only (absent when NODE_ENV=production): moves every service's clock forward together
 * (and the gateway's own),
 * so update windows open and deadlines pass without waiting. Answers once every service has moved and run
 * what was due.
 */
@ApiTags('Development')
@ApiBearerAuth()
@Controller('v1/dev/clock')
export class DevClockController {
  constructor(
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @RequiresAccess('platform')
  @ApiOperation({ summary: 'Move every service’s clock (development only)' })
  @ApiOkResponse({
    description: 'Each service’s time after the move',
    schema: {
      type: 'object',
      required: ['services'],
      properties: {
        services: {
          type: 'object',
          additionalProperties: { type: 'string' },
          example: { tenant: '2026-12-05T10:00:00.000Z', lifecycle: '2026-12-05T10:00:00.000Z' },
        },
      },
    },
  })
  async moveClock(@Body() body: MoveClockRequest): Promise<{ services: Record<string, string> }> {
    if (body?.advanceMs === undefined && body?.to === undefined)
      throw ProblemException.validation([{ field: 'advanceMs', message: 'give advanceMs or to' }]);
    // Every instance of every service: each keeps its own clock.
    const entries = await Promise.all(
      SERVICES.map(async (name) => {
        const moved = await Promise.all(
          serviceUrls(this.config, name).map(async (url) => {
            const answer = await request(`${url}/internal/clock`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            const clock = (await answer.body.json()) as { now?: string };
            return clock.now ?? `error ${answer.statusCode}`;
          }),
        );
        return [name, moved[0]!] as const;
      }),
    );
    // The gateway's own clock too: the ingestion keys' cache expires on it.
    if (isAdjustable(this.clock)) {
      if (body.to) await this.clock.set(new Date(body.to)).catch(() => undefined);
      else if (body.advanceMs !== undefined) await this.clock.advance(body.advanceMs);
    }
    return { services: Object.fromEntries(entries) };
  }
}
