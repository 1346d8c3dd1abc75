import { Injectable } from '@nestjs/common';
import { ProblemException } from '@pac/bootstrap';
import { checkTelemetryBatch, TELEMETRY_LIMITS, type TelemetryBatchCheck } from '@pac/contracts';
import type { FastifyRequest } from 'fastify';
import { TELEMETRY_KEY_HEADER } from '@pac/auth';
import { IngestProducer } from './ingest-producer';
import { TelemetryKeyCache } from './telemetry-key-cache';

/** The public path of batches of events in our own shape, which checkTelemetryBatch reads field by field. */
export const TELEMETRY_BATCH_PATH = '/v1/telemetry';
/** The public paths that take telemetry, each with the larger body limit of a batch (1 MB). */
export const INGESTION_PATHS = [TELEMETRY_BATCH_PATH, '/v1/otlp/v1/logs'];
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
   * `toEvents` reads the body as events (the OTLP mapping; without it the body is the events), checked
   * after the key: a caller without a valid key learns nothing about its body. The events are checked once,
   * whichever route.
   */
  async accept(request: FastifyRequest, toEvents?: (body: unknown) => TelemetryBatchCheck): Promise<number> {
    const source = await this.keys.resolve(request.headers[TELEMETRY_KEY_HEADER], request.id);
    let events: unknown = request.body;
    if (toEvents) {
      const mapped = toEvents(request.body);
      if (!mapped.ok) throw ProblemException.validation([mapped.error]);
      if (mapped.events.length === 0) return 0;
      events = mapped.events;
    }
    const checked = checkTelemetryBatch(events);
    if (!checked.ok) throw ProblemException.validation([checked.error]);
    await this.producer.send(source, checked.events, request.id);
    return checked.events.length;
  }
}
