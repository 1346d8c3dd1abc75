/** Something a service needs before it can serve: its database, its Kafka connections. */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  /** Resolves true when ready; never throws. */
  abstract isReady(): Promise<boolean>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
