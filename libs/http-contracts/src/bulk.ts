import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

/** Most tenant ids one bulk request may list; `"all"` reaches every tenant of the partner. */
export const BULK_MAX_TENANT_IDS = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `"all"` or 1 to 1000 tenant ids (UUIDs). */
export function IsTenantSelection(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTenantSelection',
      target: target.constructor,
      propertyName,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) =>
          value === 'all' ||
          (Array.isArray(value) &&
            value.length >= 1 &&
            value.length <= BULK_MAX_TENANT_IDS &&
            value.every((id) => typeof id === 'string' && UUID.test(id))),
        defaultMessage: () =>
          `tenantIds must be "all" or a list of 1 to ${BULK_MAX_TENANT_IDS} tenant ids (UUIDs)`,
      },
    });
}

/**
 * What every bulk action takes (api.md, central view and bulk actions): the tenants to act on, by id or
 * `"all"` of the caller's partner. Each bulk action's request extends it with its own parameters.
 */
export class BulkRequest {
  @ApiProperty({
    description: `"all" (every tenant of your partner) or 1 to ${BULK_MAX_TENANT_IDS} tenant ids`,
    oneOf: [
      { type: 'string', enum: ['all'] },
      {
        type: 'array',
        items: { type: 'string', format: 'uuid' },
        minItems: 1,
        maxItems: BULK_MAX_TENANT_IDS,
      },
    ],
    example: ['0b0f6d8e-64a4-4b8e-9c39-6f1b1c7b2a01'],
  })
  @IsTenantSelection()
  tenantIds!: string[] | 'all';
}

export const BULK_ITEM_STATUSES = ['succeeded', 'accepted', 'failed', 'not-found', 'skipped'] as const;
export type BulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

/** Why one item failed: the problem details the service answered, or the gateway's own. */
export class BulkItemError {
  @ApiProperty() status!: number;
  @ApiProperty() title!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'The stable code of the problem (e.g. tenant-offboarded)' })
  code?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: { field: { type: 'string' }, message: { type: 'string' } },
    },
  })
  errors?: Array<{ field: string; message: string }>;
}

export class BulkItemResult {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiPropertyOptional() environmentName?: string;
  @ApiProperty({
    enum: BULK_ITEM_STATUSES,
    description:
      'succeeded: done; accepted: an operation was started (see operationId); failed: see error; ' +
      'not-found: no such tenant for you; skipped: nothing to do for this tenant',
  })
  status!: BulkItemStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'The operation started, for accepted items' })
  operationId?: string;
  @ApiPropertyOptional({
    description:
      'Why a skipped item was not for this tenant or environment, as the owning service decided ' +
      '(e.g. version-not-newer, preview-on-production)',
  })
  code?: string;
  @ApiPropertyOptional({ type: BulkItemError }) error?: BulkItemError;
}

/** One result of a bulk action without its tenant id: what the owning service says for one tenant. */
export type BulkItemOutcome = Omit<BulkItemResult, 'tenantId'>;

/**
 * The answer of an owning service to the per-tenant part of a bulk action (internal: `POST
 * /tenants/{tenantId}/bulk/<action>`): one result for the tenant, or one per environment. The gateway adds the
 * tenant id and puts the results of every tenant together.
 */
export interface BulkTenantAnswer {
  results: BulkItemOutcome[];
}

/** Problem details as an item carries them: the fields of the problem a client needs, nothing else. */
export function bulkItemError(problem: {
  status: number;
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  errors?: unknown;
}): BulkItemError {
  return {
    status: problem.status,
    title: typeof problem.title === 'string' ? problem.title : `HTTP ${problem.status}`,
    ...(typeof problem.detail === 'string' ? { detail: problem.detail } : {}),
    ...(typeof problem.code === 'string' ? { code: problem.code } : {}),
    ...(Array.isArray(problem.errors) ? { errors: problem.errors as BulkItemError['errors'] } : {}),
  };
}

/** A refusal as an item: 404 is `not-found` (never revealing whose it is), anything else `failed`. */
export function refusedItem(
  problem: Parameters<typeof bulkItemError>[0],
  environmentName?: string,
): BulkItemOutcome {
  return {
    ...(environmentName !== undefined ? { environmentName } : {}),
    status: problem.status === 404 ? 'not-found' : 'failed',
    error: bulkItemError(problem),
  };
}

/** 200 even when some items failed: one result per tenant (or per environment), in the order asked. */
export class BulkResponse {
  @ApiProperty({ type: [BulkItemResult] }) results!: BulkItemResult[];
  @ApiProperty({
    description: 'How many results have each status',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { succeeded: 2, failed: 1 },
  })
  summary!: Partial<Record<BulkItemStatus, number>>;
}

/** `POST /v1/bulk/tenant-tags` (an extension of the contract): add and remove tags on many tenants. */
export class BulkTenantTagsRequest extends BulkRequest {
  @ApiPropertyOptional({ type: [String], maxItems: 50, example: ['priority'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  addTags?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 50, example: ['trial'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  removeTags?: string[];
}

/**
 * The tag change of `POST /v1/bulk/tenant-tags` as the tenant service receives it, for one tenant
 * (`POST /tenants/{tenantId}/bulk/tenant-tags`) or to check it before any tenant is touched
 * (`POST /bulk/tenant-tags/check`).
 */
export class TenantTagsChange extends OmitType(BulkTenantTagsRequest, ['tenantIds'] as const) {}
