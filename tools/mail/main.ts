/**
 * `npm run mail -- list [--to <address>] [--last <n>]`: what the local SMTP server of the stack folder
 * (STACK_DIR, default .stack) received: one line per message (time, sender, recipients, subject), oldest
 * first. `npm run mail -- show <id>` prints one message's text. Development only: the local server keeps every
 * message in `<STACK_DIR>/mail/` (a .eml file each, which any mail client opens).
 */
import { readMailbox, stackOptionsFromEnv } from '@pac/stack';

const USAGE = 'Usage: npm run mail -- list [--to <address>] [--last <n>] | show <id>\n';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const { dir } = stackOptionsFromEnv(process.env);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  if (command === 'list') {
    const to = option('--to')?.toLowerCase();
    const mails = await readMailbox(dir, (e) => !to || e.to.some((address) => address.toLowerCase() === to));
    const last = Number(option('--last') ?? mails.length);
    for (const mail of mails.slice(-last)) {
      process.stdout.write(
        `${mail.id}  ${mail.receivedAt}  ${mail.from} -> ${mail.to.join(', ')}  ${mail.subject}\n`,
      );
    }
    process.stdout.write(`${mails.length} message(s) in ${dir}/mail\n`);
    return 0;
  }
  if (command === 'show' && args[0]) {
    const [mail] = await readMailbox(dir, () => true).then((all) => all.filter((m) => m.id === args[0]));
    if (!mail) {
      process.stderr.write(`no message ${args[0]} in ${dir}/mail\n`);
      return 1;
    }
    process.stdout.write(
      `From: ${mail.from}\nTo: ${mail.to.join(', ')}\nSubject: ${mail.subject}\n\n${mail.text}`,
    );
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
