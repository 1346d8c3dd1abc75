import { deadLetterTopicOf, topicDefinitions } from '@pac/contracts';
import { CloudEventHeaders, type EventStreamInspector, type InspectedMessage } from '@pac/messaging';
import { deadLetterLines, eventLines, lagLines, letterId } from './event-lines';

export type Print = (line: string) => void;

export interface TailFilter {
  tenantId?: string;
  type?: string;
}

/** Every topic of the contracts (`all`), or the one named. */
export function topicsOf(name: string): string[] {
  return name === 'all' ? topicDefinitions.map((t) => t.name) : [name];
}

export function allDeadLetterTopics(): string[] {
  return topicDefinitions.map((t) => deadLetterTopicOf(t.name));
}

/** `events tail`: events as they arrive (or from the beginning), filtered by tenant and type. */
export async function tail(
  inspector: EventStreamInspector,
  topics: string[],
  options: TailFilter & { fromBeginning: boolean; follow: boolean; signal?: AbortSignal },
  print: Print,
): Promise<number> {
  let shown = 0;
  await inspector.read(topics, options, (message) => {
    if (!matches(message, options)) return;
    eventLines(message).forEach(print);
    shown += 1;
  });
  return shown;
}

/** `events dlq`: every dead letter with where it came from and why. */
export async function listDeadLetters(
  inspector: EventStreamInspector,
  topics: string[],
  print: Print,
): Promise<number> {
  const letters = await inspector.deadLetters(topics);
  for (const letter of letters) deadLetterLines(letter).forEach(print);
  print(`${letters.length} dead letter${letters.length === 1 ? '' : 's'}`);
  return letters.length;
}

/** `events replay <dlq topic:partition@offset | all>`: dead letters back on the topic they came from. */
export async function replay(
  inspector: EventStreamInspector,
  topics: string[],
  which: string,
  print: Print,
): Promise<number> {
  const letters = await inspector.deadLetters(topics);
  const chosen = which === 'all' ? letters : letters.filter((letter) => letterId(letter) === which);
  if (chosen.length === 0)
    throw new Error(`no dead letter ${which}: \`events dlq\` lists them with their ids`);
  const sent = await inspector.replay(chosen);
  for (const letter of chosen) print(`replayed ${letterId(letter)} to ${letter.headers['x-original-topic']}`);
  return sent;
}

/** `events lag`: how far each service's consumer group is behind, per partition and in all. */
export async function lag(inspector: EventStreamInspector, print: Print): Promise<void> {
  lagLines(await inspector.lag(await inspector.groups())).forEach(print);
}

function matches(message: InspectedMessage, filter: TailFilter): boolean {
  if (filter.type && message.headers[CloudEventHeaders.type] !== filter.type) return false;
  if (filter.tenantId && message.key !== filter.tenantId) return false;
  return true;
}
