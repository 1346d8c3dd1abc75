import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export type ConfigClass<T> = new () => T;

export type ConfigResult<T> = { ok: true; config: T } | { ok: false; problems: string[] };

/** Reads and validates a service's configuration from the environment; problems are returned, not thrown. */
export function readConfig<T extends object>(
  configClass: ConfigClass<T>,
  env: NodeJS.ProcessEnv,
): ConfigResult<T> {
  const config = plainToInstance(configClass, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length === 0) return { ok: true, config };
  return { ok: false, problems: errors.map(describeConfigError) };
}

/** Configuration is checked once at start: on any problem, one clear message and a non-zero exit. */
export function loadConfigOrExit<T extends object>(
  service: string,
  configClass: ConfigClass<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const result = readConfig(configClass, env);
  if (result.ok) return result.config;
  process.stderr.write(
    `${service}: invalid configuration, not starting:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}

function describeConfigError(error: ValidationError): string {
  const messages = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property}: ${messages || 'invalid'}`;
}
