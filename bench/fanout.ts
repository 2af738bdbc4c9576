/**
 * bench/fanout — one host and 500 viewer rooms in one page over `memory`:
 * - reduce throughput: pure `reduce` over a realistic mix (likes, chat, host messages);
 * - pipeline throughput: parse (size, JSON, schema, authority) + reduce, as a viewer does;
 * - fan-out: host publish → all 500 viewer states updated (the memory network delivers
 *   synchronously at zero latency, so this is pure CPU: encode once, 500 × parse + reduce + store).
 */
import { RoomSession } from '../src/core/session.js';
import { initialState, reduce, toSnapshot } from '../src/core/state.js';
import { parseMessage, PROTOCOL_VERSION, type Inbound } from '../src/core/protocol.js';
import { MemoryNetwork } from '../src/transports/memory.js';

const VIEWERS = 500;

function mix(count: number): Inbound[] {
  const messages: Inbound[] = [];
  let seq = 0;
  for (let i = 0; i < count; i++) {
    const roll = i % 10;
    if (roll < 5) messages.push({ v: 1, type: 'likes', id: `l${i}`, at: i, body: { n: 3 }, sender: `v${i % 997}`, fromHost: false, direct: false });
    else if (roll < 8) messages.push({ v: 1, type: 'chat', id: `c${i}`, at: i, body: { text: `Is the ${i} in stock?` }, sender: `v${i % 991}`, fromHost: false, direct: false });
    else messages.push({ v: 1, type: 'announce', id: `a${i}`, at: i, seq: ++seq, ep: 'ep', body: { text: `Deal ${i}`, kind: 'info' }, sender: 'host-1', fromHost: true, direct: false });
  }
  return messages;
}

function start(): Inbound {
  return { v: 1, type: 'snapshot', id: 's', at: 0, seq: 0, ep: 'ep', body: { state: toSnapshot(initialState()) }, sender: 'host-1', fromHost: true, direct: false } as Inbound;
}

function reduceThroughput(): number {
  const messages = mix(200_000);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let state = reduce(initialState(), start());
    const t0 = performance.now();
    for (const message of messages) state = reduce(state, message);
    const seconds = (performance.now() - t0) / 1000;
    if (state.hostSeq === 0) throw new Error('host messages were not applied');
    best = Math.max(best, messages.length / seconds);
  }
  return best;
}

function pipelineThroughput(): number {
  const raws = mix(100_000).map((message) => {
    const { sender, fromHost: _fromHost, direct: _direct, ...envelope } = message;
    return { raw: JSON.stringify({ ...envelope, v: PROTOCOL_VERSION }), sender };
  });
  const isHost = (id: string) => id === 'host-1';
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let state = reduce(initialState(), start());
    const t0 = performance.now();
    for (const { raw, sender } of raws) {
      const parsed = parseMessage(raw, sender, isHost);
      if (parsed.ok) state = reduce(state, parsed.message);
    }
    best = Math.max(best, raws.length / ((performance.now() - t0) / 1000));
  }
  return best;
}

async function fanout(): Promise<{ median: number; p95: number; max: number }> {
  const network = new MemoryNetwork({ latency: 0 });
  const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'], snapshotEveryMs: 3_600_000 });
  await host.connect();
  const viewers: RoomSession[] = [];
  for (let i = 0; i < VIEWERS; i++) {
    const viewer = new RoomSession({ transport: network.connect(`viewer-${i}`), hosts: ['host-1'], clockSyncEveryMs: 3_600_000 });
    await viewer.connect();
    viewers.push(viewer);
  }
  await new Promise((resolve) => setTimeout(resolve, 600)); // hello/snapshot/ping settle
  const times: number[] = [];
  for (let round = 0; round < 120; round++) {
    // Host messages arrive a few a second at most: let the event loop (and GC) breathe between.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const t0 = performance.now();
    const sent = host.act('announce', { text: `Flash deal ${round}: silk scarves 30% off for 2 minutes` });
    const all = viewers.every((viewer) => viewer.state.announcement?.id === sent.id);
    const elapsed = performance.now() - t0;
    if (!all) throw new Error(`round ${round}: not every viewer updated`);
    if (round >= 20) times.push(elapsed); // after JIT warm-up
  }
  await Promise.all([host, ...viewers].map((session) => session.close()));
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! };
}

export default async function run() {
  const reducePerSecond = reduceThroughput();
  const pipelinePerSecond = pipelineThroughput();
  const fan = await fanout();
  return {
    figures: {
      reduce_messages_per_s: Math.round(reducePerSecond),
      parse_and_reduce_messages_per_s: Math.round(pipelinePerSecond),
      fanout_500_median_ms: round(fan.median),
      fanout_500_p95_ms: round(fan.p95),
      fanout_500_max_ms: round(fan.max),
    },
    targets: { reduce_messages_per_s: 200_000, fanout_500_p95_ms: 16 },
    // Higher is better for throughput, lower for time: say which way each target points.
    direction: { reduce_messages_per_s: 'min', fanout_500_p95_ms: 'max' },
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
