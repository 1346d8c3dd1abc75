import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { NotificationConfig } from '../notification.config';

/**
 * Webhook secrets at rest: AES-256-GCM with the key of WEBHOOK_SECRET_KEY, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). A database dump alone does not give the secrets; the partner sees
 * theirs once, when the webhook is created.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(config: NotificationConfig) {
    this.key = Buffer.from(config.WEBHOOK_SECRET_KEY, 'base64');
  }

  /** A new signing secret, as the partner gets it: `whsec_` and 32 random bytes. */
  newSecret(): string {
    return `whsec_${randomBytes(32).toString('base64url')}`;
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined)
      throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
