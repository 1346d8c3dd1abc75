import { Injectable } from '@nestjs/common';
import { ProblemException } from '@pac/bootstrap';
import { checkTelemetryBatch, TELEMETRY_LIMITS, type TelemetryBatchCheck } from '@pac/contracts';
import type { FastifyRequest } from 'fastify';
import { TELEMETRY_KEY_HEADER } from '@pac/auth';
import { IngestProducer } from './ingest-producer';
import { TelemetryKeyCache } from './telemetry-key-cache';

/** The public paths that take telemetry, each with the larger body limit of a batch (1 MB). */
export const INGESTION_PATHS = ['/v1/telemetry', '/v1/otlp/v1/logs'];
export const INGESTION_BODY_LIMIT_BYTES = TELEMETRY_LIMITS.maxBodyBytes;

/**
 * What both ingestion routes do with a batch: the key says which environment it is for (401 otherwise), the
 * events are checked (one bad event refuses the batch, naming its index and field), and the batch is on Kafka
 * before the route answers.
 */
@Injectable()
export class TelemetryIngestion {
  constructor(
    private readonly keys: TelemetryKeyCache,
    private readonly producer: IngestProducer,
  ) {}

  /**
   * `toEvents` reads the body as events (the OTLP mapping; by default the body is the events), checked
   * after the key: a caller without a valid key learns nothing about its body.
   */
  async accept(
    request: FastifyRequest,
    toEvents: (body: unknown) => TelemetryBatchCheck = checkTelemetryBatch,
  ): Promise<number> {
    const source = await this.keys.resolve(request.headers[TELEMETRY_KEY_HEADER], request.id);
    const mapped = toEvents(request.body);
    if (!mapped.ok) throw ProblemException.validation([mapped.error]);
    if (mapped.events.length === 0) return 0;
    const checked = checkTelemetryBatch(mapped.events);
    if (!checked.ok) throw ProblemException.validation([checked.error]);
    await this.producer.send(source, checked.events, request.id);
    return checked.events.length;
  }
}
