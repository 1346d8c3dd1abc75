import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateEnvironmentRequest,
  CreatePartnerRequest,
  CreateTenantRequest,
  EnvironmentQuotasResponse,
  EnvironmentResponse,
  ExtensionResponse,
  InstallExtensionRequest,
  ListOperationsQuery,
  ListTenantsQuery,
  OperationResponse,
  OverviewQuery,
  OverviewRowResponse,
  PageQuery,
  PartnerResponse,
  RecoverEnvironmentRequest,
  RenameEnvironmentRequest,
  SetEnvironmentQuotasRequest,
  TenantResponse,
  UpdateTenantRequest,
} from '@pac/http-contracts';
import { RequiresAccess } from '../auth/access';
import { ApiPageOf } from '../openapi/api-page-of';
import { ForwardsTo } from '../forwarding/forwards-to';

const PARTNERS_AND_CUSTOMERS = 'Partners and customers';
const ENVIRONMENTS_AND_EXTENSIONS = 'Environments and extensions';

/**
 * The routes the tenant service owns: partners, customers (tenants), their environments, extensions and
 * operations, and the central view. Each is forwarded as it is (see ForwardsTo): the methods only declare.
 */
@ForwardsTo('tenant')
@ApiBearerAuth()
@Controller('v1')
export class TenantController {
  @Post('partners')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('platform')
  @ApiOperation({ summary: 'Register a partner' })
  @ApiCreatedResponse({ type: PartnerResponse })
  createPartner(@Body() _body: CreatePartnerRequest): void {}

  @Get('partners/me')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'The caller’s partner' })
  @ApiOkResponse({ type: PartnerResponse })
  getOwnPartner(): void {}

  @Get('tenants')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List the partner’s customers' })
  @ApiPageOf(TenantResponse, 'A page of the partner’s customers')
  listTenants(@Query() _query: ListTenantsQuery): void {}

  @Post('tenants')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('act-for-partner')
  @ApiOperation({ summary: 'Onboard a customer' })
  @ApiCreatedResponse({ type: TenantResponse })
  createTenant(@Body() _body: CreateTenantRequest): void {}

  @Get('tenants/:tenantId')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'A customer' })
  @ApiOkResponse({ type: TenantResponse })
  getTenant(@Param('tenantId') _tenantId: string): void {}

  @Patch('tenants/:tenantId')
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Change a customer’s details',
    description:
      'The fields given replace the current ones (tags and contacts as whole lists); externalDirectoryId: null ' +
      'removes it. Allowed while active or suspended; an offboarded tenant is read-only (409).',
  })
  @ApiOkResponse({ type: TenantResponse })
  updateTenant(@Param('tenantId') _tenantId: string, @Body() _body: UpdateTenantRequest): void {}

  @Post('tenants/:tenantId/suspend')
  @HttpCode(200)
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Suspend a customer',
    description:
      'active → suspended. A suspended tenant stays readable and its details can change, but its environments ' +
      'and extensions cannot (409) until it is resumed. The partner’s decision: a customer admin gets 403.',
  })
  @ApiOkResponse({ type: TenantResponse })
  suspendTenant(@Param('tenantId') _tenantId: string): void {}

  @Post('tenants/:tenantId/resume')
  @HttpCode(200)
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Resume a suspended customer', description: 'suspended → active; otherwise 409.' })
  @ApiOkResponse({ type: TenantResponse })
  resumeTenant(@Param('tenantId') _tenantId: string): void {}

  @Post('tenants/:tenantId/offboard')
  @HttpCode(200)
  @ApiTags(PARTNERS_AND_CUSTOMERS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Offboard a customer (final)',
    description:
      'active or suspended → offboarded. Final: the tenant and its environments stay readable, and every ' +
      'write to them is refused with 409.',
  })
  @ApiOkResponse({ type: TenantResponse })
  offboardTenant(@Param('tenantId') _tenantId: string): void {}

  @Get('tenants/:tenantId/environments')
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List a customer’s environments' })
  @ApiPageOf(EnvironmentResponse, 'The customer’s environments, newest first, soft-deleted ones included')
  listEnvironments(@Param('tenantId') _tenantId: string, @Query() _query: PageQuery): void {}

  @Post('tenants/:tenantId/environments')
  @HttpCode(202)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Create an environment',
    description:
      'Answers 202 with the `create` operation; the environment is `preparing` until the operation succeeds, ' +
      'then `active` (environment.created is published then). `Production` and `Sandbox` are valid names. ' +
      '409 quota-exceeded beyond the tenant’s quota for the type (one production and three sandboxes by ' +
      'default, three more sandboxes with each additional production environment a platform admin grants; ' +
      'soft-deleted environments do not count; GET .../environment-quotas), 409 for a name already used (any ' +
      'case), or while the tenant is suspended or offboarded. A creation that fails removes the environment ' +
      'at once (the operation ends `failed`).',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  createEnvironment(@Param('tenantId') _tenantId: string, @Body() _body: CreateEnvironmentRequest): void {}

  @Get('tenants/:tenantId/environments/:name')
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'An environment' })
  @ApiOkResponse({ type: EnvironmentResponse })
  getEnvironment(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Delete('tenants/:tenantId/environments/:name')
  @HttpCode(202)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Soft-delete an environment',
    description:
      'Answers 202 with the `soft-delete` operation (`scheduled`, then `running`, then `succeeded` or ' +
      '`failed`; GET /v1/operations/{id}). When it runs, the environment is renamed `<name>-yyMMddHHmmssff` ' +
      '(UTC, its name cut to fit 29 characters), so that its name is free at once, and becomes `soft-deleted`: ' +
      'kept 14 days (purgeAt), recoverable, not counted in the quota; then it is purged. 409 for an ' +
      'environment that is preparing or updating or has an operation pending (environment-busy).',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  deleteEnvironment(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Post('tenants/:tenantId/environments/:name/recover')
  @HttpCode(202)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Recover a soft-deleted environment',
    description:
      'Answers 202 with the `recover` operation. `name` is the deleted name (`<name>-yyMMddHHmmssff`). The ' +
      'environment goes back to the status it had, under the name it had before its deletion, or under ' +
      '`newName` (its deleted name is one); 409 original-name-taken when that name is another environment’s ' +
      'now and no newName is given, 409 name-taken for a newName in use, 409 quota-exceeded when it does not ' +
      'fit the quota (a production environment may exceed it by one), 409 if it is not soft-deleted, 404 once ' +
      'purged. The body may be left out.',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  recoverEnvironment(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: RecoverEnvironmentRequest,
  ): void {}

  @Post('tenants/:tenantId/environments/:name/rename')
  @HttpCode(202)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Rename an environment',
    description:
      'Answers 202 with the `rename` operation. The new name follows the naming rules (400) and must be ' +
      'free in the tenant, any case (409, checked now and again when the operation runs: it then fails).',
  })
  @ApiAcceptedResponse({ type: OperationResponse })
  renameEnvironment(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: RenameEnvironmentRequest,
  ): void {}

  @Get('tenants/:tenantId/environment-quotas')
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'A customer’s environment quotas',
    description:
      'How many production and sandbox environments the customer may have, and how many count toward each ' +
      '(soft-deleted ones do not). The product’s one sandbox quota: sandboxes are sandbox environments.',
  })
  @ApiOkResponse({ type: EnvironmentQuotasResponse })
  getEnvironmentQuotas(@Param('tenantId') _tenantId: string): void {}

  @Put('tenants/:tenantId/environment-quotas')
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('platform')
  @ApiOperation({
    summary: 'Grant a customer additional production environments (platform admin)',
    description:
      'Sets how many production environments the customer has beyond the default one; each brings three more ' +
      'sandboxes. Any partner’s customer. Lowering it keeps the environments the customer has and refuses ' +
      'new ones until it is back within its quota.',
  })
  @ApiOkResponse({ type: EnvironmentQuotasResponse })
  setEnvironmentQuotas(
    @Param('tenantId') _tenantId: string,
    @Body() _body: SetEnvironmentQuotasRequest,
  ): void {}

  @Get('tenants/:tenantId/environments/:name/extensions')
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List an environment’s extensions' })
  @ApiPageOf(ExtensionResponse, 'The extensions installed, most recent first')
  listExtensions(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Query() _query: PageQuery,
  ): void {}

  @Post('tenants/:tenantId/environments/:name/extensions')
  @HttpCode(201)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Install an extension',
    description:
      'One version of an extension (publisher + name) per environment: 409 if it is installed already. ' +
      '409 too if it does not support the environment’s application version (minVersion ≤ version ≤ maxVersion).',
  })
  @ApiCreatedResponse({ type: ExtensionResponse })
  installExtension(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: InstallExtensionRequest,
  ): void {}

  @Delete('tenants/:tenantId/environments/:name/extensions/:extensionId')
  @HttpCode(204)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({ summary: 'Uninstall an extension' })
  @ApiNoContentResponse({ description: 'Uninstalled' })
  uninstallExtension(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Param('extensionId') _extensionId: string,
  ): void {}

  @Get('tenants/:tenantId/operations')
  @ApiTags('Lifecycle')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'List a customer’s operations' })
  @ApiPageOf(OperationResponse, 'The customer’s operations, newest first')
  listOperations(@Param('tenantId') _tenantId: string, @Query() _query: ListOperationsQuery): void {}

  @Get('operations/:operationId')
  @ApiTags('Lifecycle')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'An operation and its status' })
  @ApiOkResponse({ type: OperationResponse })
  getOperation(@Param('operationId') _operationId: string): void {}

  @Get('overview')
  @ApiTags('Central view and bulk actions')
  @RequiresAccess('read')
  @ApiOperation({ summary: 'The central view: one row per customer' })
  @ApiPageOf(OverviewRowResponse, 'One row per customer')
  getOverview(@Query() _query: OverviewQuery): void {}
}
