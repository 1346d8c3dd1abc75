/**
 * Whether an error means the database is out of reach rather than that the message cannot be handled.
 * Such a message must not be dead-lettered: it is left uncommitted and delivered again once Postgres is back.
 * Postgres error classes 08 (connection exception), 53 (insufficient resources), 57P (operator intervention,
 * e.g. the server shutting down), and pg's own errors for a connection that went away.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|53|57P)/.test(code)) return true;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    error.message,
  );
}
