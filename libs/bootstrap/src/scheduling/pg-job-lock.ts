import { advisoryLockKey } from '@pac/persistence';
import type { DataSource } from 'typeorm';
import type { JobLock } from './clock-driven-jobs';

/**
 * A job's lock across the instances of a service: a session advisory lock keyed by (job, schema), held on a
 * pooled connection for the length of one run and released after it.
 */
export class PgAdvisoryJobLock implements JobLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async withLock(jobName: string, mode: 'wait' | 'try', work: () => Promise<void>): Promise<boolean> {
    const key = advisoryLockKey(`job:${jobName}`, this.schema);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (mode === 'wait') {
        await runner.query('SELECT pg_advisory_lock($1::bigint)', [key]);
      } else {
        const [row] = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key])) as {
          locked: boolean;
        }[];
        if (!row?.locked) return false;
      }
      try {
        await work();
        return true;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
      }
    } finally {
      await runner.release();
    }
  }
}
