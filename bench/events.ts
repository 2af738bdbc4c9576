/**
 * bench/events — the viewer-events pipeline in Node:
 * - pipeline throughput: `ViewerEvents` (session.track → typed event) → `WebhookSink` queue, with
 *   a fake fetch, events per second;
 * - requests per viewer-minute in steady state: 200 viewers × 10 virtual minutes of heartbeats
 *   (every 15 s) plus interactions, on a virtual clock;
 * - metrics: `computeMetrics` over 1,000,000 events (2,000 viewers, 60-minute show).
 */
import { RoomSession } from '../src/core/session.js';
import { MemoryNetwork } from '../src/transports/memory.js';
import { ConsentGate } from '../src/events/consent.js';
import { ViewerEvents } from '../src/events/viewer-events.js';
import { WebhookSink } from '../src/events/webhook-sink.js';
import type { Scheduler } from '../src/events/sink.js';
import type { LingerEvent } from '../src/events/types.js';
import { computeMetrics } from '../src/analytics/metrics.js';

class VirtualScheduler implements Scheduler {
  time = 0;
  private tasks: Array<{ at: number; task: () => void; id: number }> = [];
  private id = 1;
  now() {
    return this.time;
  }
  setTimeout(task: () => void, ms: number) {
    const id = this.id++;
    this.tasks.push({ at: this.time + ms, task, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    const i = this.tasks.findIndex((t) => t.id === handle);
    if (i >= 0) this.tasks.splice(i, 1);
  }
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      let next = -1;
      for (let i = 0; i < this.tasks.length; i++) if (this.tasks[i]!.at <= end && (next < 0 || this.tasks[i]!.at < this.tasks[next]!.at)) next = i;
      if (next < 0) break;
      const [task] = this.tasks.splice(next, 1);
      this.time = Math.max(this.time, task!.at);
      task!.task();
      await Promise.resolve();
      await Promise.resolve();
    }
    this.time = end;
  }
}

const okFetch = (async () => new Response('{}')) as typeof fetch;

async function pipelineThroughput(): Promise<number> {
  const network = new MemoryNetwork();
  const session = new RoomSession({ transport: network.connect('viewer-1'), hosts: ['host-1'] });
  const consent = new ConsentGate();
  consent.set('granted');
  const scheduler = new VirtualScheduler();
  const sink = new WebhookSink({ url: 'https://collector.invalid/', fetch: okFetch, storage: null, scheduler, maxStored: 1_000_000, batchSize: 1_000_000 });
  const events = new ViewerEvents({ session, consent, show: () => 'bench', locale: () => 'en', sessionId: 's', storage: null, scheduler });
  events.addSink(sink);
  const n = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) session.track(i % 3 ? 'heartbeat' : 'product_view', i % 3 ? { seconds: 15 } : { product: `p${i % 50}` });
  const seconds = (performance.now() - t0) / 1000;
  if (sink.pending !== n) throw new Error(`pipeline lost events: ${sink.pending}/${n}`);
  events.dispose();
  sink.abandon();
  return n / seconds;
}

async function requestsPerViewerMinute(): Promise<number> {
  const viewers = 200;
  const minutes = 10;
  const scheduler = new VirtualScheduler();
  let requests = 0;
  const fetchCount = (async () => {
    requests++;
    return new Response('{}');
  }) as typeof fetch;
  const sinks = Array.from({ length: viewers }, () => new WebhookSink({ url: 'https://collector.invalid/', fetch: fetchCount, storage: null, scheduler }));
  let id = 0;
  const event = (type: LingerEvent['type'], props: object): LingerEvent => ({ id: `b${id++}`, type, at: scheduler.now(), show: 'bench', viewerId: 'v', sessionId: 's', locale: 'en', props }) as LingerEvent;
  // Warm up one minute, then count.
  let counted = 0;
  for (let second = 0; second < (minutes + 1) * 60; second++) {
    if (second === 60) counted = requests;
    sinks.forEach((sink, v) => {
      if ((second + v) % 15 === 0) sink.accept(event('heartbeat', { seconds: 15 }));
      if ((second * 7 + v) % 97 === 0) sink.accept(event('like', { count: 3 }));
      if ((second + v * 13) % 240 === 0) sink.accept(event('product_view', { product: 'p' }));
    });
    await scheduler.advance(1000);
  }
  sinks.forEach((sink) => sink.abandon());
  return (requests - counted) / (viewers * minutes);
}

function showLog(count: number): LingerEvent[] {
  const viewers = 2000;
  const start = 1_746_122_400_000;
  const events: LingerEvent[] = [];
  for (let m = 0; m < 60; m += 5) events.push({ id: `t${m}`, type: 'timeline', at: start + m * 60_000, show: 'big', viewerId: 'h', sessionId: 'h', locale: 'en', props: { kind: m ? 'perk_dropped' : 'show_live' } } as LingerEvent);
  for (let i = 0; events.length < count; i++) {
    const v = i % viewers;
    const k = Math.floor(i / viewers);
    const at = start + (v % 300) * 1000 + k * 15_000 * (240 / (count / viewers));
    const type = i % 10 === 0 ? 'chat' : 'heartbeat';
    events.push({ id: `e${i}`, type, at, show: i % 49 === 0 ? 'older' : 'big', viewerId: `v${v}`, sessionId: `s${v}`, locale: 'en', props: type === 'chat' ? { message: 'm', length: 5 } : { seconds: 15 } } as LingerEvent);
  }
  return events;
}

export default async function run() {
  const throughput = await pipelineThroughput();
  const rpm = await requestsPerViewerMinute();
  const log = showLog(1_000_000);
  let best = Infinity;
  let viewers = 0;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    const metrics = computeMetrics(log, { show: 'big' });
    best = Math.min(best, performance.now() - t0);
    viewers = metrics.viewers;
  }
  if (viewers !== 2000) throw new Error(`metrics saw ${viewers} viewers`);
  return {
    figures: {
      pipeline_events_per_s: Math.round(throughput),
      requests_per_viewer_minute: Math.round(rpm * 100) / 100,
      metrics_1m_events_ms: Math.round(best),
    },
    targets: { requests_per_viewer_minute: 4, metrics_1m_events_ms: 2000 },
    direction: { requests_per_viewer_minute: 'max', metrics_1m_events_ms: 'max' },
  };
}
