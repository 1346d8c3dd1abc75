import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '../http/route-access';
import { collectDefaultMetrics, register } from 'prom-client';

let defaultMetricsStarted = false;

@ApiExcludeController()
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  constructor() {
    if (!defaultMetricsStarted) {
      collectDefaultMetrics();
      defaultMetricsStarted = true;
    }
  }

  /** Prometheus text exposition: process metrics plus the counters the services register. */
  @Get()
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
