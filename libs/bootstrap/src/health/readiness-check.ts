/** Something a service depends on, reported by `GET /health/ready`: its database, its Kafka connections. */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  /**
   * Whether the service is not ready while this is down (the default). A check that does not gate readiness
   * is still reported in the body (`degraded`): e.g. Kafka, whose absence the outbox absorbs while the service
   * keeps serving its own requests.
   */
  readonly gatesReadiness: boolean = true;
  /** Resolves true when up; never throws. */
  abstract isReady(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
