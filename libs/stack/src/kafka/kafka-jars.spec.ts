import { kafkaVersionOfPom } from './kafka-jars';

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
