/**
 * bench/latency — the seed's target is under 600 ms from a host action to every viewer seeing it.
 * Over the local path (no cloud), in headless Chromium, two figures (docs/studio.md § Measured latency):
 *
 * (a) host action → all 200 viewer states updated: one host and 200 viewer sessions on the in-page
 *     memory transport (src/transports/memory.ts: every message still goes through encode, parse,
 *     sender checks and the reducer on each screen); the host publishes an announcement and the
 *     clock stops when the 200th viewer's reducer has applied it. 30 actions, one at a time.
 * (b) glass to glass: the studio's publisher (src/media/local-broadcast.ts) sends a canvas track in
 *     which each frame draws its own number as 8 black/white blocks; a player's local audience
 *     (src/media/local-rtc.ts) receives it over WebRTC; on each presented frame
 *     (requestVideoFrameCallback) the viewer reads the number back from the pixels and subtracts
 *     the time that frame was drawn. Same page, same clock, so no clock sync error.
 *
 * Median and p95 of each. Agora's network adds its own part on a live project (docs/studio.md).
 */
import { RoomSession } from '../src/core/session.js';
import { MemoryNetwork } from '../src/transports/memory.js';
import { LocalBroadcaster } from '../src/media/local-broadcast.js';
import { LocalAudience } from '../src/media/local-rtc.js';

const VIEWERS = 200;
const ACTIONS = 30;
const BITS = 8;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => {
  const list = sorted(values);
  return Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))]! * 10) / 10;
};
const until = async (check: () => boolean, what: string, limit = 20_000) => {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > limit) throw new Error(`bench/latency: ${what} did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

async function hostToViewers(): Promise<number[]> {
  const network = new MemoryNetwork();
  const session = (user: string) => new RoomSession({ transport: network.connect(user), hosts: ['host'] });
  const host = session('host');
  const viewers = Array.from({ length: VIEWERS }, (_, i) => session(`v-${i}`));
  await Promise.all([host, ...viewers].map((peer) => peer.connect()));
  const times: number[] = [];
  try {
    // Every viewer in step first (its snapshot in hand), so the figure is delivery, not catching up.
    host.publishSnapshot();
    host.act('announce', { text: 'warm-up' });
    await until(() => viewers.every((viewer) => viewer.state.announcement?.text === 'warm-up'), 'the warm-up on every viewer', 60_000);
    for (let action = 0; action < ACTIONS; action++) {
      const text = `Flash deal ${action}`;
      let left = VIEWERS;
      let done = 0;
      const stops = viewers.map((viewer) =>
        viewer.$state.listen((state) => {
          if (state.announcement?.text === text && --left === 0) done = performance.now();
        }),
      );
      const t0 = performance.now();
      host.act('announce', { text });
      await until(() => done > 0, `announcement ${action} on all ${VIEWERS} viewers (${left} missing; ${viewers.filter((viewer) => viewer.state.announcement?.text === text).length} have it)`);
      times.push(done - t0);
      for (const stop of stops) stop();
    }
  } finally {
    await Promise.all([host, ...viewers].map((peer) => peer.close()));
  }
  return times;
}

/** Draws frame `n`'s number as blocks (white = 1) on a grey ground, and remembers when. */
function counterTrack(): { stream: MediaStream; drawnAt: Map<number, number>; stop: () => void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const context = canvas.getContext('2d')!;
  const drawnAt = new Map<number, number>();
  let n = 0;
  const draw = () => {
    n = (n + 1) % 2 ** BITS;
    context.fillStyle = '#808080';
    context.fillRect(0, 0, 320, 180);
    for (let bit = 0; bit < BITS; bit++) {
      context.fillStyle = n & (1 << bit) ? '#fff' : '#000';
      context.fillRect(bit * 40, 45, 40, 90);
    }
    drawnAt.set(n, performance.now());
  };
  draw();
  const timer = setInterval(draw, 1000 / 30);
  const stream = canvas.captureStream(30);
  return { stream, drawnAt, stop: () => clearInterval(timer) };
}

async function glassToGlass(): Promise<number[]> {
  const network = new MemoryNetwork();
  const host = new RoomSession({ transport: network.connect('host'), hosts: ['host'] });
  const viewer = new RoomSession({ transport: network.connect('viewer'), hosts: ['host'] });
  await Promise.all([host.connect(), viewer.connect()]);
  const source = counterTrack();
  const studio = new LocalBroadcaster(host);
  await studio.start(source.stream, { bitrateKbps: 1500 });
  const container = document.createElement('div');
  document.body.append(container);
  const audience = new LocalAudience(viewer, { container });
  await audience.join();
  await until(() => (container.querySelector('video')?.videoWidth ?? 0) > 0, 'the viewer plays the studio');
  const video = container.querySelector('video')!;
  const reader = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  reader.canvas.width = 320;
  reader.canvas.height = 180;
  const samples: number[] = [];
  await new Promise<void>((resolve) => {
    const onFrame = () => {
      const now = performance.now();
      reader.drawImage(video, 0, 0, 320, 180);
      let n = 0;
      for (let bit = 0; bit < BITS; bit++) {
        const [r = 0] = reader.getImageData(bit * 40 + 20, 90, 1, 1).data;
        if (r > 160) n |= 1 << bit;
      }
      const drawn = source.drawnAt.get(n);
      // A frame number is reused every 8.5 s; only a recent drawing counts.
      if (drawn !== undefined && now - drawn < 2000) samples.push(now - drawn);
      if (samples.length >= 300) resolve();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
  source.stop();
  await audience.close();
  await studio.stop();
  container.remove();
  await Promise.all([host.close(), viewer.close()]);
  return samples;
}

export default async function run() {
  const action = await hostToViewers();
  const glass = await glassToGlass();
  const figures = {
    action_to_200_viewers_median_ms: quantile(action, 0.5),
    action_to_200_viewers_p95_ms: quantile(action, 0.95),
    glass_to_glass_local_median_ms: quantile(glass, 0.5),
    glass_to_glass_local_p95_ms: quantile(glass, 0.95),
    glass_to_glass_samples: glass.length,
  };
  return {
    figures,
    targets: { action_to_200_viewers_p95_ms: 600, glass_to_glass_local_p95_ms: 600 },
    direction: { action_to_200_viewers_p95_ms: 'max', glass_to_glass_local_p95_ms: 'max' },
  };
}
