import {
  createLogger,
  createServiceApp,
  exitWithLauncher,
  loadConfigOrExit,
  withServicePort,
} from '@pac/bootstrap';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { allowLargerBodies } from './http/body-limits';
import { allowCorsFrom } from './http/cors';
import { securityHeaders } from './http/security-headers';
import { serveOpenApi } from './openapi/openapi';
import {
  INGESTION_BODY_LIMIT_BYTES,
  INGESTION_PATHS,
  TELEMETRY_BATCH_PATH,
} from './telemetry-ingest/telemetry-ingestion';

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', GatewayConfig, withServicePort('gateway', 3000));
  const logger = createLogger('gateway', config.LOG_LEVEL);
  exitWithLauncher();
  const app = await createServiceApp(GatewayModule.forConfig(config, logger), {
    logger,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    answerHeaders: securityHeaders({ production: config.isProduction }),
    bodiesCheckedByTheirRoute: [TELEMETRY_BATCH_PATH],
  });
  allowLargerBodies(app, INGESTION_PATHS, Math.max(INGESTION_BODY_LIMIT_BYTES, config.BODY_LIMIT_BYTES));
  allowCorsFrom(app, config.CORS_ORIGINS);
  serveOpenApi(app);
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT }, 'gateway listening');
}

void main();
