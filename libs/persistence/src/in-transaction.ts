import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * A transaction opened around a whole request (by the Idempotency-Key handling): the handlers that run in it
 * join it through inTransaction, so that their writes, their outbox rows and the recorded answer of the request
 * commit together or not at all.
 */
export class RequestTransaction {
  private readonly committed: Array<() => void> = [];
  private closed = false;

  private constructor(
    readonly dataSource: DataSource,
    private readonly runner: QueryRunner,
  ) {}

  static async open(dataSource: DataSource): Promise<RequestTransaction> {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      throw error;
    }
    return new RequestTransaction(dataSource, runner);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Runs `work` (and everything it awaits) so that inTransaction on this data source joins this transaction. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return requestTransactions.run(this, work);
  }

  /** Queues something to do once the transaction has committed (never if it rolls back). */
  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  async savepoint(name: string): Promise<void> {
    await this.runner.query(`SAVEPOINT ${name}`);
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
    // What was queued by the work undone must not happen.
    this.committed.length = 0;
  }

  /** Commits, runs the after-commit callbacks and gives the connection back. */
  async commit(): Promise<void> {
    this.closed = true;
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release();
    }
    for (const callback of this.committed.splice(0)) callback();
  }

  /** Rolls back if still open and gives the connection back; never throws: the connection may be gone. */
  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } catch {
      // A broken connection rolls back by itself on the server.
    } finally {
      await this.runner.release();
    }
  }
}

const requestTransactions = new AsyncLocalStorage<RequestTransaction>();

/**
 * Runs `work` in one database transaction: committed if it resolves, rolled back if it throws. Everything
 * that must change together (a state change and its outbox event, a consumer's effect and its inbox row)
 * goes through the manager it is given. Inside a request transaction on the same data source (see
 * RequestTransaction), `work` joins it instead, and commits with it.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const request = requestTransactions.getStore();
  if (request?.dataSource === dataSource) return work(request.manager);
  return dataSource.transaction(work);
}

/**
 * Runs `callback` once what the caller wrote is committed: at once outside a request transaction (the caller's
 * own inTransaction has returned), after the request transaction's commit inside one. For nudges to in-process
 * workers that must not look for rows before they are visible.
 */
export function afterCommit(callback: () => void): void {
  const request = requestTransactions.getStore();
  if (request) request.afterCommit(callback);
  else callback();
}
