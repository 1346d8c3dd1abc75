import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@pac/bootstrap';
import { NotificationLocaleQuery } from '@pac/http-contracts';
import type { FastifyReply } from 'fastify';
import { RequiresAccess } from '../auth/access';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayConfig } from '../gateway.config';
import { securityHeaders } from '../http/security-headers';
import { NotificationFeed, streamUnavailable } from '../stream/notification-feed';
import { ServerSentEvents } from '../stream/server-sent-events';

/**
 * `GET /v1/stream`: the caller's notifications as server-sent events, as they are created (a customer admin:
 * their tenant's only). Each event is `event: notification`, `id: <position>` (the partner's stream position),
 * `data: <the notification as the inbox shows it>`; a comment line every STREAM_HEARTBEAT_MS keeps proxies from
 * closing an idle connection. A client that comes back with `Last-Event-ID` first gets every notification
 * after that position (from the notification service), then the live ones, none twice, none missed.
 */
@ApiTags('Notifications')
@ApiBearerAuth()
@Controller('v1')
export class StreamController {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly feed: NotificationFeed,
    private readonly config: GatewayConfig,
  ) {
    this.headers = securityHeaders({ production: config.isProduction })('/v1/stream');
  }

  @Get('stream')
  @RequiresAccess('read')
  @ApiOperation({
    summary: 'Your notifications as server-sent events',
    description:
      'event: notification, id: the position in your inbox (1, 2, 3 ...), data: a Notification in ?locale=. ' +
      'Send Last-Event-ID to resume after a position without a gap; heartbeats are comment lines. 503 ' +
      'stream-unavailable while the gateway cannot follow notifications (retry-after).',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received' })
  @ApiOkResponse({
    description: 'text/event-stream, open until the client closes it',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(
    @Query() query: NotificationLocaleQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const resumeAfter = parseLastEventId(lastEventId);
    if (!this.feed.live) throw streamUnavailable();
    const events = new ServerSentEvents(
      reply,
      { ...this.headers, 'x-request-id': request.id },
      this.config.STREAM_HEARTBEAT_MS,
    );
    await events.open(this.feed, request.caller!, query.locale ?? 'en', resumeAfter);
  }
}

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (!/^\d{1,15}$/.test(header.trim()))
    throw ProblemException.validation([
      { field: 'Last-Event-ID', message: 'Last-Event-ID must be the id of an event of this stream' },
    ]);
  return Number(header.trim());
}
