import { expect, waitUntil } from '@open-wc/testing';
import { WebhookSink, parseRetryAfter } from '../../src/events/webhook-sink.js';
import type { Scheduler } from '../../src/events/sink.js';
import type { LingerEvent } from '../../src/events/types.js';
import { sleep } from '../helpers/show.js';

let counter = 0;
function event(i: number, type: LingerEvent['type'] = 'heartbeat'): LingerEvent {
  return { id: `ev-${counter}-${i}`, type, at: Date.now(), show: 's', viewerId: 'v-test', sessionId: 's-test', locale: 'en', props: { seconds: 15 } } as LingerEvent;
}

/** Virtual time: timers run when `advance` passes them. */
class VirtualScheduler implements Scheduler {
  time = 0;
  private tasks: Array<{ at: number; task: () => void; id: number }> = [];
  private nextId = 1;
  now() {
    return this.time;
  }
  setTimeout(task: () => void, ms: number) {
    const id = this.nextId++;
    this.tasks.push({ at: this.time + ms, task, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.tasks = this.tasks.filter((t) => t.id !== handle);
  }
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at);
      const next = this.tasks[0];
      if (!next || next.at > end) break;
      this.tasks.shift();
      this.time = Math.max(this.time, next.at);
      next.task();
      await Promise.resolve();
      await Promise.resolve();
    }
    this.time = end;
  }
}

const bucketUrl = (name: string, rate?: number) => `${location.origin}/test-api/flaky/${name}${rate === undefined ? '' : `?rate=${rate}`}`;
const stats = async (name: string, ids = false) => (await fetch(`/test-api/flaky/${name}${ids ? '?ids=1' : ''}`)).json();

describe('WebhookSink', () => {
  beforeEach(() => {
    counter++;
    for (const key of Object.keys(localStorage)) if (key.startsWith('linger-')) localStorage.removeItem(key);
  });

  it('delivers 5,000 events across three page reloads to a server that fails 30%, rate-limits and hangs — every event, none lost', async function () {
    this.timeout(90_000);
    const bucket = `reload-${Date.now()}`;
    const url = bucketUrl(bucket);
    const options = { url, batchSize: 100, maxWaitMs: 20, minIntervalMs: 20, retryBaseMs: 20, retryMaxMs: 400, timeoutMs: 1000, maxStored: 10_000, storageKey: `linger-outbox-test-${bucket}` };
    const sent: string[] = [];
    const per = [1700, 1700, 1600];
    for (let page = 0; page < 3; page++) {
      const sink = new WebhookSink(options);
      for (let i = 0; i < per[page]!; i++) {
        const e = event(page * 10_000 + i);
        sent.push(e.id);
        sink.accept(e);
        if (i % 200 === 199) await sleep(30);
      }
      await sleep(250);
      // pagehide: keepalive flush + outbox marked closed; then the page dies mid-flight.
      sink.flush({ final: true });
      sink.abandon();
    }
    const last = new WebhookSink(options); // the page after the last reload adopts what is left
    await waitUntil(async () => (await stats(bucket)).unique >= 5000, 'every event arrives', { timeout: 80_000, interval: 250 });
    const result = await stats(bucket, true);
    const received = new Set(result.ids as string[]);
    expect(received.size, 'no event arrived twice after dedup (unique ids = events sent)').to.equal(5000);
    expect(sent.every((id) => received.has(id)), 'every sent id arrived').to.equal(true);
    expect(result.statuses.hang, 'the server hung once').to.equal(1);
    expect(result.statuses['429'], 'the server rate-limited').to.be.greaterThan(0);
    expect(result.statuses['503'] + result.statuses['500'], 'the server failed often').to.be.greaterThan(5);
    expect(result.received, 'retries made duplicates the collector had to drop').to.be.at.least(5000);
    await waitUntil(() => last.pending === 0, 'the last page has nothing pending');
    last.close();
    expect(Object.keys(localStorage).filter((key) => key.startsWith(options.storageKey)), 'outboxes removed once delivered').to.deep.equal([]);
  });

  it('drops a batch on 4xx other than 429 with a console warning, and keeps going', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    let calls = 0;
    const fetchStub = (async () => new Response('', { status: ++calls === 1 ? 400 : 200 })) as typeof fetch;
    try {
      const sink = new WebhookSink({ url: 'https://collector.invalid/e', fetch: fetchStub, storage: null, batchSize: 2, maxWaitMs: 0, minIntervalMs: 0 });
      sink.accept(event(1));
      sink.accept(event(2));
      sink.accept(event(3));
      sink.accept(event(4));
      await waitUntil(() => calls === 2 && sink.pending === 0, 'both batches answered');
      expect(sink.stats.rejected, 'the refused batch is dropped').to.equal(2);
      expect(sink.stats.delivered, 'the next batch delivered').to.equal(2);
      expect(String(warnings[0]), 'warned').to.contain('HTTP 400');
      sink.close();
    } finally {
      console.warn = warn;
    }
  });

  it('bounds its storage: the oldest events are dropped, counted and reported in the next batch', async () => {
    const bodies: any[] = [];
    const fetchStub = (async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(init.body as string));
      return new Response('{}');
    }) as unknown as typeof fetch;
    const scheduler = new VirtualScheduler();
    const sink = new WebhookSink({ url: 'https://c.invalid/', fetch: fetchStub, storage: null, scheduler, maxStored: 10, batchSize: 100 });
    for (let i = 0; i < 25; i++) sink.accept(event(i));
    expect(sink.pending, 'bounded').to.equal(10);
    expect(sink.stats.overflow, 'overflow counted').to.equal(15);
    await scheduler.advance(20_000);
    await waitUntil(() => bodies.length === 1);
    expect(bodies[0].dropped, 'the count travels with the batch').to.equal(15);
    expect(bodies[0].events.map((e: LingerEvent) => e.id).at(-1), 'newest kept').to.equal(event(24).id);
    sink.close();
  });

  it('steady state: one viewer’s heartbeats every 15 s cost at most 4 requests per minute', async () => {
    let requests = 0;
    const fetchStub = (async () => {
      requests++;
      return new Response('{}');
    }) as typeof fetch;
    const scheduler = new VirtualScheduler();
    const sink = new WebhookSink({ url: 'https://c.invalid/', fetch: fetchStub, storage: null, scheduler });
    for (let s = 0; s < 600; s++) {
      if (s % 15 === 0) sink.accept(event(s));
      if (s % 7 === 0) sink.accept(event(s + 100_000, 'product_view'));
      await scheduler.advance(1000);
    }
    expect(requests / 10, 'requests per viewer-minute').to.be.at.most(4);
    expect(requests, 'but it does send').to.be.greaterThan(20);
    sink.close();
  });

  it('retries 429 after Retry-After and 5xx/network errors with backoff', async () => {
    expect(parseRetryAfter('2', 0)).to.equal(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).to.equal(6000);
    expect(parseRetryAfter('soon', 0)).to.equal(0);
    const statuses = [429, 503, 0, 200];
    const at: number[] = [];
    const fetchStub = (async () => {
      at.push(performance.now());
      const status = statuses.shift()!;
      if (status === 0) throw new TypeError('network down');
      return new Response('', { status, headers: status === 429 ? { 'Retry-After': '0.3' } : {} });
    }) as typeof fetch;
    const sink = new WebhookSink({ url: 'https://c.invalid/', fetch: fetchStub, storage: null, maxWaitMs: 0, minIntervalMs: 0, retryBaseMs: 10, retryMaxMs: 50 });
    sink.accept(event(1));
    await waitUntil(() => sink.stats.delivered === 1, 'delivered after 3 failures', { timeout: 5000 });
    expect(at[1]! - at[0]!, 'waited for Retry-After').to.be.at.least(290);
    expect(sink.stats.failures).to.equal(3);
    sink.close();
  });

  it('on page hide sends with keepalive and leaves the outbox for the next page', async () => {
    const inits: RequestInit[] = [];
    const fetchStub = (async (_u: string, init: RequestInit) => {
      inits.push(init);
      return new Promise<Response>(() => {}); // the page dies before the answer
    }) as unknown as typeof fetch;
    const key = `linger-outbox-hide-${counter}`;
    const sink = new WebhookSink({ url: 'https://c.invalid/', fetch: fetchStub, storageKey: key });
    for (let i = 0; i < 3; i++) sink.accept(event(i));
    sink.flush({ final: true });
    sink.abandon();
    expect(inits[0]?.keepalive, 'keepalive').to.equal(true);
    const stored = Object.keys(localStorage).filter((k) => k.startsWith(key));
    expect(stored.length, 'one outbox').to.equal(1);
    const outbox = JSON.parse(localStorage.getItem(stored[0]!)!);
    expect(outbox.open, 'closed').to.equal(false);
    expect(outbox.events.length, 'unacknowledged events kept').to.equal(3);
    const next = new WebhookSink({ url: 'https://c.invalid/', fetch: (async () => new Response('{}')) as typeof fetch, storageKey: key });
    expect(next.stats.adopted, 'adopted by the next page').to.equal(3);
    await waitUntil(() => next.stats.delivered === 3, 'and sent');
    next.close();
  });
});
