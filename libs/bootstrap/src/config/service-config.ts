import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** `@Transform(integerSetting)`: an environment variable read as a number (unset or empty: the default). */
export const integerSetting = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

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
