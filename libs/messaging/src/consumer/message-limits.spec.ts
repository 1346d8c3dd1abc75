import { nestingDepth, oversizeReason } from './message-limits';

describe('message limits', () => {
  it('measures nesting without recursion, even 100,000 levels deep', () => {
    expect(nestingDepth(42)).toBe(0);
    expect(nestingDepth({ a: 1, b: [1, { c: null }] })).toBe(3);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(nestingDepth(deep, 32)).toBe(33);
  });

  it('names a value larger than allowed, in bytes', () => {
    expect(oversizeReason('ab', 2)).toBeUndefined();
    expect(oversizeReason('é', 1)).toBe('the value is 2 bytes, more than the 1 a message may have');
    expect(oversizeReason(Buffer.alloc(10), 9)).toMatch(/^the value is 10 bytes/);
    expect(oversizeReason(null, 0)).toBeUndefined();
  });
});
