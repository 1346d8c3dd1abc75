import { stackOptionsFromEnv } from './stack-options';

describe('stackOptionsFromEnv', () => {
  const base = { STACK_DIR: '/var/tmp/stack' };

  it('has the documented default ports', () => {
    expect(stackOptionsFromEnv(base)).toMatchObject({
      dir: '/var/tmp/stack',
      pgPort: 54329,
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
    });
  });

  it('reads the ports from the environment', () => {
    const env = { ...base, PG_PORT: '6000', KAFKA_PORT: '6001', KAFKA_CONTROLLER_PORT: '6002' };
    expect(stackOptionsFromEnv(env)).toMatchObject({
      pgPort: 6000,
      kafkaPort: 6001,
      kafkaControllerPort: 6002,
    });
  });

  it('lets overrides win, except undefined ones', () => {
    const log = jest.fn();
    const opts = stackOptionsFromEnv({ ...base, PG_PORT: '6000' }, { pgPort: 7000, dir: undefined, log });
    expect(opts).toMatchObject({ dir: '/var/tmp/stack', pgPort: 7000, log });
  });

  it.each(['abc', '0', '70000', '12.5'])('refuses PG_PORT=%s with a clear message', (value) => {
    expect(() => stackOptionsFromEnv({ ...base, PG_PORT: value })).toThrow(`PG_PORT must be a TCP port`);
  });

  it('refuses the same port for broker and controller', () => {
    expect(() => stackOptionsFromEnv({ ...base, KAFKA_PORT: '9000', KAFKA_CONTROLLER_PORT: '9000' })).toThrow(
      /must differ/,
    );
  });
});
