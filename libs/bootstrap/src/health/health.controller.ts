import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '../http/route-access';
import type { FastifyReply } from 'fastify';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

@ApiExcludeController()
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Can this instance serve its own requests: 200 when every check that gates readiness is up (`ok`, or
   * `degraded` when another one is down), else 503 `unavailable`; `checks` says which is up or down.
   */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(this.checks.map(async (c) => ({ check: c, up: await c.isReady() })));
    const ready = results.every(({ check, up }) => up || !check.gatesReadiness);
    const status = !ready ? 'unavailable' : results.every(({ up }) => up) ? 'ok' : 'degraded';
    const checks = Object.fromEntries(results.map(({ check, up }) => [check.name, up ? 'up' : 'down']));
    reply.status(ready ? 200 : 503).send({ status, checks });
  }
}
