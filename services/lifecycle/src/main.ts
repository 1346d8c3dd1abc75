import { runService } from '@pac/bootstrap';
import { LifecycleConfig } from './lifecycle.config';
import { LifecycleModule } from './lifecycle.module';

void runService(
  'lifecycle',
  3002,
  (config, logger) => LifecycleModule.forConfig(config, logger),
  LifecycleConfig,
);
