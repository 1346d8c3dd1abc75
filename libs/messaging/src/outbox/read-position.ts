/**
 * Where the outbox relay's next read starts. Outbox ids come from one sequence, so a row the relay did not see
 * when it read past its id belongs to a transaction still in progress (or rolled back): a gap. Rows appear
 * later only at gap ids or above the highest id read, so a read can start at the lowest open gap instead of
 * the first unpublished row. That skips the published rows before it, which Postgres otherwise visits one by
 * one in the unpublished-rows index for as long as some older transaction keeps their old versions alive
 * (a release offered to 100,000 environments made every read from the start slower than the last).
 *
 * A transaction in progress with an id below the first row of a read from the start leaves no gap: the relay
 * reads from the start again (fromStart) when a wake-up finds nothing at the floor, and at most once a second
 * when a drain begins, to find such rows.
 */
export class ReadPosition {
  private highest: number | undefined;
  private readonly open = new Set<number>();
  /** Gaps in increasing order (they are found in that order); closed ones are skipped lazily. */
  private ordered: number[] = [];
  private head = 0;

  /** The id a read must start from (inclusive), or undefined: from the first unpublished row. */
  floor(): number | undefined {
    if (this.highest === undefined) return undefined;
    while (this.head < this.ordered.length && !this.open.has(this.ordered[this.head]!)) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.ordered.length) {
      this.ordered = this.ordered.slice(this.head);
      this.head = 0;
    }
    return this.head < this.ordered.length ? this.ordered[this.head]! : this.highest + 1;
  }

  /** The highest id read so far (where a read ahead of a batch in flight starts, exclusive). */
  last(): number | undefined {
    return this.highest;
  }

  /** Records what a read returned (ids in increasing order): the ids it skipped above the highest are gaps. */
  saw(ids: readonly number[]): void {
    for (const id of ids) {
      if (this.highest !== undefined && id <= this.highest) {
        this.open.delete(id);
        continue;
      }
      if (this.highest !== undefined) {
        for (let gap = this.highest + 1; gap < id; gap += 1) {
          this.open.add(gap);
          this.ordered.push(gap);
        }
      }
      this.highest = id;
    }
  }

  /** Forgets everything: the next read is from the first unpublished row. */
  fromStart(): void {
    this.highest = undefined;
    this.open.clear();
    this.ordered = [];
    this.head = 0;
  }

  /** Open gaps (for diagnosis). */
  gaps(): number {
    return this.open.size;
  }
}
