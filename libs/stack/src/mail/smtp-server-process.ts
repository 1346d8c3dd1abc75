/**
 * The local SMTP server of the stack, as its own process (started detached by mail-stack.ts, like Postgres and
 * Kafka): `node smtp-server-process.js <port> <stack dir>`. It accepts every message on 127.0.0.1 without
 * authentication and keeps each one in `<stack dir>/mail/` (mailbox.ts reads them). For development and tests
 * only: nothing is relayed anywhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { mailFolder, type StoredEnvelope } from './mailbox';

const [portText, stackDir] = process.argv.slice(2);
if (!portText || !stackDir) {
  process.stderr.write('usage: smtp-server-process <port> <stack dir>\n');
  process.exit(2);
}
const folder = mailFolder(stackDir);
mkdirSync(folder, { recursive: true });
let received = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  banner: 'Partner Admin Center local SMTP (development only: nothing leaves this machine)',
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const receivedAt = new Date().toISOString();
      // Sortable by arrival; unique within this process (a counter) and across restarts (the pid).
      const name = `${receivedAt.replace(/[:.]/g, '-')}-${process.pid}-${String(++received).padStart(6, '0')}`;
      const envelope: StoredEnvelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        receivedAt,
      };
      try {
        writeFileSync(join(folder, `${name}.eml`), Buffer.concat(chunks));
        // The envelope last: a reader lists messages by it, so it never sees half a message.
        writeFileSync(join(folder, `${name}.json`), JSON.stringify(envelope));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    });
  },
});
server.on('error', (error) => process.stderr.write(`smtp server: ${error.message}\n`));
// Loopback unless SMTP_HOST says otherwise (compose: the other containers send to it).
const host = process.env['SMTP_HOST'] ?? '127.0.0.1';
server.listen(Number(portText), host, () =>
  process.stdout.write(`local SMTP server on ${host}:${portText}, mail kept in ${folder}\n`),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
