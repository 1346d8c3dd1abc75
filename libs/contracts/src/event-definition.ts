import type { TopicName } from './topics';

export type PayloadClass<P> = new () => P;

/** One event type of the contract: its CloudEvents `type`, the topic that carries it and its payload class. */
export interface EventDefinition<P extends object = object> {
  readonly type: string;
  readonly topic: TopicName;
  readonly payload: PayloadClass<P>;
  /** For an event about no tenant: what its message key and subject are (documentation); else the tenant's. */
  readonly addressing?: EventAddressing;
}

/** How an event that is not about a tenant is keyed, e.g. `{ key: 'the release version', subject: 'releases/<version>' }`. */
export interface EventAddressing {
  key: string;
  subject: string;
}

const registry = new Map<string, EventDefinition>();

export function defineEvent<P extends object>(
  type: string,
  topic: TopicName,
  payload: PayloadClass<P>,
  addressing?: EventAddressing,
): EventDefinition<P> {
  if (registry.has(type)) throw new Error(`event type ${type} is defined twice`);
  const definition: EventDefinition<P> = { type, topic, payload, ...(addressing ? { addressing } : {}) };
  registry.set(type, definition as EventDefinition);
  return definition;
}

export function eventDefinitionOf(type: string): EventDefinition | undefined {
  return registry.get(type);
}

export function allEventDefinitions(): EventDefinition[] {
  return [...registry.values()];
}

/** The payload type of an event definition. */
export type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;

const keptAsParsed = new WeakMap<object, string[]>();

/**
 * Marks a payload property whose parsed JSON a consumer takes as it is: it is not copied into class instances
 * on the way in (class-transformer copies every nested object), still checked by its own decorators
 * (`@IsArray()`). For large arrays the consumer checks itself, e.g. a telemetry batch's 1,000 events, where
 * the copy was a fifth of the telemetry service's CPU.
 */
export function KeptAsParsed(): PropertyDecorator {
  return (target, property) => {
    if (typeof property !== 'string') throw new Error('@KeptAsParsed() names a string property');
    keptAsParsed.set(target.constructor, [...(keptAsParsed.get(target.constructor) ?? []), property]);
  };
}

/** The properties of a payload class marked `@KeptAsParsed()`. */
export function keptAsParsedProperties(payload: PayloadClass<object>): readonly string[] {
  return keptAsParsed.get(payload) ?? [];
}
