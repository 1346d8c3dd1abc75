import { runService } from '@pac/bootstrap';
import { NotificationConfig } from './notification.config';
import { NotificationModule } from './notification.module';

void runService(
  'notification',
  3003,
  (config, logger) => NotificationModule.forConfig(config, logger),
  NotificationConfig,
);
