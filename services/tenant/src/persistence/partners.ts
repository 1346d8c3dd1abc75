import type { EntityManager } from 'typeorm';
import type { Partner } from '../domain/partner';
import { PartnerEntity } from './partner.entity';

/** The partner aggregate's reads and writes, inside the caller's transaction (`manager`). */

export async function findPartner(manager: EntityManager, partnerId: string): Promise<Partner | null> {
  const row = await manager.getRepository(PartnerEntity).findOneBy({ id: partnerId });
  return row?.toDomain() ?? null;
}

export async function partnerExists(manager: EntityManager, partnerId: string): Promise<boolean> {
  return manager.getRepository(PartnerEntity).exists({ where: { id: partnerId } });
}

export async function insertPartner(manager: EntityManager, partner: Partner): Promise<void> {
  await manager.getRepository(PartnerEntity).insert(PartnerEntity.fromDomain(partner));
}
