import { accept, refuse, type Decision } from './decision';
import { DecisionSpecification } from './decision-specification';

/** A toy rule: a counter that may be incremented up to a limit. */
function decideIncrement(count: number, by: number): Decision<number> {
  if (by <= 0) return refuse('increment-invalid', 'by must be positive', 'by');
  if (count + by > 10) return refuse('limit-reached', `${count} + ${by} is over 10`);
  return accept(count + by);
}

const increment = DecisionSpecification.for(decideIncrement);

describe('DecisionSpecification', () => {
  it('then: passes on the accepted value, fails on another one or on a refusal', () => {
    increment.given(1).when(2).then(3);
    increment
      .given(1)
      .when(2)
      .then((value) => expect(value).toBeGreaterThan(2));
    expect(() => increment.given(1).when(2).then(4)).toThrow();
    expect(() => increment.given(9).when(2).then(11)).toThrow(/refused: limit-reached/);
  });

  it('thenRefused: passes on the code and fields named, fails on another code or an acceptance', () => {
    expect(increment.given(9).when(2).thenRefused('limit-reached').message).toBe('9 + 2 is over 10');
    increment.given(1).when(0).thenRefused('increment-invalid', ['by']);
    expect(() => increment.given(1).when(0).thenRefused('increment-invalid', ['count'])).toThrow();
    expect(() => increment.given(9).when(2).thenRefused('increment-invalid')).toThrow(/got limit-reached/);
    expect(() => increment.given(1).when(2).thenRefused('limit-reached')).toThrow(/was accepted/);
  });
});
