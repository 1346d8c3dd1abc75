import { keptAsParsedProperties, type EventDefinition } from '@pac/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { accept, reject, type Result } from '@pac/domain';

export interface InvalidPayload {
  kind: 'invalid-payload';
  /** The failing fields as paths (`contacts.0.email`) with what is wrong with each. */
  fields: { path: string; problems: string[] }[];
  /** One line naming every failing field, for logs and the dead-letter `x-error` header. */
  message: string;
}

/**
 * Checks event data against the payload class of its contract. Unknown properties are dropped, not refused
 * (producers may add fields to a topic version). Returns the payload as an instance of its class.
 */
export async function validatePayload<P extends object>(
  definition: EventDefinition<P>,
  data: unknown,
): Promise<Result<P, InvalidPayload>> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalid(
      [
        {
          path: '(data)',
          problems: [
            `must be a JSON object, got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}`,
          ],
        },
      ],
      definition.type,
    );
  }
  const instance = plainToInstance(definition.payload, withoutKeptAsParsed(definition, data));
  for (const property of keptAsParsedProperties(definition.payload)) {
    if (property in data)
      (instance as Record<string, unknown>)[property] = (data as Record<string, unknown>)[property];
  }
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) return invalid(flatten(errors), definition.type);
  return accept(instance);
}

function withoutKeptAsParsed(definition: EventDefinition, data: object): object {
  const kept = keptAsParsedProperties(definition.payload);
  if (kept.length === 0) return data;
  const rest: Record<string, unknown> = { ...data };
  for (const property of kept) delete rest[property];
  return rest;
}

function invalid(fields: InvalidPayload['fields'], type: string): { ok: false; error: InvalidPayload } {
  const summary = fields.map((f) => `${f.path}: ${f.problems.join(', ')}`).join('; ');
  return reject({ kind: 'invalid-payload', fields, message: `invalid ${type} payload: ${summary}` });
}

function flatten(errors: ValidationError[], parent = ''): InvalidPayload['fields'] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
