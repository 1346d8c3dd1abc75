import { runService } from '@pac/bootstrap';
import { SandboxConfig } from './sandbox.config';
import { SandboxModule } from './sandbox.module';

void runService('sandbox', 3005, (config, logger) => SandboxModule.forConfig(config, logger), SandboxConfig);
