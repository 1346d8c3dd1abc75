import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_TTL_MS } from '@pac/http-contracts';
import type { Clock } from '@pac/clock';
import type { DataSource } from 'typeorm';

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

/** A claimed key: the holder runs the request, then completes or releases it with this claim. */
export interface Claim {
  partnerId: string;
  key: string;
  claim: string;
}

export type ClaimResult =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

export interface IdempotencyStoreOptions {
  /** An in-progress claim older than this is considered abandoned (its process died) and can be taken over. */
  staleClaimMs?: number;
  /** How long a duplicate waits for the first request to finish before answering 409. */
  waitForFirstMs?: number;
  pollMs?: number;
}

interface KeyRow {
  fingerprint: string;
  state: 'in-progress' | 'completed';
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
}

const DEFAULTS: Required<IdempotencyStoreOptions> = {
  staleClaimMs: 60_000,
  waitForFirstMs: 2_000,
  pollMs: 25,
};

/**
 * The idempotency keys of one service's schema. Insert-first: a request claims its (partner, key) with one
 * INSERT that only the first can win (the primary key decides between concurrent requests, across instances);
 * a later request with the same key finds the row and gets the stored answer, a 422 for another body, or
 * waits for the first to finish. Times come from the service's clock, so moving it expires keys.
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

  async claim(request: IdempotentRequest): Promise<ClaimResult> {
    const deadline = Date.now() + this.options.waitForFirstMs;
    for (;;) {
      const claimed = await this.tryClaim(request);
      if (claimed) return { kind: 'claimed', claim: claimed };
      const row = await this.find(request.partnerId, request.key);
      // The row went away between the insert and the read (released or purged): claim again.
      if (!row) continue;
      if (row.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
      if (row.state === 'completed') {
        return {
          kind: 'replay',
          answer: {
            status: row.response_status ?? 200,
            contentType: row.response_content_type,
            body: row.response_body,
          },
        };
      }
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }

  /** Records the first answer; only the holder of the claim can (a taken-over claim is not overwritten). */
  async complete(claim: Claim, answer: StoredAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table}
          SET state = 'completed', response_status = $4, response_content_type = $5, response_body = $6
        WHERE partner_id = $1 AND key = $2 AND claim = $3`,
      [claim.partnerId, claim.key, claim.claim, answer.status, answer.contentType, answer.body],
    );
  }

  /** Forgets a claim whose request failed on our side (5xx), so that a retry with the same key runs again. */
  async release(claim: Claim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE partner_id = $1 AND key = $2 AND claim = $3`,
      [claim.partnerId, claim.key, claim.claim],
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
   * One statement: insert the claim, or take over a row whose key expired or whose holder is presumed dead
   * (same request, claimed longer ago than staleClaimMs). Returns the claim, or undefined if the key is held.
   */
  private async tryClaim(request: IdempotentRequest): Promise<Claim | undefined> {
    const now = this.clock.now();
    const claim = randomUUID();
    const rows: Array<{ claim: string }> = await this.dataSource.query(
      `INSERT INTO ${this.table} AS k
         (partner_id, key, method, path, fingerprint, state, claim, locked_at, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in-progress', $6, $7, $7, $8)
       ON CONFLICT (partner_id, key) DO UPDATE SET
         method = EXCLUDED.method, path = EXCLUDED.path, fingerprint = EXCLUDED.fingerprint,
         state = 'in-progress', claim = EXCLUDED.claim, response_status = NULL,
         response_content_type = NULL, response_body = NULL, locked_at = EXCLUDED.locked_at,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= EXCLUDED.created_at
          OR (k.state = 'in-progress' AND k.fingerprint = EXCLUDED.fingerprint AND k.locked_at <= $9)
       RETURNING claim`,
      [
        request.partnerId,
        request.key,
        request.method,
        request.path,
        request.fingerprint,
        claim,
        now,
        new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
        new Date(now.getTime() - this.options.staleClaimMs),
      ],
    );
    return rows[0]?.claim === claim ? { partnerId: request.partnerId, key: request.key, claim } : undefined;
  }

  private async find(partnerId: string, key: string): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT fingerprint, state, response_status, response_content_type, response_body
         FROM ${this.table} WHERE partner_id = $1 AND key = $2 AND expires_at > $3`,
      [partnerId, key, this.clock.now()],
    );
    return rows[0];
  }
}
