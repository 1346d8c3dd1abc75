import { decodeCursor, encodeCursor } from './keyset-cursor';

describe('keyset cursors', () => {
  it('round-trip the sort key of the last row', () => {
    const cursor = encodeCursor(['2026-11-24T08:00:00.000Z', 'b3d1']);
    expect(decodeCursor(cursor, 2)).toEqual(['2026-11-24T08:00:00.000Z', 'b3d1']);
  });

  it('reject what they did not make', () => {
    expect(decodeCursor('not-a-cursor', 2)).toBeUndefined();
    expect(decodeCursor(encodeCursor(['a']), 2)).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1)).toBeUndefined();
  });
});
