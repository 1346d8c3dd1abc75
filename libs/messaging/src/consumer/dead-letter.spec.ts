import 'reflect-metadata';
import type { KafkaMessage } from 'kafkajs';
import { deadLetterMessage } from './dead-letter';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';

describe('deadLetterMessage', () => {
  it('keeps the original message and adds where it came from and why it failed', () => {
    const original: KafkaMessage = {
      key: Buffer.from('tenant-1'),
      value: Buffer.from('{bad'),
      headers: { ce_type: Buffer.from('tenant.created') },
      offset: '41',
      timestamp: '0',
      attributes: 0,
    };
    const letter = deadLetterMessage({
      topic: 'admin-center.tenant.v1',
      partition: 3,
      message: original,
      error: 'the value is not JSON',
      consumerGroup: 'lifecycle',
    });
    expect(letter.topic).toBe('admin-center.tenant.v1.dlq');
    expect(letter.messages).toEqual([
      {
        key: original.key,
        value: original.value,
        headers: {
          ce_type: original.headers!['ce_type'],
          'x-error': 'the value is not JSON',
          'x-original-topic': 'admin-center.tenant.v1',
          'x-original-partition': '3',
          'x-original-offset': '41',
          'x-consumer-group': 'lifecycle',
        },
      },
    ]);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially: 100, 400, 1600 ms by default', () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(DEFAULT_RETRY_POLICY, retry))).toEqual([100, 400, 1600]);
  });
});
