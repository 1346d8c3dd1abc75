import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
  RenameEnvironmentRequest,
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
      'then `active` (environment.created is published then). 409 beyond the tenant’s quota for the type ' +
      '(3 production, 3 sandbox by default; soft-deleted environments count until purged), for a name already ' +
      'used (any case), or while the tenant is suspended or offboarded.',
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
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Soft-delete an environment',
    description:
      'The environment becomes `soft-deleted` and is kept 14 days (purgeAt), recoverable; then it is purged. ' +
      'An environment that is preparing or updating cannot be deleted (409).',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  deleteEnvironment(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Post('tenants/:tenantId/environments/:name/recover')
  @HttpCode(200)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Recover a soft-deleted environment',
    description:
      'Back to the status it had before its deletion; 409 if it is not soft-deleted, 404 once purged.',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  recoverEnvironment(@Param('tenantId') _tenantId: string, @Param('name') _name: string): void {}

  @Post('tenants/:tenantId/environments/:name/rename')
  @HttpCode(200)
  @ApiTags(ENVIRONMENTS_AND_EXTENSIONS)
  @RequiresAccess('act')
  @ApiOperation({
    summary: 'Rename an environment',
    description:
      'The new name follows the naming rules (400) and must be free in the tenant, any case (409).',
  })
  @ApiOkResponse({ type: EnvironmentResponse })
  renameEnvironment(
    @Param('tenantId') _tenantId: string,
    @Param('name') _name: string,
    @Body() _body: RenameEnvironmentRequest,
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
