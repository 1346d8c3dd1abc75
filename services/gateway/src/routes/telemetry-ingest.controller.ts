import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Clock } from '@pac/clock';
import { TELEMETRY_SEVERITIES } from '@pac/contracts';
import { TelemetryAcceptedResponse } from '@pac/http-contracts';
import { TELEMETRY_KEY_HEADER } from '@pac/auth';
import { ProblemException } from '@pac/bootstrap';
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
      'A JSON array of 1 to 1,000 events, at most 1 MB. One bad event refuses the whole batch (400 naming ' +
      '`[index].field`). 202 once the batch is on Kafka (acknowledged by all in-sync replicas).',
  })
  @ApiBody({
    schema: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['timestamp', 'severity', 'eventId', 'message'],
        properties: {
          timestamp: { type: 'string', format: 'date-time' },
          severity: { type: 'string', enum: [...TELEMETRY_SEVERITIES] },
          eventId: { type: 'string', maxLength: 100 },
          message: { type: 'string', maxLength: 8192 },
          dimensions: {
            type: 'object',
            description: 'At most 50 flat key/value pairs: string, number, boolean or null values',
            additionalProperties: true,
          },
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: TelemetryAcceptedResponse })
  async ingest(@Req() request: FastifyRequest, @Body() body: unknown): Promise<TelemetryAcceptedResponse> {
    return { accepted: await this.ingestion.accept(request, body) };
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
  @ApiOkResponse({ description: 'ExportLogsServiceResponse: {}' })
  async ingestOtlpLogs(
    @Req() request: FastifyRequest,
    @Body() body: unknown,
  ): Promise<Record<string, never>> {
    const mapped = mapOtlpLogs(body, this.clock.now());
    if (!mapped.ok) throw ProblemException.validation([mapped.error]);
    if (mapped.events.length > 0) await this.ingestion.accept(request, mapped.events);
    return {};
  }
}
