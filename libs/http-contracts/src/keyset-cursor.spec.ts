import { decodeCursor, encodeCursor, isCursorTime } from './keyset-cursor';

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

  it('reject forged parts that Postgres would refuse: huge or fractional numbers, NUL characters', () => {
    for (const forged of [
      [1e300, 'x'],
      [1.5, 'x'],
      [Number.MAX_SAFE_INTEGER + 2, 'x'],
      ['2026-01-01', 'a\u0000b'],
    ]) {
      expect(decodeCursor(encodeCursor(forged), 2)).toBeUndefined();
    }
    expect(decodeCursor(encodeCursor([42, 'x']), 2)).toEqual([42, 'x']);
  });

  it('accept as a time only a real instant written as pages write it', () => {
    expect(isCursorTime('2026-11-24T08:00:00.000Z')).toBe(true);
    expect(isCursorTime('2028-02-29T23:59:59.999Z')).toBe(true);
    for (const forged of [
      '2026-02-30T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      1_767_225_600_000,
    ]) {
      expect({ forged, accepted: isCursorTime(forged) }).toEqual({ forged, accepted: false });
    }
  });
});
