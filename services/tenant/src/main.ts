import { runService } from '@pac/bootstrap';
import { TenantModule } from './tenant.module';

void runService('tenant', 3001, (config, logger) => TenantModule.forConfig(config, logger));
