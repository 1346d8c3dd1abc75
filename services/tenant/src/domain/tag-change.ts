import { accept, refuse, type Decision, type DomainError } from './decision';
import { normalizeTags } from './tenant';

/** Tags to add to and remove from tenants (the bulk action `tenant-tags`), normalised like every tag. */
export interface TagChange {
  add: string[];
  remove: string[];
}

export type TagChangeError = DomainError<'tags-required' | 'tag-added-and-removed'>;

/**
 * A tag change is the same for every tenant it is applied to, so it is decided once, before any tenant is
 * touched: tags are normalised as a tenant keeps them (normalizeTags: trimmed, lower-case, once each), at
 * least one is added or removed, and none is both ("VIP" added and " vip" removed is a mistake).
 */
export function decideTagChange(
  addTags: string[] = [],
  removeTags: string[] = [],
): Decision<TagChange, TagChangeError> {
  const add = normalizeTags(addTags);
  const remove = normalizeTags(removeTags);
  if (add.length === 0 && remove.length === 0) {
    return refuse('tags-required', 'give at least one tag in addTags or removeTags', 'addTags');
  }
  const both = add.filter((tag) => remove.includes(tag));
  if (both.length > 0) {
    return refuse(
      'tag-added-and-removed',
      `a tag cannot be both added and removed: ${both.join(', ')}`,
      'removeTags',
    );
  }
  return accept({ add, remove });
}

/** A tenant's tags after the change: those it keeps, in their order, then the added ones it did not have. */
export function applyTagChange(tags: readonly string[], change: TagChange): string[] {
  const kept = tags.filter((tag) => !change.remove.includes(tag));
  return [...kept, ...change.add.filter((tag) => !kept.includes(tag))];
}
