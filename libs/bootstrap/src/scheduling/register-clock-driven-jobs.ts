import type { Provider, Type } from '@nestjs/common';
import { ClockDrivenJobs, type ClockDrivenJob } from './clock-driven-jobs';

/**
 * The one way a service declares its clock-driven jobs, in its module:
 * `providers: [...registerClockDrivenJobs(PurgeEnvironmentsJob, ApplyUpdatesJob)]`. Each job is an
 * `@Injectable()` class implementing `ClockDrivenJob` (its `name`, its `everyMs` read from the service's
 * configuration, its `run` and optional `hasWork`), in the service's `jobs/` folder; this provides the
 * classes and registers every instance with `ClockDrivenJobs` when the module is built.
 */
export function registerClockDrivenJobs(...jobs: Type<ClockDrivenJob>[]): Provider[] {
  return [
    ...jobs,
    {
      provide: REGISTERED_JOBS,
      inject: [ClockDrivenJobs, ...jobs],
      useFactory: (registry: ClockDrivenJobs, ...instances: ClockDrivenJob[]) => {
        for (const job of instances) registry.register(job);
        return instances;
      },
    },
  ];
}

const REGISTERED_JOBS = Symbol('registered clock-driven jobs');
