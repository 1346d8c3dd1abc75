import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DOMAIN_PROBLEM_CODES, GENERIC_PROBLEM_CODES, type ProblemCodeInfo } from '@pac/http-contracts';
import { TELEMETRY_KEY_HEADER } from '@pac/auth';
import { ACCESS_EXTENSION } from '../auth/access';

/** The security scheme of the telemetry ingestion routes: an environment's ingestion key, not a bearer token. */
export const TELEMETRY_KEY_SCHEME = 'telemetryKey';

/** The OpenAPI document is generated from the controllers and DTO classes, so it cannot drift from the code. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Partner Admin Center API')
    .setDescription(
      'Run the cloud ERP tenants of all your customers from one place. Errors are RFC 9457 problem details ' +
        '(application/problem+json); lists page with ?limit=&cursor=; every response carries x-request-id. ' +
        'Writes accept an Idempotency-Key: the same key and body within 24 h returns the first answer. ' +
        'Requests are rate-limited per partner (429 with retry-after); every answer to a token carries the IETF ' +
        'RateLimit-Policy and RateLimit headers. Each operation names who may call it ' +
        `in ${ACCESS_EXTENSION}.`,
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('http://127.0.0.1:3000', 'The gateway `npm start` runs on this machine (GATEWAY_PORT)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: TELEMETRY_KEY_HEADER }, TELEMETRY_KEY_SCHEME);
  for (const [name, description] of Object.entries(SECTIONS)) config.addTag(name, description);
  const document = SwaggerModule.createDocument(app, config.build(), {
    // Tags are the API's sections, given by each route (@ApiTags), never a controller's name.
    autoTagControllers: false,
    // The method's name ("listTenants"): which controller declares a route is no business of clients.
    operationIdFactory: (_controller, method) => method,
  });
  assertUniqueOperationIds(document);
  assertDescribed(document);
  return withProblemCodes(withCommonConventions(document));
}

/**
 * The one list of problem codes clients branch on (libs/http-contracts problem-codes.ts), in the document: a
 * table in its description, for people, and `x-problem-codes` (code → status and meaning), for tools.
 */
function withProblemCodes(document: OpenAPIObject): OpenAPIObject {
  const codes: Record<string, ProblemCodeInfo> = { ...GENERIC_PROBLEM_CODES, ...DOMAIN_PROBLEM_CODES };
  const rows = Object.entries(codes)
    .sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b))
    .map(([code, info]) => `| \`${code}\` | ${info.status} | ${info.description.replace(/\|/g, '\\|')} |`);
  document.info.description =
    `${document.info.description ?? ''}\n\n## Problem codes\n\nEvery error answer carries one of these in ` +
    `\`code\`; new codes may be added, existing ones keep their meaning.\n\n| code | status | when |\n` +
    `| --- | --- | --- |\n${rows.join('\n')}`;
  (document as OpenAPIObject & { 'x-problem-codes': Record<string, ProblemCodeInfo> })['x-problem-codes'] =
    codes;
  return document;
}

/** The API's sections (each route names its own with @ApiTags), in the order the docs show them. */
const SECTIONS: Record<string, string> = {
  'Partners and customers':
    'Partners and their customers (tenants): onboarding, details, suspension, offboarding',
  'Environments and extensions':
    'A customer’s production and sandbox environments and the extensions installed in them',
  Lifecycle: 'Releases, update windows, scheduled updates and the operations that carry them out',
  'Central view and bulk actions': 'One row per customer, and actions on many customers at once',
  Notifications: 'The inbox, e-mail recipients, signed webhooks and the live stream',
  'Telemetry and issues':
    'Events sent by environments (ingestion keys, OTLP), their summaries and the issues found in them',
  Sandboxes: 'Sandbox environments and their quota',
  Development: 'Outside production only: moving the clock',
};

/**
 * What generated clients and their docs need of every operation: a summary, a section the document declares,
 * and a success answer. A route without them is refused at start (and by the OpenAPI unit test).
 */
function assertDescribed(document: OpenAPIObject): void {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Record<string, unknown>>)) {
      if (!value || typeof value !== 'object' || !('responses' in value)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!value['summary']) missing.push(`${where}: a summary (@ApiOperation)`);
      const tags = (value['tags'] as string[] | undefined) ?? [];
      if (tags.length === 0 || tags.some((tag) => !(tag in SECTIONS)))
        missing.push(`${where}: a section (@ApiTags)`);
      if (!Object.keys(value['responses'] as object).some((status) => status.startsWith('2')))
        missing.push(`${where}: a success answer`);
    }
  }
  if (missing.length > 0) throw new Error(`The OpenAPI document lacks:\n  ${missing.join('\n  ')}`);
}

/** Two routes with one operationId would be one operation to generated clients: refused at start. */
function assertUniqueOperationIds(document: OpenAPIObject): void {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { operationId?: string }>)) {
      const id = operation?.operationId;
      if (!id) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const other = seen.get(id);
      if (other)
        throw new Error(`operationId ${id} is used by ${other} and ${where}: rename one route method`);
      seen.set(id, where);
    }
  }
}

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const ALL_PROBLEM_CODES: Record<string, ProblemCodeInfo> = {
  ...GENERIC_PROBLEM_CODES,
  ...DOMAIN_PROBLEM_CODES,
};

/** RFC 9457 problem details as every error answer carries them (libs/bootstrap problem.ts). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details: the shape of every error answer',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://partner-admin-center.dev/problems/conflict' },
    title: { type: 'string', example: 'Conflict' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string', example: 'The tenant is offboarded: it is read-only for good.' },
    code: {
      type: 'string',
      description:
        'The stable reason, for clients to branch on: an operation’s own (e.g. quota-exceeded) or one ' +
        'common to all; every code is listed under "Problem codes" in the description and in x-problem-codes',
      example: 'tenant-offboarded',
    },
    errors: {
      type: 'array',
      description: 'The request fields at fault (400)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'name' },
          message: { type: 'string', example: 'name must be shorter than or equal to 100 characters' },
        },
      },
    },
  },
};

const RETRY_AFTER = {
  'retry-after': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', example: 1 },
  },
};

/** On every answer to a caller with a bearer token (docs/security.md, rate limit). */
const RATE_LIMIT_HEADERS = {
  ratelimit: {
    description: 'What is left of the partner’s quota (r) and in how many seconds it is whole again (t)',
    schema: { type: 'string', example: '"partner";r=0;t=15' },
  },
  'ratelimit-policy': {
    description: 'The partner’s quota: q requests per w seconds (IETF RateLimit header fields)',
    schema: { type: 'string', example: '"partner";q=300;w=15' },
  },
};

type Operation = {
  parameters?: Array<Record<string, unknown>>;
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
};

/** What decides which problems an operation can answer. */
interface OperationTraits {
  method: string;
  path: string;
  access: string;
  takesInput: boolean;
  hasBody: boolean;
}

/**
 * The problem answers an operation can give, by status: the generic codes of the gateway's own checks, and
 * for writes the domain codes of that status (the catalog's; a route answers those its rules have). A status
 * whose codes are all 5xx or whose route cannot meet it is left out.
 */
export function problemAnswers(
  op: OperationTraits,
): Array<{ status: number; description: string; codes: string[] }> {
  const write = WRITE_METHODS.has(op.method);
  const domain = (status: number) =>
    write
      ? Object.entries(DOMAIN_PROBLEM_CODES)
          .filter(([, info]) => info.status === status)
          .map(([code]) => code)
      : [];
  // Keyed by an ingestion key (x-access public): refused with telemetry-key-invalid, never for a role.
  const keyed = op.access === 'public';
  const answers = [
    op.takesInput && {
      status: 400,
      description: 'The request is not valid: `errors` names each field',
      codes: [
        'validation-failed',
        ...(op.hasBody ? ['malformed-json'] : []),
        'malformed-url',
        ...domain(400),
      ],
    },
    {
      status: 401,
      description: keyed ? 'Missing, unknown or revoked ingestion key' : 'Missing or invalid token',
      codes: keyed ? ['telemetry-key-invalid'] : ['unauthorized'],
    },
    !keyed && {
      status: 403,
      description: 'Your role does not allow this action',
      codes: ['forbidden', ...domain(403)],
    },
    op.path.includes('{') && {
      status: 404,
      description: 'No such resource, or not one you may see',
      codes: ['not-found', ...notFoundCodes(op.path)],
    },
    write && {
      status: 409,
      description: 'The resource is not in a state that allows this',
      codes: ['conflict', 'idempotency-key-in-progress', ...domain(409)],
    },
    op.hasBody && { status: 413, description: 'The body is too large', codes: ['payload-too-large'] },
    op.hasBody && { status: 415, description: 'The body is not JSON', codes: ['unsupported-media-type'] },
    write && {
      status: 422,
      description: 'The Idempotency-Key was used with another request',
      codes: ['idempotency-key-reused', ...domain(422).filter((code) => code !== 'idempotency-key-reused')],
    },
    { status: 429, description: 'Too many requests for your partner', codes: ['rate-limited'] },
    {
      status: 503,
      description: 'A service, its database or Kafka is unavailable',
      codes: ['dependency-unavailable', ...(op.path.endsWith('/stream') ? ['stream-unavailable'] : [])],
    },
  ];
  return answers.filter(
    (answer): answer is { status: number; description: string; codes: string[] } => !!answer,
  );
}

/** The not-found codes of the resources a path names (a tenant, an environment, ...). */
function notFoundCodes(path: string): string[] {
  const byParameter: Record<string, string> = {
    tenantId: 'tenant-not-found',
    name: 'environment-not-found',
    extensionId: 'extension-not-found',
    operationId: 'operation-not-found',
    targetVersion: 'update-not-found',
    notificationId: 'notification-not-found',
    recipientId: 'recipient-not-found',
    deliveryId: 'delivery-not-found',
    keyId: 'telemetry-key-not-found',
    issueId: 'issue-not-found',
    id: path.startsWith('/v1/webhooks') ? 'webhook-not-found' : 'not-found',
  };
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => byParameter[match[1]!]);
  return [...new Set(names.filter((code): code is string => !!code && code in ALL_PROBLEM_CODES))].filter(
    (code) => code !== 'not-found',
  );
}

/** A response object of the document (what the swagger types accept of ours). */
type ResponseObject = { description: string; [key: string]: unknown };

function problemResponse(description: string, codes: string[], status: number): ResponseObject {
  const example = codes.find((code) => code in DOMAIN_PROBLEM_CODES) ?? codes[0]!;
  return {
    description,
    ...(status === 429 ? { headers: { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS } } : {}),
    ...(status === 503 ? { headers: RETRY_AFTER } : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            { type: 'object', properties: { code: { type: 'string', enum: codes } } },
          ],
        },
        example: {
          type: `https://partner-admin-center.dev/problems/${example}`,
          title: 'Problem',
          status,
          detail: ALL_PROBLEM_CODES[example]?.description ?? description,
          code: example,
        },
      },
    },
  };
}

/**
 * What every operation shares, written once here rather than on each route: the Idempotency-Key header of
 * writes, and every problem answer it can give (problemAnswers) with the Problem schema and its codes.
 */
export function withCommonConventions(document: OpenAPIObject): OpenAPIObject {
  const shared = new SharedResponses();
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas['Problem'] = PROBLEM_SCHEMA as never;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, unknown>)) {
      const operation = value as Operation;
      if (!operation || typeof operation !== 'object' || !operation[ACCESS_EXTENSION]) continue;
      if (WRITE_METHODS.has(method)) {
        const parameters = operation.parameters ?? [];
        if (!parameters.some((p) => String(p['name']).toLowerCase() === 'idempotency-key')) {
          parameters.push({
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Any unique string (e.g. a UUID): the same key and body within 24 h returns the first answer',
            schema: { type: 'string', maxLength: 255 },
            example: '0b6f6c84-6c2e-4b55-9d43-2f7c7a7b9c10',
          });
        }
        operation.parameters = parameters;
      }
      const responses = (operation.responses ??= {});
      const traits: OperationTraits = {
        method,
        path,
        access: String(operation[ACCESS_EXTENSION]),
        takesInput:
          (operation.parameters ?? []).some((p) => p['in'] !== 'header') || hasBody(method, operation),
        hasBody: hasBody(method, operation),
      };
      for (const answer of problemAnswers(traits)) {
        responses[String(answer.status)] ??= shared.refTo(
          answer.status,
          problemResponse(answer.description, answer.codes, answer.status),
        );
      }
    }
  }
  document.components.responses = { ...document.components.responses, ...shared.responses };
  return document;
}

/**
 * A JSON body: a declared one, or the ingestion routes' (x-access public), which they read themselves and
 * describe in prose: no schema is declared for them, so that the generated validation tests, which send no
 * ingestion key, do not aim at them.
 */
function hasBody(method: string, operation: Operation): boolean {
  return !!operation.requestBody || (method === 'post' && operation[ACCESS_EXTENSION] === 'public');
}

const STATUS_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/**
 * Problem answers as components.responses, each distinct one once (`NotFound`, `NotFound2`, ...), referenced by
 * the operations: the same answer written out on sixty operations would make the document and the generated
 * client several times larger.
 */
class SharedResponses {
  readonly responses: Record<string, ResponseObject> = {};
  private readonly names = new Map<string, string>();

  refTo(status: number, response: ResponseObject): { $ref: string } {
    const key = JSON.stringify(response);
    let name = this.names.get(key);
    if (!name) {
      const base = STATUS_NAMES[status] ?? `Status${status}`;
      const taken = Object.keys(this.responses).filter(
        (n) => n === base || n.match(new RegExp(`^${base}\\d+$`)),
      );
      name = taken.length === 0 ? base : `${base}${taken.length + 1}`;
      this.names.set(key, name);
      this.responses[name] = response;
    }
    return { $ref: `#/components/responses/${name}` };
  }
}

export function serveOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
