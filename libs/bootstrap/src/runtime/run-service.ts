import type { DynamicModule } from '@nestjs/common';
import { InternalTokenVerifier } from '@pac/auth';
import { loadConfigOrExit, type ConfigClass } from '../config/load-config';
import { ServiceConfig } from '../config/service-config';
import { withServicePort } from '../config/service-port';
import { createLogger, type Logger } from '../logging/create-logger';
import { createServiceApp } from '../http/create-service-app';
import { labelMetricsWith } from '../http/http-metrics';
import { startTracing } from '../tracing/start-tracing';
import { exitWithLauncher } from './exit-with-launcher';
import { startEventConsumers } from './start-event-consumers';

/**
 * The main of every domain service: validated config (or one message and exit 1), JSON logs, the Nest app
 * with its event consumers (`@EventPattern` handlers, through the inbox transport), listening on
 * `<NAME>_PORT`. Fatal start errors are logged and exit non-zero. A service with settings of its own passes
 * its config class (a subclass of ServiceConfig).
 */
export async function runService<C extends ServiceConfig = ServiceConfig>(
  name: string,
  defaultPort: number,
  moduleFor: (config: C, logger: Logger) => DynamicModule,
  configClass: ConfigClass<C> = ServiceConfig as ConfigClass<C>,
): Promise<void> {
  const config = loadConfigOrExit(name, configClass, withServicePort(name, defaultPort));
  const logger = createLogger(name, config.LOG_LEVEL);
  exitWithLauncher();
  labelMetricsWith(name);
  if (startTracing(name)) logger.info('tracing on: spans exported by OTLP');
  try {
    const app = await createServiceApp(moduleFor(config, logger), {
      logger,
      internalAuth: {
        verifier: new InternalTokenVerifier(config.INTERNAL_AUTH_SECRET),
        // Probes and metrics reveal nothing about partners; the movable clock exists outside production only.
        openPaths: ['/health', '/metrics', ...(config.isProduction ? [] : ['/internal/clock'])],
      },
    });
    await startEventConsumers(app);
    await app.listen(config.PORT, config.HOST);
    logger.info({ port: config.PORT }, `${name} service listening`);
  } catch (error) {
    logger.fatal({ err: error }, `${name} service failed to start`);
    process.exit(1);
  }
}
