import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_TTL_MS } from '@pac/http-contracts';
import type { Clock } from '@pac/clock';
import { RequestTransaction } from '@pac/persistence';
import type { DataSource, EntityManager } from 'typeorm';

export interface IdempotentRequest {
  partnerId: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

export interface StoredAnswer {
  status: number;
  contentType: string | null;
  /** The serialised body, exactly as first sent; null for an empty answer. */
  body: string | null;
}

/**
 * What became of a claim, inside the request transaction that made it:
 * - `claimed`: this request runs; its answer is recorded in the same transaction (`complete`);
 * - `replay`: an earlier request with this key and body committed this answer;
 * - `mismatch`: the key was used with another method, path or body;
 * - `in-progress`: another request with this key is still running (it holds the row) after the wait.
 */
export type ClaimResult =
  | { kind: 'claimed'; transaction: RequestTransaction }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyStoreOptions {
  /** How long a duplicate waits for the first request to finish before answering 409. */
  waitForFirstMs?: number;
}

interface KeyRow {
  fingerprint: string;
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
}

const DEFAULTS: Required<IdempotencyStoreOptions> = { waitForFirstMs: 2_000 };

/** Postgres' lock_not_available: the key's row stayed locked by the first request for the whole wait. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The idempotency keys of one service's schema. A keyed request runs in one transaction that claims the key,
 * does the work and records the answer: they commit together or not at all. So a crash, a lost connection or
 * a failure anywhere before the commit leaves no trace (the key is free again, nothing was written), and once
 * the write is committed its answer is too: a retry always gets it, never runs the work again.
 *
 * Two requests with one key: the second one's insert waits on the first one's uncommitted row (the primary
 * key decides, across instances), then finds the committed answer, or claims the key if the first rolled back.
 * Times come from the service's clock, so moving it expires keys.
 */
export class IdempotencyStore {
  private readonly table: string;
  private readonly options: Required<IdempotencyStoreOptions>;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly clock: Clock,
    options: IdempotencyStoreOptions = {},
  ) {
    this.table = `"${schema}".idempotency_keys`;
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Opens the request transaction and claims the key in it. Anything but `claimed` has already closed it;
   * a `claimed` transaction is the caller's to complete and commit, or to roll back.
   */
  async claim(request: IdempotentRequest): Promise<ClaimResult> {
    const transaction = await RequestTransaction.open(this.dataSource);
    let result: ClaimResult;
    try {
      result = await this.claimIn(transaction.manager, request, transaction);
    } catch (error) {
      await transaction.rollback();
      if (isLockTimeout(error)) return { kind: 'in-progress' };
      throw error;
    }
    if (result.kind !== 'claimed') await transaction.rollback();
    return result;
  }

  /** Records the answer in the request's transaction; it becomes visible when that commits. */
  async complete(
    transaction: RequestTransaction,
    request: IdempotentRequest,
    answer: StoredAnswer,
  ): Promise<void> {
    await transaction.manager.query(
      `UPDATE ${this.table}
          SET state = 'completed', response_status = $3, response_content_type = $4, response_body = $5
        WHERE partner_id = $1 AND key = $2`,
      [request.partnerId, request.key, answer.status, answer.contentType, answer.body],
    );
  }

  /** Deletes the keys whose 24 h have passed by the clock; returns how many. */
  async purgeExpired(): Promise<number> {
    const result: unknown = await this.dataSource.query(`DELETE FROM ${this.table} WHERE expires_at <= $1`, [
      this.clock.now(),
    ]);
    // node-postgres through TypeORM answers [rows, affected] for a DELETE
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /**
   * One statement claims the key: a new row, or the row of an expired key (or one left `in-progress` by a
   * version that committed claims on their own). If another transaction holds the row, the statement waits
   * for it, up to waitForFirstMs (lock_timeout).
   */
  private async claimIn(
    manager: EntityManager,
    request: IdempotentRequest,
    transaction: RequestTransaction,
  ): Promise<ClaimResult> {
    const now = this.clock.now();
    await manager.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.options.waitForFirstMs))}`);
    const claimed: unknown[] = await manager.query(
      `INSERT INTO ${this.table} AS k
         (partner_id, key, method, path, fingerprint, state, claim, locked_at, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in-progress', $6, $7, $7, $8)
       ON CONFLICT (partner_id, key) DO UPDATE SET
         method = EXCLUDED.method, path = EXCLUDED.path, fingerprint = EXCLUDED.fingerprint,
         state = 'in-progress', claim = EXCLUDED.claim, response_status = NULL,
         response_content_type = NULL, response_body = NULL, locked_at = EXCLUDED.locked_at,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= EXCLUDED.created_at OR k.state = 'in-progress'
       RETURNING 1`,
      [
        request.partnerId,
        request.key,
        request.method,
        request.path,
        request.fingerprint,
        randomUUID(),
        now,
        new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      ],
    );
    if (claimed.length > 0) return { kind: 'claimed', transaction };
    const rows: KeyRow[] = await manager.query(
      `SELECT fingerprint, response_status, response_content_type, response_body
         FROM ${this.table} WHERE partner_id = $1 AND key = $2`,
      [request.partnerId, request.key],
    );
    const row = rows[0];
    if (!row) throw new Error('an idempotency key row vanished while it was being claimed');
    if (row.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
    return {
      kind: 'replay',
      answer: {
        status: row.response_status ?? 200,
        contentType: row.response_content_type,
        body: row.response_body,
      },
    };
  }
}

function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE;
}
