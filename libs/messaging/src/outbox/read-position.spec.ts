import { ReadPosition } from './read-position';

describe('the relay read position', () => {
  it('reads from the first unpublished row until it has read something', () => {
    const position = new ReadPosition();
    expect(position.floor()).toBeUndefined();
    position.saw([]);
    expect(position.floor()).toBeUndefined();
  });

  it('given no gaps, starts after the highest id read', () => {
    const position = new ReadPosition();
    position.saw([4, 5, 6]);
    expect(position.floor()).toBe(7);
    expect(position.last()).toBe(6);
  });

  it('given ids skipped (transactions in progress), starts at the lowest until a read returns it', () => {
    const position = new ReadPosition();
    position.saw([1, 2, 5, 6]); // 3 and 4 not committed yet
    position.saw([9]); // 7 and 8 neither
    expect(position.floor()).toBe(3);
    expect(position.gaps()).toBe(4);
    position.saw([3, 10]);
    expect(position.floor()).toBe(4);
    position.saw([4, 7, 8]);
    expect(position.floor()).toBe(11);
    expect(position.gaps()).toBe(0);
  });

  it('starts from the first unpublished row again after fromStart', () => {
    const position = new ReadPosition();
    position.saw([1, 5]);
    position.fromStart();
    expect(position.floor()).toBeUndefined();
    position.saw([2, 3]);
    expect(position.floor()).toBe(4);
  });

  it('keeps finding the lowest gap among many', () => {
    const position = new ReadPosition();
    position.saw([0]);
    const ids: number[] = [];
    for (let id = 1; id <= 10_000; id += 2) ids.push(id);
    position.saw(ids.filter((id) => id !== 1)); // 1 is a gap too
    expect(position.floor()).toBe(1);
    position.saw(Array.from({ length: 5_000 }, (_, i) => 1 + 2 * i).filter((id) => id !== 1));
    expect(position.floor()).toBe(1);
    position.saw([1]);
    position.saw(Array.from({ length: 4_999 }, (_, i) => 2 + 2 * i));
    expect(position.floor()).toBe(10_000);
  });
});
