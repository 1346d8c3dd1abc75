import { applyTagChange, decideTagChange } from './tag-change';

describe('a tag change for many tenants', () => {
  it('is normalised like a tenant’s tags: trimmed, lower-case, once each', () => {
    expect(decideTagChange([' Priority', 'priority', 'VIP'], ['Trial '])).toEqual({
      ok: true,
      value: { add: ['priority', 'vip'], remove: ['trial'] },
    });
  });

  it('names addTags when it adds and removes nothing (blank tags count as none)', () => {
    for (const [add, remove] of [
      [[], []],
      [undefined, undefined],
      [['  '], []],
    ] as const) {
      expect(decideTagChange(add ? [...add] : undefined, remove ? [...remove] : undefined)).toEqual({
        ok: false,
        error: { code: 'tags-required', message: expect.any(String), field: 'addTags' },
      });
    }
  });

  it('names removeTags when a tag is both added and removed, in any case', () => {
    expect(decideTagChange(['x', 'Keep'], ['X '])).toEqual({
      ok: false,
      error: {
        code: 'tag-added-and-removed',
        message: 'a tag cannot be both added and removed: x',
        field: 'removeTags',
      },
    });
  });
});

describe('a tenant’s tags after a change', () => {
  it('keeps the others in their order, drops the removed ones and appends the new ones', () => {
    expect(
      applyTagChange(['trial', 'retail', 'north'], { add: ['priority', 'retail'], remove: ['trial'] }),
    ).toEqual(['retail', 'north', 'priority']);
  });

  it('changes nothing when the tenant already has the added tags and none of the removed ones', () => {
    expect(applyTagChange(['priority'], { add: ['priority'], remove: ['trial'] })).toEqual(['priority']);
  });
});
