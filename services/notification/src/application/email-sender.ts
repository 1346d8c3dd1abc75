import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AttemptOutcome } from '../domain/delivery';
import type { EmailMessage } from '../domain/email-message';
import { NotificationConfig } from '../notification.config';

/** One e-mail of a delivery: its stable Message-ID lets a mailbox recognise a resend after a crash. */
export interface EmailRequest {
  to: { name: string; address: string };
  message: EmailMessage;
  deliveryId: string;
}

/** Sends e-mails over SMTP (SMTP_URL) with nodemailer, over a small pool of kept-open connections. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(config: NotificationConfig) {
    this.from = config.EMAIL_FROM;
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(request: EmailRequest): Promise<AttemptOutcome> {
    const started = performance.now();
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: request.to,
        subject: request.message.subject,
        text: request.message.text,
        html: request.message.html,
        messageId: `<${request.deliveryId}@partner-admin-center>`,
      });
      return { ok: true, statusCode: replyCode(info.response), latencyMs: performance.now() - started };
    } catch (error) {
      const smtp = error as Error & { responseCode?: number };
      return {
        ok: false,
        statusCode: smtp.responseCode ?? null,
        error: (smtp.message ?? String(error)).slice(0, 500),
        latencyMs: performance.now() - started,
      };
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function replyCode(response: unknown): number | null {
  const code = typeof response === 'string' ? Number(response.slice(0, 3)) : NaN;
  return Number.isInteger(code) ? code : null;
}
