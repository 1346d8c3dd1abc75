import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Clock } from '@pac/clock';
import { TelemetryAcceptedResponse } from '@pac/http-contracts';
import { TELEMETRY_KEY_HEADER } from '@pac/auth';
import { TELEMETRY_KEY_SCHEME } from '../openapi/openapi';
import type { FastifyRequest } from 'fastify';
import { RequiresAccess } from '../auth/access';
import { mapOtlpLogs } from '../telemetry-ingest/otlp-logs';
import { TelemetryIngestion } from '../telemetry-ingest/telemetry-ingestion';

const KEY_HEADER = {
  name: TELEMETRY_KEY_HEADER,
  required: true,
  description:
    'An ingestion key of the environment (POST /v1/tenants/{id}/environments/{name}/telemetry-keys). A revoked ' +
    'key is refused within TELEMETRY_KEY_CACHE_TTL_MS (30 s by default).',
};

/**
 * Telemetry from the customers' environments: authenticated by an ingestion key (not a bearer token), which
 * decides the environment written. The gateway checks the batch and produces it to the ingest topic; the
 * telemetry service stores it (docs/architecture.md, telemetry).
 */
@ApiTags('Telemetry and issues')
@ApiSecurity(TELEMETRY_KEY_SCHEME)
@Controller('v1')
export class TelemetryIngestController {
  constructor(
    private readonly ingestion: TelemetryIngestion,
    private readonly clock: Clock,
  ) {}

  @Post('telemetry')
  @HttpCode(202)
  @RequiresAccess('public')
  @ApiHeader(KEY_HEADER)
  @ApiOperation({
    summary: 'Send telemetry events',
    description:
      'The body is a JSON array (at most 1 MB) of 1 to 1,000 events `{ timestamp (ISO 8601 with an offset), ' +
      'severity: verbose|info|warning|error|critical, eventId (1-100 of letters, digits, _ . : / -), message ' +
      '(at most 8,192 characters), dimensions?: { at most 50 keys: string | number | boolean | null } }`, ' +
      'no other field. One bad event refuses the whole batch (400 naming `[index].field`). 202 once the batch ' +
      'is on Kafka (acknowledged by all in-sync replicas). The body is described here rather than as a schema: ' +
      'it is checked by the ingestion path itself, after the key (docs/architecture.md, telemetry).',
  })
  @ApiAcceptedResponse({ type: TelemetryAcceptedResponse })
  async ingest(@Req() request: FastifyRequest): Promise<TelemetryAcceptedResponse> {
    return { accepted: await this.ingestion.accept(request) };
  }

  @Post('otlp/v1/logs')
  @HttpCode(200)
  @RequiresAccess('public')
  @ApiHeader(KEY_HEADER)
  @ApiOperation({
    summary: 'Send OpenTelemetry logs (OTLP/HTTP JSON)',
    description:
      'An ExportLogsServiceRequest as OpenTelemetry exporters send it (JSON), mapped to telemetry events: ' +
      'severityNumber/Text to the severity, the body to the message, the attribute event.id (else eventName) ' +
      'to the event id, attributes to dimensions. At most 1,000 log records.',
  })
  @ApiOkResponse({
    description: 'ExportLogsServiceResponse: every record was accepted',
    schema: { type: 'object', properties: {}, example: {} },
  })
  async ingestOtlpLogs(@Req() request: FastifyRequest): Promise<Record<string, never>> {
    const receivedAt = this.clock.now();
    await this.ingestion.accept(request, (body) => mapOtlpLogs(body, receivedAt));
    return {};
  }
}
