import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem';

/** Query strings remembered per query class with their validated value (see QueryMemoValidationPipe). */
export const VALIDATED_QUERIES_KEPT = 1000;

/**
 * The validation pipe, remembering the queries it accepted. Validating a query is a pure function of its
 * parameters, and a front end sends the same few again and again (`?limit=50`), while class-transformer and
 * class-validator cost more than the rest of a list request in the gateway. An accepted query is kept (the
 * least recently used forgotten beyond VALIDATED_QUERIES_KEPT) and each request gets its own copy of the
 * validated value; a refused one is validated every time. Bodies and path parameters are always validated.
 */
export class QueryMemoValidationPipe extends ValidationPipe {
  private readonly accepted = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Nest's pipe turns a JSON null into {}, which a body of optional fields would accept: a body is an object.
    if (metadata.type === 'body' && metadata.metatype && value !== undefined && !isJsonObject(value)) {
      throw ProblemException.validation([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    if (metadata.type !== 'query' || !metadata.metatype || typeof value !== 'object' || value === null) {
      return super.transform(value, metadata);
    }
    let accepted = this.accepted.get(metadata.metatype);
    if (!accepted) this.accepted.set(metadata.metatype, (accepted = new Map()));
    const key = JSON.stringify(value);
    let validated = accepted.get(key);
    if (validated) {
      accepted.delete(key);
    } else {
      validated = (await super.transform(value, metadata)) as object;
      if (accepted.size >= VALIDATED_QUERIES_KEPT) accepted.delete(accepted.keys().next().value!);
    }
    accepted.set(key, validated); // the most recently used, forgotten last
    return Object.assign(Object.create(Object.getPrototypeOf(validated) as object) as object, validated);
  }
}

/** One validation policy for every body and query: unknown fields refused, every bad field named. */
export function createValidationPipe(): ValidationPipe {
  return new QueryMemoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      ProblemException.validation(oneEntryPerField(flattenValidationErrors(errors))),
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** docs/api-conventions.md: one entry per bad field; a field breaking several rules gets its messages joined. */
export function oneEntryPerField(errors: FieldError[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { field, message } of errors) byField.set(field, [...(byField.get(field) ?? []), message]);
  return [...byField].map(([field, messages]) => ({ field, message: messages.join('; ') }));
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
