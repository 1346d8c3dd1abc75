/**
 * An application instrumented with OpenTelemetry, as a partner's would be: it logs through the official JS
 * SDK and its OTLP/HTTP exporter (`@opentelemetry/exporter-logs-otlp-http`) to the gateway, with an ingestion
 * key. Run as its own Node process by e2e/telemetry.e2e-spec.ts (`node dist/e2e/support/otlp-app.js <url>
 * <key> <marker>`): the exporter loads node's http module with a dynamic import, which Jest's sandbox cannot
 * run. Exits 0 once the exporter reported the logs sent, 1 otherwise.
 */
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';

async function main(): Promise<number> {
  const [url, key, marker] = process.argv.slice(2);
  if (!url || !key || !marker) throw new Error('usage: otlp-app <logs url> <telemetry key> <marker>');
  const exporter = new OTLPLogExporter({ url, headers: { 'x-telemetry-key': key } });
  const results: number[] = [];
  // The exporter's own result of each export (0 = success), so that a refused request fails the run.
  const reporting = {
    export: (
      logs: Parameters<OTLPLogExporter['export']>[0],
      done: Parameters<OTLPLogExporter['export']>[1],
    ) =>
      exporter.export(logs, (result) => {
        results.push(result.code);
        if (result.error) console.error(result.error);
        done(result);
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  };
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bc-web-client' }),
    processors: [new SimpleLogRecordProcessor({ exporter: reporting })],
  });
  const logger = provider.getLogger('e2e');
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: `Web service call failed ${marker}`,
    attributes: { 'event.id': 'WS0042', endpoint: '/api/v2.0/salesOrders', status: 500 },
  });
  logger.emit({
    severityNumber: SeverityNumber.INFO,
    body: `Session started ${marker}`,
    attributes: { user: 'u1' },
  });
  await provider.forceFlush();
  await provider.shutdown();
  return results.length === 2 && results.every((code) => code === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
