import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions, NestMicroservice } from '@nestjs/microservices';
import { InboxTransport, PassHandlerErrors } from './inbox-transport';

/**
 * Connects the service's `@EventPattern` handlers to Kafka through the inbox transport and starts consuming
 * (a hybrid application: HTTP and events in one process). Call before `app.listen`.
 */
export async function startEventConsumers(app: INestApplication): Promise<void> {
  const transport = app.get(InboxTransport);
  // Deferred, so that the exception filter is in place before Nest wraps the handlers (it reads the filters
  // then), and without running the lifecycle hooks a second time: the app's own init runs them.
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    { strategy: transport },
    { deferInitialization: true },
  ) as NestMicroservice;
  microservice.useGlobalFilters(new PassHandlerErrors());
  microservice.setIsInitHookCalled(true);
  await app.startAllMicroservices();
}
