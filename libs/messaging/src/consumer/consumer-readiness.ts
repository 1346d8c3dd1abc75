import type { Consumer } from 'kafkajs';
import type { MessagingLogger } from '../logger';

export interface EventConsumerReadiness {
  /**
   * Connected, has joined its group at least once, and not crashed. A rebalance does not make it unready:
   * rebalances are routine, and a readiness probe that flapped with them would take a service's HTTP API
   * out of rotation for nothing.
   */
  ready: boolean;
  connected: boolean;
  /** A member of its group right now (false while a rebalance is under way). */
  joinedGroup: boolean;
  /** The last crash, if the consumer crashed and has not recovered. */
  crashed?: string;
}

/** Follows a kafkajs consumer's instrumentation events to tell whether it is connected, joined and alive. */
export class ConsumerReadiness {
  private connected = false;
  private joinedGroup = false;
  private hasJoined = false;
  private crashed: string | undefined;

  follow(consumer: Consumer, groupId: string, logger: MessagingLogger): void {
    consumer.on(consumer.events.CONNECT, () => (this.connected = true));
    consumer.on(consumer.events.DISCONNECT, () => {
      this.connected = false;
      this.joinedGroup = false;
      this.hasJoined = false;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
      this.hasJoined = true;
      this.crashed = undefined;
    });
    consumer.on(consumer.events.REBALANCING, () => (this.joinedGroup = false));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.error.message;
      this.joinedGroup = false;
      logger.error({ err: payload.error, groupId, restart: payload.restart }, 'event consumer crashed');
    });
  }

  now(): EventConsumerReadiness {
    return {
      ready: this.connected && this.hasJoined && this.crashed === undefined,
      connected: this.connected,
      joinedGroup: this.joinedGroup,
      ...(this.crashed ? { crashed: this.crashed } : {}),
    };
  }
}
