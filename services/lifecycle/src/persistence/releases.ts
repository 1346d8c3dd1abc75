import { anyRow } from '@pac/bootstrap';
import { In, IsNull, LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { Release } from '../domain/release';
import type { ReleaseTerms } from '../domain/update-schedule';
import { ReleaseEntity } from './release.entity';
import { versionKey } from './version-key';

/** The release aggregate's reads and writes, inside the caller's transaction (`manager`). */

export async function findRelease(manager: EntityManager, version: string): Promise<Release | null> {
  const row = await manager.getRepository(ReleaseEntity).findOneBy({ version });
  return row?.toDomain() ?? null;
}

/** The release with the same version number (26.1 and 26.01 are one version), if one is published. */
export async function findReleaseOfVersion(manager: EntityManager, version: string): Promise<Release | null> {
  const row = await manager.getRepository(ReleaseEntity).findOneBy({ versionKey: versionKey(version) });
  return row?.toDomain() ?? null;
}

/**
 * The terms of releases (type, availableFrom, latestSelectableDays), by version. They never change once
 * published: kept in memory, one read per release and process (an update wave reads the same few releases
 * thousands of times).
 */
export async function releaseTermsByVersion(
  manager: EntityManager,
  versions: readonly string[],
): Promise<Map<string, ReleaseTerms>> {
  const missing = [...new Set(versions)].filter((version) => !knownTerms.has(version));
  if (missing.length > 0) {
    for (const row of await manager.getRepository(ReleaseEntity).findBy({ version: In(missing) })) {
      const { version, type, availableFrom, latestSelectableDays } = row.toDomain();
      knownTerms.set(version, { version, type, availableFrom, latestSelectableDays });
    }
  }
  return new Map(
    versions.flatMap((version) => {
      const terms = knownTerms.get(version);
      return terms ? [[version, terms] as const] : [];
    }),
  );
}

const knownTerms = new Map<string, ReleaseTerms>();

/** Releases available by `now`, oldest version first (what a new environment is offered). */
export async function releasesAvailableBy(manager: EntityManager, now: Date): Promise<Release[]> {
  const rows = await manager.getRepository(ReleaseEntity).find({
    where: { availableFrom: LessThanOrEqual(now) },
    order: { versionKey: 'ASC' },
  });
  return rows.map((row) => row.toDomain());
}

/** Available releases of one major version (the ones an environment reaching the major before it gets). */
export async function releasesOfMajorAvailableBy(
  manager: EntityManager,
  major: number,
  now: Date,
): Promise<Release[]> {
  const rows = await manager
    .getRepository(ReleaseEntity)
    .createQueryBuilder('r')
    .where('r.available_from <= :now AND r.version_key >= :from AND r.version_key < :to', {
      now,
      from: major * 10_000,
      to: (major + 1) * 10_000,
    })
    .orderBy('r.version_key')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Releases whose availableFrom has come and that are not offered to every environment yet. */
export async function releasesToDistribute(manager: EntityManager, now: Date): Promise<Release[]> {
  const rows = await manager
    .getRepository(ReleaseEntity)
    .createQueryBuilder('r')
    .where('r.distributed_at IS NULL AND r.available_from <= :now', { now })
    .orderBy('r.available_from')
    .getMany();
  return rows.map((row) => row.toDomain());
}

/** Whether a release waits to be distributed: one indexed statement, outside any transaction. */
export function anyReleaseToDistribute(dataSource: DataSource, now: Date): Promise<boolean> {
  return anyRow(dataSource, `SELECT 1 FROM releases WHERE distributed_at IS NULL AND available_from <= $1`, [
    now,
  ]);
}

export async function insertRelease(manager: EntityManager, release: Release): Promise<void> {
  await manager.getRepository(ReleaseEntity).insert(ReleaseEntity.fromDomain(release));
}

export async function markDistributed(manager: EntityManager, version: string, at: Date): Promise<void> {
  await manager
    .getRepository(ReleaseEntity)
    .update({ version, distributedAt: IsNull() }, { distributedAt: at });
}
