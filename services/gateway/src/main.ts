import {
  createLogger,
  createServiceApp,
  exitWithLauncher,
  loadConfigOrExit,
  withServicePort,
} from '@pac/bootstrap';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { allowCorsFrom } from './http/cors';
import { securityHeaders } from './http/security-headers';
import { serveOpenApi } from './openapi/openapi';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', GatewayConfig, withServicePort('gateway', 3000));
  const logger = createLogger('gateway', config.LOG_LEVEL);
  exitWithLauncher();
  const app = await createServiceApp(GatewayModule.forConfig(config, logger), {
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    answerHeaders: securityHeaders({ production: config.isProduction }),
  });
  allowCorsFrom(app, config.CORS_ORIGINS);
  serveOpenApi(app);
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT }, 'gateway listening');
}

void main();
