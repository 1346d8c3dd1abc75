import { runService } from '@pac/bootstrap';
import { TenantConfig } from './tenant.config';
import { TenantModule } from './tenant.module';

void runService('tenant', 3001, (config, logger) => TenantModule.forConfig(config, logger), TenantConfig);
