/**
 * The flood both sides of bench/peers get, measured the same way in the same kind of page: 20 raw
 * peers on a `MemoryNetwork` publish 500 chat messages/s for 20 s (everything due is sent on each
 * 20 ms tick, as a socket would deliver a backlog, so a busy page cannot slow the stream down).
 * Measured while it lasts: requestAnimationFrame deltas (p50/p95), long tasks (PerformanceObserver),
 * the most DOM nodes the renderer held, and comment nodes it drew (a MutationObserver on its root);
 * after it, once the last flight is over and after `gc()`, heap growth.
 */
import type { MemoryNetwork } from '../../src/transports/memory.js';
import { PROTOCOL_VERSION, encode, randomId } from '../../src/core/protocol.js';

export const RATE = 500;
export const SECONDS = 20;
/** Both renderers get this stage and font: a 640×360 player. */
export const STAGE = { width: 640, height: 360 } as const;
export const FONT = { size: '14px', family: 'sans-serif' } as const;
/** Seconds a comment takes to cross the stage (Linger's flight; danmaku's speed is set to match). */
export const FLIGHT_S = 8;
/** Linger's most bullets in flight (`DANMAKU_CAP`, exported by src/index.ts): the capped peer's cap; bench/peers.mjs checks they agree. */
export const LINGER_CAP = 14;
const TICK_MS = 20;
const SENDERS = 20;
const WORDS = ['Love it!', 'สวยมาก', 'كم السعر؟', '这个好看', 'Quero 😍', 'size M?', 'ship to Jakarta?', 'かわいい'];

declare global {
  interface Window {
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

export interface FloodTarget {
  /** Where comment nodes are added (a shadow root or the container): watched for drawn comments. */
  root: Node;
  /** Whether an added element is one drawn comment. */
  isComment(element: Element): boolean;
  /** Every element the renderer holds right now. */
  nodes(): number;
}

export interface FloodFigures {
  messages: number;
  messagesPerSecond: number;
  frames: number;
  frameP50Ms: number;
  frameP95Ms: number;
  longTasks: number;
  longestTaskMs: number;
  maxNodes: number;
  commentsDrawn: number;
  heapGrowthMb: number;
}

const heap = () => performance.memory?.usedJSHeapSize ?? 0;
export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function flood(network: MemoryNetwork, target: FloodTarget): Promise<FloodFigures> {
  const senders = await Promise.all(
    Array.from({ length: SENDERS }, async (_, i) => {
      const peer = network.connect(`crowd-${i}`);
      await peer.connect();
      return peer;
    }),
  );

  await settle(300);
  window.gc?.();
  await settle(100);
  const heapBefore = heap();

  let drawn = 0;
  const count = (node: Node) => {
    if (node instanceof Element && target.isComment(node)) drawn++;
  };
  const mutations = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(count);
  });
  mutations.observe(target.root, { childList: true, subtree: true });

  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // longtask not observable: reported as 0 for both sides alike
  }

  const start = performance.now();
  const deltas: number[] = [];
  let running = true;
  let last = start;
  const onFrame = (now: number) => {
    deltas.push(now - last);
    last = now;
    if (running) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  let sent = 0;
  let maxNodes = 0;
  const total = RATE * SECONDS;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.round(((performance.now() - start) / 1000) * RATE));
      for (; sent < due; sent++) {
        const peer = senders[sent % senders.length]!;
        const body = { text: `${WORDS[sent % WORDS.length]} #${sent}`, name: `fan${sent % 97}` };
        void peer.publish(encode({ v: PROTOCOL_VERSION, type: 'chat', id: randomId(), at: Date.now(), body }));
      }
      maxNodes = Math.max(maxNodes, target.nodes());
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const elapsed = (performance.now() - start) / 1000;
  running = false;
  observer.disconnect();
  // The last comments are still flying: count their nodes too, then let them land.
  const landing = setInterval(() => (maxNodes = Math.max(maxNodes, target.nodes())), TICK_MS * 5);
  await settle((FLIGHT_S + 1) * 1000);
  clearInterval(landing);
  mutations.disconnect();
  window.gc?.();
  await settle(200);
  window.gc?.();
  const frames = deltas.slice(5);
  await Promise.all(senders.map((peer) => peer.close()));
  return {
    messages: sent,
    messagesPerSecond: Math.round(sent / elapsed),
    frames: frames.length,
    frameP50Ms: round(percentile(frames, 50)),
    frameP95Ms: round(percentile(frames, 95)),
    longTasks: longTasks.length,
    longestTaskMs: round(Math.max(0, ...longTasks)),
    maxNodes,
    commentsDrawn: drawn,
    heapGrowthMb: round((heap() - heapBefore) / 1024 / 1024, 2),
  };
}
