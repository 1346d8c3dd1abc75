import type { ServiceName } from '@pac/launcher';
import { servicesToRestart } from './restart-on-change';

const ALL: ServiceName[] = ['tenant', 'lifecycle', 'notification', 'telemetry', 'sandbox', 'gateway'];

describe('servicesToRestart (npm run start:dev)', () => {
  it('restarts the service whose own source changed', () => {
    expect(servicesToRestart(['services/tenant/src/domain/environment.ts'], ALL)).toEqual(['tenant']);
  });

  it('restarts every service when a library changed', () => {
    expect(servicesToRestart(['libs/messaging/src/index.ts'], ALL)).toEqual(ALL);
  });

  it('restarts nothing for tests and files that are not code', () => {
    expect(
      servicesToRestart(
        [
          'services/tenant/src/domain/environment.spec.ts',
          'libs/clock/README.md',
          'services/gateway/x.int-spec.ts',
        ],
        ALL,
      ),
    ).toEqual([]);
  });

  it('restarts each changed service once', () => {
    expect(
      servicesToRestart(['services/gateway/src/main.ts', 'services/gateway/src/openapi/openapi.ts'], ALL),
    ).toEqual(['gateway']);
  });
});
