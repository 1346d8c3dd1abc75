import type { EntityManager } from 'typeorm';
import type { Webhook } from '../domain/webhook';
import { WebhookEntity } from './webhook.entity';

/** A partner's webhooks, inside the caller's transaction. */

export async function insertWebhook(
  manager: EntityManager,
  webhook: Webhook,
  secretCiphertext: string,
): Promise<void> {
  await manager.getRepository(WebhookEntity).insert(WebhookEntity.fromDomain(webhook, secretCiphertext));
}

/** A webhook of the partner, locked for a change when asked. */
export async function findWebhook(
  manager: EntityManager,
  partnerId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookEntity | undefined> {
  return (
    (await manager.getRepository(WebhookEntity).findOne({
      where: { partnerId, id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    })) ?? undefined
  );
}

export async function saveWebhookState(manager: EntityManager, webhook: Webhook): Promise<void> {
  await manager.getRepository(WebhookEntity).update(
    { id: webhook.id },
    {
      status: webhook.status,
      failingSince: webhook.failingSince ? new Date(webhook.failingSince) : null,
      disabledAt: webhook.disabledAt ? new Date(webhook.disabledAt) : null,
    },
  );
}

export async function deleteWebhook(manager: EntityManager, id: string): Promise<void> {
  await manager.getRepository(WebhookEntity).delete({ id });
}
