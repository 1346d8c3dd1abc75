import { defineEvent, type TopicName } from '@pac/contracts';
import { IsInt, IsString, IsUUID, Min } from 'class-validator';

export class ThingHappenedData {
  @IsUUID() tenantId!: string;
  @IsInt() @Min(0) sequence!: number;
  @IsString() label!: string;
}

/**
 * A test event on a throwaway topic. The type is unique per test bed because the contract registry
 * refuses a type defined twice.
 */
export function defineThingHappened(topic: string, suffix: string) {
  // The contract types topics as the project's own; test topics are created and dropped by the test bed.
  return defineEvent(`test.thing-happened.${suffix}`, topic as TopicName, ThingHappenedData);
}
