import { gatewayUrl, type ApiResponse, type GatewayClient } from '@pac/testing';
import { CannotBuildBody, validBody } from './support/bodies';
import {
  fetchOpenApi,
  operationsOf,
  resolve,
  type OpenApiDocument,
  type Operation,
  type Schema,
} from './support/openapi';
import { readEverything, settledSnapshot } from './support/snapshot';
import { createFixtures, createWorld, fillPath, unfillable, type World } from './support/world';

jest.setTimeout(120_000);

/**
 * Validation, generated from the OpenAPI document's schemas: for each write with a JSON body, starting from a
 * valid body, each of these gives 400 problem+json naming exactly the field, and changes nothing:
 * - a required field missing; - a field of the wrong type; - an unknown field (top level and inside listed
 *   objects); - an oversize value (a string past its maxLength, or 10,001 characters when it declares none;
 *   a list past its maxItems, or 1,001 items; an oversize string in a list of strings).
 * And for every operation, an unknown query parameter is refused naming it; declared query parameters of the
 * wrong type or oversize are refused naming them.
 */

const UNBOUNDED_STRING = 10_001;
const UNBOUNDED_LIST = 1_001;
const UNBOUNDED_QUERY = 5_000;

interface Mutation {
  what: string;
  field: string;
  body: unknown;
}

describe('validation, generated from /openapi.json', () => {
  let document: OpenApiDocument;
  let operations: Operation[];
  let world: World;

  beforeAll(async () => {
    document = await fetchOpenApi(gatewayUrl());
    operations = operationsOf(document);
    world = await createWorld(gatewayUrl(), 'Validation');
  });

  const callerFor = (op: Operation): GatewayClient =>
    op.access === 'platform' ? world.platform : world.a.admin;

  it('refuses every invalid body naming the field, and changes nothing', async () => {
    await createFixtures(world, operations);
    const before = await settledSnapshot(world, operations);
    const mismatches: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.body && unfillable([o.path]).length === 0)) {
      let base: unknown;
      try {
        base = validBody(document, op, world);
      } catch (error) {
        if (!(error instanceof CannotBuildBody)) throw error;
        mismatches.push(error.message);
        continue;
      }
      const path = await fillPath(world, op.path);
      for (const mutation of mutationsOf(document, op.body!, base)) {
        const answer = await callerFor(op).send<unknown>(op.method, path, mutation.body);
        checked += 1;
        const problem = namesOnly(answer, mutation.field);
        if (problem) mismatches.push(`${op.name}, ${mutation.what}: ${problem}`);
      }
    }
    const after = await readEverything(world, operations);
    expect(mismatches).toEqual([]);
    expect(after).toEqual(before);
    expect(checked).toBeGreaterThan(10);
  });

  it('refuses unknown, mistyped and oversize query parameters naming them, on every operation', async () => {
    const mismatches: string[] = [];
    for (const op of operations.filter((o) => !o.streams && unfillable([o.path]).length === 0)) {
      const path = await fillPath(world, op.path);
      const cases: Array<{ what: string; field: string; query: string }> = [
        { what: 'an unknown query parameter', field: 'unexpectedParam', query: 'unexpectedParam=1' },
      ];
      for (const param of op.queryParams) {
        const schema = resolve(document, param.schema ?? { type: 'string' });
        const wrong = wrongQueryValue(schema);
        if (wrong !== undefined)
          cases.push({
            what: `${param.name} of the wrong type`,
            field: param.name,
            query: `${param.name}=${wrong}`,
          });
        if (schema.type === 'string' || schema.type === undefined) {
          const size = schema.maxLength !== undefined ? schema.maxLength + 1 : UNBOUNDED_QUERY;
          cases.push({
            what: `${param.name} oversize`,
            field: param.name,
            query: `${param.name}=${'x'.repeat(size)}`,
          });
        }
      }
      const body = op.body ? safeBody(document, op, world) : undefined;
      for (const testCase of cases) {
        const answer = await callerFor(op).send<unknown>(op.method, `${path}?${testCase.query}`, body);
        const problem = namesOnly(answer, testCase.field);
        if (problem) mismatches.push(`${op.name}, ${testCase.what}: ${problem}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** The body is only there to pass body validation; a body that cannot be made is the other test's report. */
function safeBody(document: OpenApiDocument, op: Operation, world: World): unknown {
  try {
    return validBody(document, op, world);
  } catch {
    return {};
  }
}

/** What is wrong unless the answer is 400 problem+json whose errors name `field` (or fields inside it) only. */
function namesOnly(answer: ApiResponse<unknown>, field: string): string | undefined {
  const got = `got ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`;
  if (answer.status !== 400) return `expected 400 naming ${field}, ${got}`;
  if (!(answer.headers.get('content-type') ?? '').includes('application/problem+json'))
    return `expected problem+json, got ${answer.headers.get('content-type')}`;
  const fields = ((answer.body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
  const about = (name: string) => name === field || name.startsWith(`${field}.`);
  if (!fields.some(about)) return `expected an error naming ${field}, ${got}`;
  const others = fields.filter((name) => !about(name));
  return others.length > 0
    ? `named other fields too (${others.join(', ')}): the base body is not valid`
    : undefined;
}

function mutationsOf(document: OpenApiDocument, schema: Schema, base: unknown): Mutation[] {
  const mutations: Mutation[] = [];
  const walk = (raw: Schema, value: unknown, at: Array<string | number>) => {
    const object = resolve(document, raw);
    if (!isRecord(value)) return;
    const required = new Set(object.required ?? []);
    const here = (name: string | number) => [...at, name];
    mutations.push({
      what: `an unknown field${at.length ? ` in ${at.join('.')}` : ''}`,
      field: [...here('unexpectedField')].join('.'),
      body: setAt(base, here('unexpectedField'), 'surprise'),
    });
    for (const [name, rawProperty] of Object.entries(object.properties ?? {})) {
      const property = resolve(document, rawProperty);
      const path = here(name);
      const field = path.join('.');
      if (required.has(name))
        mutations.push({ what: `${field} missing`, field, body: setAt(base, path, undefined) });
      if (!(name in value)) continue;
      mutations.push({
        what: `${field} of the wrong type`,
        field,
        body: setAt(base, path, wrongValue(property)),
      });
      const oversize = oversizeValue(document, property, value[name]);
      if (oversize !== undefined)
        mutations.push({ what: `${field} oversize`, field, body: setAt(base, path, oversize) });
      const list = value[name];
      if (property.type === 'array' && Array.isArray(list) && list.length > 0) {
        const item = resolve(document, property.items ?? {});
        if (item.type === 'string')
          mutations.push({
            what: `an oversize item in ${field}`,
            field,
            body: setAt(base, path, [
              ...list.slice(1),
              'x'.repeat(item.maxLength !== undefined ? item.maxLength + 1 : UNBOUNDED_STRING),
            ]),
          });
        if (item.type === 'object' || item.properties) walk(item, list[0], [...path, 0]);
      }
      if ((property.type === 'object' || property.properties) && isRecord(value[name]))
        walk(property, value[name], path);
    }
  };
  walk(schema, base, []);
  return mutations;
}

function wrongValue(schema: Schema): unknown {
  if (schema.oneOf) return 12345;
  switch (schema.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-a-list';
    default:
      return 'not-an-object';
  }
}

function oversizeValue(document: OpenApiDocument, schema: Schema, current: unknown): unknown {
  const list = schema.oneOf?.map((s) => resolve(document, s)).find((s) => s.type === 'array') ?? schema;
  if (list.type === 'array' && Array.isArray(current) && current.length > 0) {
    const size = list.maxItems !== undefined ? list.maxItems + 1 : UNBOUNDED_LIST;
    return Array.from({ length: size }, () => current[0]);
  }
  if (schema.type === 'string') {
    const size = schema.maxLength !== undefined ? schema.maxLength + 1 : UNBOUNDED_STRING;
    // an e-mail stays an e-mail, only too long
    return schema.format === 'email' ? `${'x'.repeat(size)}@example.com` : 'x'.repeat(size);
  }
  return undefined;
}

function wrongQueryValue(schema: Schema): string | undefined {
  if (schema.enum?.length) return 'not-one-of-them';
  if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
  if (schema.type === 'boolean') return 'not-a-boolean';
  if (schema.format === 'uuid') return 'not-a-uuid';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of `body` with the value at `path` replaced (removed when undefined). */
function setAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
