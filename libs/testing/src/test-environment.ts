/** What the test runner hands integration and end-to-end tests; a clear failure when run outside it. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration tests through \`npm test\` (it starts the infrastructure and the system)`,
    );
  }
  return value;
}

export function gatewayUrl(): string {
  return requiredEnv('GATEWAY_URL');
}
