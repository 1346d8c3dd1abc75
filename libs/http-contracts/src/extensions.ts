import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_VERSION_PATTERN } from '@pac/contracts';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
const EXTENSION_VERSION =
  /^\d{1,9}(\.\d{1,9}){1,3}(-[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z]+(\.[0-9A-Za-z-]+)*)?$/;

/**
 * POST .../environments/{name}/extensions → 201. One version of an extension (publisher + name, any case) per
 * environment: another install of it is 409 (uninstall first). The extension must support the environment's
 * application version (409 otherwise); maxVersion must not be lower than minVersion (400).
 */
export class InstallExtensionRequest {
  @ApiProperty({ example: 'Contoso', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  publisher!: string;

  @ApiProperty({ example: 'Payments', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    example: '1.2.3.4',
    pattern: EXTENSION_VERSION.source,
    description:
      'The extension’s own version: 2 to 4 dot-separated numbers, optional semver suffix (2.0.1-beta.1)',
  })
  @IsString()
  @Length(1, 50)
  @Matches(EXTENSION_VERSION, {
    message: 'version must be 2 to 4 dot-separated numbers with an optional semver suffix, e.g. 1.2.3.4',
  })
  version!: string;

  @ApiProperty({
    example: '26.0',
    pattern: APPLICATION_VERSION_PATTERN.source,
    description: 'Lowest supported application version',
  })
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'minVersion must be "major.minor", e.g. 26.0' })
  minVersion!: string;

  @ApiPropertyOptional({
    example: '27.5',
    pattern: APPLICATION_VERSION_PATTERN.source,
    description: 'Highest supported application version; none: every later version',
  })
  @IsOptional()
  @IsString()
  @Matches(APPLICATION_VERSION_PATTERN, { message: 'maxVersion must be "major.minor", e.g. 27.5' })
  maxVersion?: string;
}

export class ExtensionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Main' }) environmentName!: string;
  @ApiProperty({ example: 'Contoso' }) publisher!: string;
  @ApiProperty({ example: 'Payments' }) name!: string;
  @ApiProperty({ example: '1.2.3.4' }) version!: string;
  @ApiProperty({ example: '26.0' }) minVersion!: string;
  @ApiProperty({ example: '27.5', nullable: true, type: String }) maxVersion!: string | null;
  @ApiProperty({ format: 'date-time' }) installedAt!: string;
}
