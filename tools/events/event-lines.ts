import {
  CloudEventHeaders,
  DeadLetterHeaders,
  type InspectedMessage,
  type PartitionLag,
} from '@pac/messaging';

/** How the events command shows things: one event or dead letter as a few lines, lag as a table. */

const VALUE_PREVIEW = 400;

export function eventLines(message: InspectedMessage): string[] {
  const h = message.headers;
  const at = new Date(Number(message.timestamp)).toISOString();
  return [
    `${at}  ${message.topic} [${message.partition}] @${message.offset}  ${h[CloudEventHeaders.type] ?? '(no ce_type)'}  ${h[CloudEventHeaders.subject] ?? ''}`,
    `  id ${h[CloudEventHeaders.id] ?? '-'} · source ${h[CloudEventHeaders.source] ?? '-'} · time ${h[CloudEventHeaders.time] ?? '-'} · key ${message.key ?? '-'}`,
    `  ${preview(message.value)}`,
  ];
}

export function deadLetterLines(letter: InspectedMessage): string[] {
  const h = letter.headers;
  return [
    `${letterId(letter)}  from ${h[DeadLetterHeaders.originalTopic] ?? '?'} [${h[DeadLetterHeaders.originalPartition] ?? '?'}] @${h[DeadLetterHeaders.originalOffset] ?? '?'} (group ${h[DeadLetterHeaders.consumerGroup] ?? '?'})`,
    `  ${h[CloudEventHeaders.type] ?? '(no ce_type)'} · id ${h[CloudEventHeaders.id] ?? '-'} · key ${letter.key ?? '-'}`,
    `  error: ${h[DeadLetterHeaders.error] ?? '(none recorded)'}`,
    `  ${preview(letter.value)}`,
  ];
}

/** How a dead letter is named on the command line: `<dlq topic>:<partition>@<offset>`. */
export function letterId(letter: Pick<InspectedMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${letter.topic}:${letter.partition}@${letter.offset}`;
}

export function lagLines(lags: PartitionLag[]): string[] {
  const lines = [
    'group          topic                                   partition  committed       end       lag',
  ];
  for (const l of lags) {
    lines.push(
      `${l.group.padEnd(15)}${l.topic.padEnd(40)}${String(l.partition).padStart(9)}` +
        `${String(l.committed).padStart(11)}${String(l.end).padStart(10)}${String(l.lag).padStart(10)}`,
    );
  }
  const totals = new Map<string, number>();
  for (const l of lags) totals.set(l.group, (totals.get(l.group) ?? 0) + l.lag);
  for (const [group, lag] of totals) lines.push(`${group}: ${lag} behind in all`);
  return lines;
}

function preview(value: string | null): string {
  if (value === null) return '(no value)';
  return value.length > VALUE_PREVIEW
    ? `${value.slice(0, VALUE_PREVIEW)}… (${value.length} characters)`
    : value;
}
