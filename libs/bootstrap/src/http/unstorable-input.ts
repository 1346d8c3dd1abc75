import type { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, type FieldError } from './problem';

/** Deeper JSON than this is no request of ours: refused before validation walks it. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first value of a request that no route can take, with its field: a string with a NUL character (no
 * Postgres text column can store it, so it would fail as a 500 deep in a service), or JSON nested deeper than
 * MAX_JSON_DEPTH (validation and fingerprinting walk it recursively). Pure, for the hook below and its tests.
 */
export function findUnstorableInput(value: unknown, field: string, depth = 0): FieldError | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? { field, message: 'must not contain the NUL character (U+0000)' }
      : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH) return { field, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableInput(value[i], `${field}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const name = field ? `${field}.${key}` : key;
    const found = findUnstorableInput(key, name, depth + 1) ?? findUnstorableInput(inner, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses with 400 problem+json, before any validation or handler, a request whose path parameters, query or
 * JSON body holds what findUnstorableInput finds; the field is named as the route names it (`name`, `q`,
 * `contacts[0].email`). The bodies of `bodiesCheckedByTheirRoute` (paths) are left to their route, which checks
 * them field by field at least as strictly.
 */
export function refuseUnstorableInput(
  fastify: FastifyInstance,
  bodiesCheckedByTheirRoute: readonly string[] = [],
): void {
  const bodyChecked = new Set(bodiesCheckedByTheirRoute);
  fastify.addHook('preValidation', async (request, reply) => {
    const found =
      findUnstorableInput(request.params, '') ??
      findUnstorableInput(request.query, '') ??
      (bodyChecked.has(request.url.split('?', 1)[0]!) ? undefined : findUnstorableInput(request.body, ''));
    if (!found) return;
    return reply
      .status(400)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(
        problem(400, 'The request is not valid.', { errors: [{ ...found, field: found.field || 'body' }] }),
      );
  });
}
