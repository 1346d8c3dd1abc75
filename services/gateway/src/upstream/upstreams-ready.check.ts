import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@pac/bootstrap';
import { Upstream, type ServiceName } from './upstream';

const SERVICES: ServiceName[] = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox'];

/** The gateway is ready when every service behind it answers. */
@Injectable()
export class UpstreamsReadyCheck extends ReadinessCheck {
  readonly name = 'services';

  constructor(private readonly upstream: Upstream) {
    super();
  }

  async isReady(): Promise<boolean> {
    const live = await Promise.all(SERVICES.map((service) => this.upstream.isLive(service)));
    return live.every(Boolean);
  }
}
