import { errors } from 'undici';
import { upstreamFailure } from './upstream-failure';

describe('a call that got no answer from its service', () => {
  it('is 504 upstream-timeout when the service was reached but did not answer in time', () => {
    for (const error of [new errors.HeadersTimeoutError(), new errors.BodyTimeoutError()]) {
      expect(upstreamFailure('telemetry', error)).toMatchObject({
        status: 504,
        code: 'upstream-timeout',
        detail: expect.stringContaining('telemetry'),
      });
    }
  });

  it('is 503 dependency-unavailable with a retry-after when the service could not be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    for (const error of [refused, new errors.ConnectTimeoutError(), new errors.SocketError('closed'), 'x']) {
      expect(upstreamFailure('tenant', error)).toMatchObject({
        status: 503,
        code: 'dependency-unavailable',
        retryAfterSeconds: 2,
      });
    }
  });
});
