import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { DOMAIN_PROBLEM_CODES, GENERIC_PROBLEM_CODES, type ProblemCodeInfo } from '@pac/http-contracts';
import { ACCESS_EXTENSION } from '../auth/access';

/** The OpenAPI document is generated from the controllers and DTO classes, so it cannot drift from the code. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Partner Admin Center API')
    .setDescription(
      'Run the cloud ERP tenants of all your customers from one place. Errors are RFC 9457 problem details ' +
        '(application/problem+json); lists page with ?limit=&cursor=; every response carries x-request-id. ' +
        'Writes accept an Idempotency-Key: the same key and body within 24 h returns the first answer. ' +
        'Requests are rate-limited per partner (429 with retry-after). Each operation names who may call it ' +
        `in ${ACCESS_EXTENSION}.`,
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Tags are the API's sections, given by each route (@ApiTags), never a controller's name.
    autoTagControllers: false,
    // The method's name ("listTenants"): which controller declares a route is no business of clients.
    operationIdFactory: (_controller, method) => method,
  });
  assertUniqueOperationIds(document);
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

const problemContent = {
  'application/problem+json': {
    schema: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        code: {
          type: 'string',
          description:
            'The stable reason, for clients to branch on: an operation’s own (e.g. quota-exceeded) or one ' +
            'common to all; every code is listed under "Problem codes" in the description and in x-problem-codes',
        },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

type Operation = {
  parameters?: Array<Record<string, unknown>>;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
};

/**
 * What every operation shares, written once here rather than on each route: the Idempotency-Key header of
 * writes, and the answers of the gateway's own checks (401, 403, 404 for a tenant out of reach, 429).
 */
export function withCommonConventions(document: OpenAPIObject): OpenAPIObject {
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
          });
        }
        operation.parameters = parameters;
      }
      const responses = (operation.responses ??= {});
      responses['401'] ??= { description: 'Missing or invalid token', content: problemContent };
      responses['403'] ??= { description: 'Your role does not allow this action', content: problemContent };
      if (path.includes('{')) {
        responses['404'] ??= { description: 'No such resource for you', content: problemContent };
      }
      responses['429'] ??= {
        description: 'Too many requests for your partner; see retry-after (seconds)',
        headers: { 'retry-after': { schema: { type: 'integer' } } },
        content: problemContent,
      };
    }
  }
  return document;
}

export function serveOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
