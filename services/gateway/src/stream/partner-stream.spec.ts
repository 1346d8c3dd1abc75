import type { NotificationStreamPage } from '@pac/http-contracts';
import { PartnerStream, type StreamItem, type StreamSubscriber } from './partner-stream';

const item = (sequence: number, tenantId: string | null = 't1'): StreamItem => ({
  sequence,
  tenantId,
  text: { en: { title: `n${sequence}`, body: '' }, fr: { title: `n${sequence}`, body: '' } },
  notification: {
    id: `n${sequence}`,
    tenantId,
    environmentName: null,
    type: 'tenant.created',
    severity: 'info',
    links: {},
    createdAt: '2026-05-01T10:00:00.000Z',
    readAt: null,
  },
});

/** A notification service that has positions 1..last, and answers catch-ups from them. */
function service(last: number) {
  const state = { last, calls: [] as (number | undefined)[] };
  const catchUp = async (after: number | undefined): Promise<NotificationStreamPage> => {
    state.calls.push(after);
    if (after === undefined) return { items: [], position: state.last, more: false };
    const items = [];
    for (let s = after + 1; s <= state.last; s += 1) items.push(item(s));
    return { items, position: state.last, more: false };
  };
  return { state, catchUp };
}

function subscriber(tenantId?: string): StreamSubscriber & { got: number[] } {
  const got: number[] = [];
  return { tenantId, got, receive: (i) => got.push(i.sequence) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a partner stream', () => {
  it('passes notifications on in position order, each once, from where the partner was', async () => {
    const { catchUp } = service(4);
    const stream = new PartnerStream(catchUp, fail);
    await stream.ready;
    const all = subscriber();
    stream.subscribers.add(all);
    stream.offer(item(5));
    stream.offer(item(5));
    stream.offer(item(3));
    stream.offer(item(6));
    expect(all.got).toEqual([5, 6]);
    expect(stream.current).toBe(6);
  });

  it('holds one that arrives ahead of its turn until the one before it comes', async () => {
    const { state, catchUp } = service(0);
    const stream = new PartnerStream(catchUp, fail);
    await stream.ready;
    const all = subscriber();
    stream.subscribers.add(all);
    state.last = 2;
    stream.offer(item(2));
    stream.offer(item(1));
    await settle();
    expect(all.got).toEqual([1, 2]);
  });

  it('fills a gap that Kafka does not (a missed notification) from the catch-up', async () => {
    const { state, catchUp } = service(0);
    const stream = new PartnerStream(catchUp, fail);
    await stream.ready;
    const all = subscriber();
    stream.subscribers.add(all);
    state.last = 3;
    stream.offer(item(3));
    await settle();
    await settle();
    expect(all.got).toEqual([1, 2, 3]);
    expect(state.calls).toEqual([undefined, 0]);
  });

  it('gives a customer admin only their tenant’s notifications', async () => {
    const { catchUp } = service(0);
    const stream = new PartnerStream(catchUp, fail);
    await stream.ready;
    const own = subscriber('t2');
    stream.subscribers.add(own);
    stream.offer(item(1, 't1'));
    stream.offer(item(2, 't2'));
    stream.offer(item(3, null));
    expect(own.got).toEqual([2]);
  });
});

function fail(error: unknown): void {
  throw error;
}
