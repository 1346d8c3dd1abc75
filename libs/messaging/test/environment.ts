/** The integration tests run against the real Postgres and Kafka that the test runner (or `npm run stack`) provides. */
export function requiredEnvironment(name: 'DATABASE_URL' | 'KAFKA_BROKERS'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} must be set for the messaging integration tests (start the stack with \`npm run stack -- up\`)`,
    );
  }
  return value;
}
