import { problem, type ProblemDetails } from '@pac/bootstrap';

/** Seconds a client is asked to wait before retrying a call whose service could not be reached. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 2;

/** undici's errors for a service that was reached but did not answer in time. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The problem a call to a service ends with when it got no answer: 504 `upstream-timeout` when the service
 * was reached but did not answer in time (its status and headers, or the rest of its body), else 503
 * `dependency-unavailable` with a retry-after (refused or timed-out connection, connection dropped: the
 * service is down, restarting or unreachable). Either way, only the routes of that service are affected.
 */
export function upstreamFailure(service: string, error: unknown): ProblemDetails {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return problem(504, `the ${service} service did not answer in time; try again shortly`);
  }
  return problem(503, `the ${service} service is not reachable; try again shortly`, {
    retryAfterSeconds: UNREACHABLE_RETRY_AFTER_SECONDS,
  });
}
