import { kafkaJarsDir, kafkaVersionOfPom } from './kafka-jars';

describe('kafkaVersionOfPom', () => {
  it('reads the pinned broker version', () => {
    expect(kafkaVersionOfPom('<properties>\n  <kafka.version>4.1.1</kafka.version>\n</properties>')).toBe(
      '4.1.1',
    );
  });

  it('fails when the property is missing', () => {
    expect(() => kafkaVersionOfPom('<project/>')).toThrow(/kafka.version/);
  });
});

describe('kafkaJarsDir', () => {
  it('is one folder per version in the user cache, the same for every stack folder', () => {
    expect(kafkaJarsDir('4.1.1', {}, '/home/dev')).toBe(
      '/home/dev/.cache/partner-admin-center/kafka-4.1.1/libs',
    );
  });

  it('follows XDG_CACHE_HOME', () => {
    expect(kafkaJarsDir('4.1.1', { XDG_CACHE_HOME: '/var/cache/dev' }, '/home/dev')).toBe(
      '/var/cache/dev/partner-admin-center/kafka-4.1.1/libs',
    );
  });

  it('is the folder KAFKA_JARS_DIR names, when given', () => {
    expect(
      kafkaJarsDir('4.1.1', { KAFKA_JARS_DIR: '/tmp/jars', XDG_CACHE_HOME: '/var/cache/dev' }, '/home/dev'),
    ).toBe('/tmp/jars');
  });
});
