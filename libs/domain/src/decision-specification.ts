import { deepStrictEqual, fail, strictEqual } from 'node:assert/strict';
import type { Decision, DomainError } from './decision';

/**
 * Given/when/then for a domain rule, after emmett's `DeciderSpecification`: the state a `decide*` function
 * starts from, the command it is asked, and what it decides, accepted (`then`) or refused (`thenRefused`).
 * Time is part of the rule's inputs: the adapter passes a fixed `now`.
 *
 * ```ts
 * const rename = DecisionSpecification.for((environment: Environment, newName: string) =>
 *   decideRename(activeTenant, environment, newName, [], now),
 * );
 * rename.given(active).when('Main-FR').then({ ...active, name: 'Main-FR', updatedAt: now.toISOString() });
 * rename.given(preparing).when('Main-FR').thenRefused('environment-busy');
 * ```
 *
 * Plain `node:assert` (no test framework inside the domain library): its messages show both values.
 */
export const DecisionSpecification = {
  for<State, Command, Value, E extends DomainError>(
    decide: (state: State, command: Command) => Decision<Value, E>,
  ): { given: (state: State) => { when: (command: Command) => Outcome<Value, E> } } {
    return { given: (state) => ({ when: (command) => outcome(decide(state, command)) }) };
  },
};

export interface Outcome<Value, E extends DomainError> {
  /** Accepted, with exactly this value; or accepted, and `check` (e.g. `expect(...)` calls) passes on it. */
  then(expected: Value | ((value: Value) => void)): void;
  /** Refused with this code (and, if given, naming exactly these request fields); returns the refusal. */
  thenRefused(code: E['code'], fields?: readonly string[]): E;
}

function outcome<Value, E extends DomainError>(decision: Decision<Value, E>): Outcome<Value, E> {
  return {
    then(expected) {
      if (!decision.ok)
        fail(`expected the decision to be accepted, it was refused: ${describe(decision.error)}`);
      if (typeof expected === 'function') (expected as (value: Value) => void)(decision.value);
      else deepStrictEqual(decision.value, expected);
    },
    thenRefused(code, fields) {
      if (decision.ok)
        fail(`expected a refusal ${code}, the decision was accepted: ${JSON.stringify(decision.value)}`);
      strictEqual(decision.error.code, code, `expected a refusal ${code}, got ${describe(decision.error)}`);
      if (fields)
        deepStrictEqual(
          (decision.error.errors ?? []).map((e) => e.field),
          [...fields],
        );
      return decision.error;
    },
  };
}

function describe(error: DomainError): string {
  return `${error.code} (${error.message})`;
}
