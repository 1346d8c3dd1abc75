import { DecisionSpecification } from '@pac/domain';
import { applyTagChange, decideTagChange } from './tag-change';

/** A change asked for many tenants at once: decided alone, before any tenant. */
const change = DecisionSpecification.for((_nothing: null, asked: { add?: string[]; remove?: string[] }) =>
  decideTagChange(asked.add, asked.remove),
);

describe('a tag change for many tenants', () => {
  it('is normalised like a tenant’s tags: trimmed, lower-case, once each', () => {
    change
      .given(null)
      .when({ add: [' Priority', 'priority', 'VIP'], remove: ['Trial '] })
      .then({ add: ['priority', 'vip'], remove: ['trial'] });
  });

  it('names addTags when it adds and removes nothing (blank tags count as none)', () => {
    for (const [add, remove] of [
      [[], []],
      [undefined, undefined],
      [['  '], []],
    ] as const) {
      change
        .given(null)
        .when({ add: add ? [...add] : undefined, remove: remove ? [...remove] : undefined })
        .thenRefused('tags-required', ['addTags']);
    }
  });

  it('names removeTags when a tag is both added and removed, in any case', () => {
    const refusal = change
      .given(null)
      .when({ add: ['x', 'Keep'], remove: ['X '] })
      .thenRefused('tag-added-and-removed', ['removeTags']);
    expect(refusal.message).toBe('a tag cannot be both added and removed: x');
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
