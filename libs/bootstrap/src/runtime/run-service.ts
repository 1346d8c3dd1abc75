import type { DynamicModule } from '@nestjs/common';
import { loadConfigOrExit } from '../config/load-config';
import { ServiceConfig } from '../config/service-config';
import { withServicePort } from '../config/service-port';
import { createLogger, type Logger } from '../logging/create-logger';
import { createServiceApp } from '../http/create-service-app';

/**
 * The main of every domain service: validated config (or one message and exit 1), JSON logs, the Nest app
 * with its consumers, listening on `<NAME>_PORT`. Fatal start errors are logged and exit non-zero.
 */
export async function runService(
  name: string,
  defaultPort: number,
  moduleFor: (config: ServiceConfig, logger: Logger) => DynamicModule,
): Promise<void> {
  const config = loadConfigOrExit(name, ServiceConfig, withServicePort(name, defaultPort));
  const logger = createLogger(name, config.LOG_LEVEL);
  try {
    const app = await createServiceApp(moduleFor(config, logger), { logger });
    await app.listen(config.PORT, config.HOST);
    logger.info({ port: config.PORT }, `${name} service listening`);
  } catch (error) {
    logger.fatal({ err: error }, `${name} service failed to start`);
    process.exit(1);
  }
}
