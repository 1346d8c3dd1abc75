import { findUnstorableInput, MAX_JSON_DEPTH } from './unstorable-input';

describe('input no route can take', () => {
  it('finds a NUL character anywhere, naming the field', () => {
    expect(findUnstorableInput({ q: 'a\u0000b' }, '')).toEqual({
      field: 'q',
      message: 'must not contain the NUL character (U+0000)',
    });
    expect(findUnstorableInput({ contacts: [{ name: 'ok' }, { email: 'x\u0000' }] }, '')).toEqual({
      field: 'contacts[1].email',
      message: 'must not contain the NUL character (U+0000)',
    });
    expect(findUnstorableInput({ ['ke\u0000y']: 1 }, '')?.field).toBe('ke\u0000y');
  });

  it('finds JSON nested too deeply, without walking all of it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i += 1) deep = [deep];
    expect(findUnstorableInput({ a: deep }, '')?.message).toBe(
      `is nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  });

  it('lets ordinary input through: unicode, control characters other than NUL, numbers, nulls', () => {
    const ordinary = {
      name: 'Société Générale – 東京 🚀',
      note: 'tab\there\nline',
      n: 1e300,
      none: null,
      ok: true,
    };
    expect(findUnstorableInput(ordinary, '')).toBeUndefined();
    expect(findUnstorableInput(undefined, '')).toBeUndefined();
  });
});
