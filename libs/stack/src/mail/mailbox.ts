import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

/** What the local SMTP server keeps beside each message: who sent it to whom (the SMTP envelope), and when. */
export interface StoredEnvelope {
  from: string;
  to: string[];
  receivedAt: string;
}

/** One message the local SMTP server received, read back. */
export interface ReceivedMail extends StoredEnvelope {
  /** The file name, without extension: sortable by arrival. */
  id: string;
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where the local SMTP server of a stack folder keeps what it receives. */
export function mailFolder(stackDir: string): string {
  return join(stackDir, 'mail');
}

/** The envelopes of every message received so far, oldest first (cheap: no message is parsed). */
export function listEnvelopes(stackDir: string): Array<StoredEnvelope & { id: string }> {
  const folder = mailFolder(stackDir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      id: file.slice(0, -'.json'.length),
      ...(JSON.parse(readFileSync(join(folder, file), 'utf8')) as StoredEnvelope),
    }));
}

/** Every message received so far, oldest first, parsed (subject decoded, text and HTML parts). */
export async function readMailbox(
  stackDir: string,
  filter: (envelope: StoredEnvelope) => boolean = () => true,
): Promise<ReceivedMail[]> {
  const folder = mailFolder(stackDir);
  const mails: ReceivedMail[] = [];
  for (const envelope of listEnvelopes(stackDir).filter(filter)) {
    const parsed = await simpleParser(readFileSync(join(folder, `${envelope.id}.eml`)));
    const headers: Record<string, string> = {};
    for (const line of parsed.headerLines)
      headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
    mails.push({
      ...envelope,
      messageId: parsed.messageId,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      headers,
    });
  }
  return mails;
}
