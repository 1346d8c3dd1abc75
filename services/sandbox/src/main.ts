import { runService } from '@pac/bootstrap';
import { SandboxModule } from './sandbox.module';

void runService('sandbox', 3005, (config, logger) => SandboxModule.forConfig(config, logger));
