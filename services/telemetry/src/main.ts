import { runService } from '@pac/bootstrap';
import { TelemetryModule } from './telemetry.module';

void runService('telemetry', 3004, (config, logger) => TelemetryModule.forConfig(config, logger));
