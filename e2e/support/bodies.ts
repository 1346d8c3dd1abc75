import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi';
import type { World } from './world';

/**
 * Valid request bodies made from the OpenAPI document: each property's `example` when it has one, else a value
 * made from its type. Optional properties are included only when they have an example, so that what is sent
 * is known to be valid. A required property that cannot be made (a pattern without an example) fails with
 * the operation's name: give the property an example in its @ApiProperty, or add a body below.
 */
export const BODY_FIXTURES: Record<string, (world: World) => unknown> = {};

/** Ids in bodies point at the world's target tenant, so that a wrongly accepted call shows in the readback. */
const ID_PROPERTIES: Record<string, (world: World) => unknown> = {
  tenantIds: (world) => [world.tenantA1.id],
  tenantId: (world) => world.tenantA1.id,
};

export class CannotBuildBody extends Error {}

export function validBody(document: OpenApiDocument, operation: Operation, world: World): unknown {
  const fixture = BODY_FIXTURES[operation.name];
  if (fixture) return fixture(world);
  if (!operation.body) return undefined;
  return valueOf(document, operation.body, operation.name, '', world);
}

function valueOf(
  document: OpenApiDocument,
  raw: Schema,
  operation: string,
  at: string,
  world: World,
): unknown {
  const schema = resolve(document, raw);
  if (schema.type === 'object' || schema.properties) {
    const body: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const idValue = ID_PROPERTIES[name];
      if (idValue) body[name] = idValue(world);
      else if (property.example !== undefined) body[name] = property.example;
      else if (required.has(name) || isObjectList(document, property))
        body[name] = valueOf(document, property, operation, `${at}${name}.`, world);
    }
    return body;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.oneOf?.length) return valueOf(document, schema.oneOf[0]!, operation, at, world);
  switch (schema.type) {
    case 'array':
      return [valueOf(document, schema.items ?? { type: 'string' }, operation, at, world)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.pattern) {
        throw new CannotBuildBody(
          `${operation}: cannot make a value for ${at || 'the body'} (pattern ${schema.pattern}); ` +
            'give it an example in its @ApiProperty or add a body to BODY_FIXTURES in e2e/support/bodies.ts',
        );
      }
      return stringOf(schema);
    default:
      throw new CannotBuildBody(`${operation}: cannot make a value for ${at || 'the body'} (no type)`);
  }
}

/** An optional list of objects (e.g. contacts) is filled with one valid item, to validate inside it too. */
function isObjectList(document: OpenApiDocument, property: Schema): boolean {
  if (property.type !== 'array' || !property.items) return false;
  const item = resolve(document, property.items);
  return item.type === 'object' || item.properties !== undefined;
}

function stringOf(schema: Schema): string {
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'email':
      return 'someone@example.com';
    case 'date-time':
      return new Date().toISOString();
    case 'uri':
    case 'url':
      return 'https://example.com/hook';
    default: {
      const length = Math.max(schema.minLength ?? 1, Math.min(6, schema.maxLength ?? 6));
      return 'sample'.padEnd(length, 'x').slice(0, length);
    }
  }
}
