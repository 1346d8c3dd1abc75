import type { EntityManager } from 'typeorm';
import type { Recipient } from '../domain/recipient';
import { RecipientEntity } from './recipient.entity';

/** The recipients of a tenant's notifications, inside the caller's transaction. */

export async function recipientsOfTenant(manager: EntityManager, tenantId: string): Promise<Recipient[]> {
  const rows = await manager.getRepository(RecipientEntity).find({ where: { tenantId } });
  return rows.map((row) => row.toDomain());
}

export async function insertRecipient(manager: EntityManager, recipient: Recipient): Promise<void> {
  await manager.getRepository(RecipientEntity).insert(RecipientEntity.fromDomain(recipient));
}

export async function findRecipient(
  manager: EntityManager,
  tenantId: string,
  id: string,
): Promise<Recipient | undefined> {
  return (await manager.getRepository(RecipientEntity).findOneBy({ tenantId, id }))?.toDomain();
}

/** Removes a recipient; what was not sent to them yet is given up (their delivery log goes with them). */
export async function deleteRecipient(manager: EntityManager, id: string): Promise<void> {
  await manager.getRepository(RecipientEntity).delete({ id });
}
