import { GatewayClient } from '@pac/testing';

/** The part of an OpenAPI 3 schema object the generated tests read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  'x-access'?: string;
}

/** One operation of the public API, as the generated tests see it. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, e.g. /v1/tenants/{tenantId}. */
  path: string;
  /** "METHOD path", the operation's name in test titles and failure lists. */
  name: string;
  /** Who may call it (the gateway's x-access extension); undefined if the route declares none. */
  access: string | undefined;
  pathParams: string[];
  queryParams: Parameter[];
  /** The JSON request body's schema, $ref resolved one level. */
  body: Schema | undefined;
  /** Answers as a stream (server-sent events): never read to the end. */
  streams: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const answer = await new GatewayClient(baseUrl).get<OpenApiDocument>('/openapi.json');
  if (answer.status !== 200) throw new Error(`GET /openapi.json answered ${answer.status}`);
  return answer.body;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const parameters = raw.parameters ?? [];
      const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        name: `${method.toUpperCase()} ${path}`,
        access: raw['x-access'],
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: bodySchema ? resolve(document, bodySchema) : undefined,
        streams: Object.values(raw.responses ?? {}).some((r) =>
          Object.keys(r.content ?? {}).includes('text/event-stream'),
        ),
      });
    }
  }
  return operations;
}

/** Follows a $ref (and a single-element allOf, as Nest writes nested DTOs) to the schema it names. */
export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`the OpenAPI document has no schema ${name}`);
    return resolve(document, target);
  }
  if (schema.allOf?.length === 1) return resolve(document, { ...schema, ...schema.allOf[0], allOf: [] });
  return schema;
}
