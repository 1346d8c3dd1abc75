import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
  IsObject,
} from 'class-validator';
import { PageQuery } from './page';

export const TENANT_STATUS_VALUES = ['active', 'suspended', 'offboarded'] as const;

export class TenantContact {
  @ApiProperty({ example: 'Jeanne Martin' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'jeanne@example.com' }) @IsEmail() email!: string;
  @ApiPropertyOptional({ example: 'IT manager' }) @IsOptional() @IsString() @MaxLength(100) role?: string;
}

export class CreateTenantRequest {
  @ApiProperty({ example: 'Fabrikam SARL', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as FR' })
  countryCode!: string;

  @ApiPropertyOptional({ example: '4f1e2d3c-...', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalDirectoryId?: string;

  @ApiPropertyOptional({ type: [String], example: ['retail', 'priority'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [TenantContact] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each contact must be an object { name, email, role? }' })
  @ValidateNested({ each: true })
  @Type(() => TenantContact)
  contacts?: TenantContact[];
}

/** Only when the field is present: null is not "absent", it is refused like any wrong type. */
const present = (_object: object, value: unknown) => value !== undefined;

/**
 * PATCH /v1/tenants/{tenantId}: the fields given replace the current ones (tags and contacts as whole lists);
 * unknown fields are refused. `externalDirectoryId: null` removes it. An offboarded tenant refuses it (409).
 */
export class UpdateTenantRequest {
  @ApiPropertyOptional({ example: 'Fabrikam SAS', minLength: 1, maxLength: 200 })
  @ValidateIf(present)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @ValidateIf(present)
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code such as FR' })
  countryCode?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    example: 'contoso.onmicrosoft.com',
    description: 'null removes it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalDirectoryId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['retail', 'priority'], description: 'Replaces the tags' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [TenantContact], description: 'Replaces the contacts' })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each contact must be an object { name, email, role? }' })
  @ValidateNested({ each: true })
  @Type(() => TenantContact)
  contacts?: TenantContact[];
}

export class TenantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() countryCode!: string;
  @ApiPropertyOptional() externalDirectoryId?: string | null;
  @ApiProperty({ enum: TENANT_STATUS_VALUES }) status!: (typeof TENANT_STATUS_VALUES)[number];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: [TenantContact] }) contacts!: TenantContact[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ListTenantsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TENANT_STATUS_VALUES })
  @IsOptional()
  @IsIn(TENANT_STATUS_VALUES)
  status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z]{2}$/) countryCode?: string;
  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) tag?: string;
}
