import type { UpstreamAnswer } from '../upstream/upstream';
import { outcomesOf } from './bulk-actions';

const answer = (status: number, body: unknown): UpstreamAnswer => ({
  status,
  contentType: 'application/json',
  headers: {},
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the owning service’s answer for one tenant, as bulk items', () => {
  it('takes the results it gives: done, skipped with the rule’s code, refused with the problem', () => {
    const results = [
      { environmentName: 'prod', status: 'skipped', code: 'preview-on-production' },
      { environmentName: 'sandbox', status: 'succeeded' },
    ];
    expect(outcomesOf(answer(200, { results }))).toEqual(results);
  });

  it('reads a refusal of the whole tenant as its one item: 404 not-found, the rest failed, with the code', () => {
    const offboarded = {
      type: 'https://partner-admin-center.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'the tenant is offboarded',
      code: 'tenant-offboarded',
    };
    expect(outcomesOf(answer(409, offboarded))).toEqual([
      {
        status: 'failed',
        error: {
          status: 409,
          title: 'Conflict',
          detail: 'the tenant is offboarded',
          code: 'tenant-offboarded',
        },
      },
    ]);
    const gone = { type: 'x', title: 'Not Found', status: 404, detail: 'no such tenant', code: 'not-found' };
    expect(outcomesOf(answer(404, gone))).toEqual([
      {
        status: 'not-found',
        error: { status: 404, title: 'Not Found', detail: 'no such tenant', code: 'not-found' },
      },
    ]);
    const invalid = {
      type: 'x',
      title: 'Bad Request',
      status: 400,
      code: 'validation-failed',
      errors: [{ field: 'timeZone', message: 'unknown' }],
    };
    expect(outcomesOf(answer(400, invalid))[0]).toMatchObject({
      status: 'failed',
      error: { status: 400, errors: [{ field: 'timeZone', message: 'unknown' }] },
    });
  });

  it('fails the tenant’s item as a bad gateway when the service answers something else', () => {
    for (const unusable of [answer(200, { done: true }), answer(204, ''), answer(500, '<html>')]) {
      expect(outcomesOf(unusable)).toEqual([
        { status: 'failed', error: expect.objectContaining({ status: 502, code: 'bad-gateway' }) },
      ]);
    }
  });
});
