/**
 * The environment with PORT resolved for one service: `<NAME>_PORT` (e.g. GATEWAY_PORT) first, then PORT,
 * then the service's default, so one shell can hold the ports of all services.
 */
export function withServicePort(
  service: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const own = env[`${service.toUpperCase()}_PORT`];
  return { ...env, PORT: own ?? env['PORT'] ?? String(defaultPort) };
}
