import { Transform } from 'class-transformer';
import { DEVELOPMENT_INTERNAL_SECRET } from '@pac/auth';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

/** `@Transform(integerSetting)`: an environment variable read as a number (unset or empty: the default). */
export const integerSetting = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** `@Transform(listSetting)`: a comma-separated environment variable read as its non-empty, trimmed entries. */
export const listSetting = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0)
    : value;

/** A development default that a production configuration must replace. */
export function NotInProduction(developmentValue: string, message: string, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'notInProduction',
      validator: {
        validate: (value, args) =>
          (args?.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || value !== developmentValue,
        defaultMessage: () => message,
      },
    },
    options,
  );
}

/** What every service needs, the gateway (no database of its own) included. */
export class StatelessServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(integerSetting)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  @IsNotEmpty()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Shared by the gateway and the domain services only: the gateway signs each call's caller with it, the
   * services accept no call without (libs/auth internal-token.ts). The development default is refused in
   * production.
   */
  @IsString()
  @MinLength(32, { message: 'INTERNAL_AUTH_SECRET must be at least 32 characters' })
  @NotInProduction(DEVELOPMENT_INTERNAL_SECRET, 'the development secret cannot be used in production')
  INTERNAL_AUTH_SECRET: string = DEVELOPMENT_INTERNAL_SECRET;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** What every domain service needs on top: its database and Kafka. */
export class ServiceConfig extends StatelessServiceConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL (the service role of this service)' })
  DATABASE_URL!: string;

  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  @IsOptional()
  @Transform(integerSetting)
  @IsInt()
  @Min(0)
  CLOCK_OFFSET_MS?: number;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}
