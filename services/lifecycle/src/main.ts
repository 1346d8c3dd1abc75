import { runService } from '@pac/bootstrap';
import { LifecycleModule } from './lifecycle.module';

void runService('lifecycle', 3002, (config, logger) => LifecycleModule.forConfig(config, logger));
