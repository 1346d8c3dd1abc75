import { runService } from '@pac/bootstrap';
import { TelemetryConfig } from './telemetry.config';
import { TelemetryModule } from './telemetry.module';

void runService(
  'telemetry',
  3004,
  (config, logger) => TelemetryModule.forConfig(config, logger),
  TelemetryConfig,
);
