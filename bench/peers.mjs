// bench/peers: Linger side by side with what users would pick instead, in one run on one machine.
//
// 1. Overlay flood: `<linger-overlay variant="danmaku">` (bench/peers/linger.browser.ts) and the
//    `danmaku` package, DOM engine (bench/peers/danmaku.browser.ts), each in its own headless
//    Chromium (bench/browser.mjs), under the same stream (bench/peers/flood.ts: 500 comments/s for
//    20 s on a 640×360 stage, 14px sans-serif, 8 s crossing). Frame p50/p95, long tasks, most DOM
//    nodes, comments drawn, heap growth; ratios Linger/peer. danmaku draws every comment and Linger
//    at most 14 at once, so a third run gives danmaku the same cap (danmaku-capped.browser.ts): the
//    engines compared at equal work.
// 2. First-load JS, gzip -9 (Node's zlib), KB = 1024 bytes. Linger's from the CDN build through
//    bench/size.mjs; the peers' from their own published bundles in node_modules.
//
// Targets: Linger's frame p95 ≤ danmaku's × 1.1, capped or not; no more long tasks and DOM nodes
// than danmaku as is; Linger took the whole stream (≥ 480 messages/s); Linger's page ≤ 1/5 of the
// smaller peer; a live Agora show in all ≤ ZEGOCLOUD's kit. Run by bench/run.mjs
// (`npm run bench -- peers`), which prints the table and writes bench/results/peers.json. See
// docs/benchmarks.md.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runInBrowser } from './browser.mjs';

/** Linger's bullet cap, which the capped danmaku run copies (bench/peers/flood.ts; kept in step by a check below). */
const LINGER_CAP = 14;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const ratio = (a, b) => (b > 0 ? Number((a / b).toFixed(3)) : undefined);

/** gzip -9 bytes of a file inside an installed package (read from node_modules: exports maps hide package.json). */
function gzipOf(pkg, file) {
  return gzipSync(readFileSync(path.join(root, 'node_modules', pkg, file)), { level: 9 }).length;
}

/** Linger's figures from bench/size.mjs (its own long table muted: `npm run bench -- size` prints it). */
async function lingerSizes() {
  if (!existsSync(path.join(root, 'dist/cdn/linger.js')) || !existsSync(path.join(root, 'dist/cdn-stats.json'))) {
    console.log('dist/cdn is missing: running npx rollup -c first.');
    execSync('npx rollup -c', { cwd: root, stdio: 'inherit' });
  }
  const { default: size } = await import('./size.mjs');
  const { log, warn } = console;
  console.log = console.warn = () => {};
  let figures;
  try {
    ({ figures } = await size());
  } finally {
    Object.assign(console, { log, warn });
  }
  // Lazy groups a page with a player and comments loads before the viewer taps anything: the room's
  // session chunk (`live`) at once; on an Agora show every other group it reaches (the RTM adapter
  // and SDK, the player's RTC code and SDK), except hls.js (replays only) and the other languages.
  const lazy = Object.keys(figures).filter((key) => /^lazy_\w+_kb$/.test(key)).map((key) => key.slice(5, -3));
  for (const name of ['live', 'agora_rtm_sdk', 'agora_rtc_sdk_ng']) {
    if (!lazy.includes(name)) throw new Error(`bench/size.mjs reports no lazy group "${name}" (chunk renamed?): update bench/peers.mjs`);
  }
  const notLive = new Set(['live', 'hls_js', 'zh_CN', 'id', 'th', 'vi', 'ms', 'ar', 'es', 'pt_BR', 'ja']);
  const agoraGroups = lazy.filter((name) => !notLive.has(name));
  console.log(`Linger, Agora show: page + session chunk + ${agoraGroups.join(', ')}`);
  const page = figures.page_room_player_overlay_countdown_kb + figures.lazy_live_kb;
  const agora = agoraGroups.reduce((sum, name) => sum + figures[`lazy_${name}_kb`], 0);
  return { page: Math.round(page * 10) / 10, agoraShow: Math.round((page + agora) * 10) / 10 };
}

export default async function run() {
  const linger = await lingerSizes();
  // Mux Player's one-file build (the file its `unpkg`/`jsdelivr` fields name) plus danmaku's full
  // minified build as the comment layer; a chat transport is not counted (it would only add).
  const mux = gzipOf('@mux/mux-player', 'dist/mux-player.js');
  const danmakuJs = gzipOf('danmaku', 'dist/danmaku.min.js');
  const zego = gzipOf('@zegocloud/zego-uikit-prebuilt', 'zego-uikit-prebuilt.js');
  const muxPage = kb(mux + danmakuJs);
  const zegoKb = kb(zego);

  console.log('Overlay flood, Linger (headless Chromium)…');
  // The machine is shared: the 1-minute load average as each side starts puts its figures in context.
  const loads = [loadavg()[0]];
  const l = await runInBrowser(path.join(here, 'peers/linger.browser.ts'));
  loads.push(loadavg()[0]);
  console.log('Overlay flood, danmaku (headless Chromium)…');
  const d = await runInBrowser(path.join(here, 'peers/danmaku.browser.ts'));
  console.log('Overlay flood, danmaku capped like Linger (headless Chromium)…');
  loads.push(loadavg()[0]);
  const c = await runInBrowser(path.join(here, 'peers/danmaku-capped.browser.ts'));
  if (l.cap !== LINGER_CAP) throw new Error(`Linger flies ${l.cap} bullets at most; bench/peers/flood.ts caps danmaku at ${LINGER_CAP}: make them agree`);

  const figures = {
    linger_load_avg_1m: Number(loads[0].toFixed(2)),
    danmaku_load_avg_1m: Number(loads[1].toFixed(2)),
    capped_load_avg_1m: Number(loads[2].toFixed(2)),
    linger_messages_per_s: l.messagesPerSecond,
    danmaku_messages_per_s: d.messagesPerSecond,
    capped_messages_per_s: c.messagesPerSecond,
    linger_frame_p50_ms: l.frameP50Ms,
    danmaku_frame_p50_ms: d.frameP50Ms,
    capped_frame_p50_ms: c.frameP50Ms,
    linger_frame_p95_ms: l.frameP95Ms,
    danmaku_frame_p95_ms: d.frameP95Ms,
    capped_frame_p95_ms: c.frameP95Ms,
    frame_p95_ratio: ratio(l.frameP95Ms, d.frameP95Ms),
    frame_p95_vs_capped_ratio: ratio(l.frameP95Ms, c.frameP95Ms),
    linger_frames: l.frames,
    danmaku_frames: d.frames,
    capped_frames: c.frames,
    linger_long_tasks: l.longTasks,
    danmaku_long_tasks: d.longTasks,
    capped_long_tasks: c.longTasks,
    long_tasks_ratio: ratio(l.longTasks, d.longTasks),
    linger_longest_task_ms: l.longestTaskMs,
    danmaku_longest_task_ms: d.longestTaskMs,
    capped_longest_task_ms: c.longestTaskMs,
    linger_max_nodes: l.maxNodes,
    danmaku_max_nodes: d.maxNodes,
    capped_max_nodes: c.maxNodes,
    max_nodes_ratio: ratio(l.maxNodes, d.maxNodes),
    linger_comments_drawn: l.commentsDrawn,
    danmaku_comments_drawn: d.commentsDrawn,
    capped_comments_drawn: c.commentsDrawn,
    linger_heap_growth_mb: l.heapGrowthMb,
    danmaku_heap_growth_mb: d.heapGrowthMb,
    capped_heap_growth_mb: c.heapGrowthMb,
    linger_page_kb: linger.page,
    linger_agora_show_kb: linger.agoraShow,
    mux_player_danmaku_kb: muxPage,
    zego_uikit_kb: zegoKb,
    page_vs_mux_ratio: ratio(linger.page, muxPage),
    page_vs_zego_ratio: ratio(linger.page, zegoKb),
    agora_show_vs_mux_ratio: ratio(linger.agoraShow, muxPage),
    agora_show_vs_zego_ratio: ratio(linger.agoraShow, zegoKb),
  };
  // A ratio over zero has no value: left out rather than written as Infinity/NaN.
  for (const [key, value] of Object.entries(figures)) if (value === undefined) delete figures[key];

  const targets = {
    linger_messages_per_s: 480,
    linger_frame_p95_ms: Number((d.frameP95Ms * 1.1).toFixed(1)),
    frame_p95_vs_capped_ratio: 1.1,
    linger_long_tasks: d.longTasks,
    linger_max_nodes: d.maxNodes,
    linger_page_kb: Math.round((Math.min(muxPage, zegoKb) / 5) * 10) / 10,
    linger_agora_show_kb: zegoKb,
  };
  // Only Linger's delivery rate is a target: a peer page too busy to take the stream is a finding about
  // the peer (its rate is recorded), not a fault of the run.
  const direction = { linger_messages_per_s: 'min' };

  const rows = [
    ['messages/s delivered', 'messagesPerSecond'],
    ['frame p50 (ms)', 'frameP50Ms'],
    ['frame p95 (ms)', 'frameP95Ms'],
    ['long tasks', 'longTasks'],
    ['longest task (ms)', 'longestTaskMs'],
    ['most DOM nodes', 'maxNodes'],
    ['comments drawn', 'commentsDrawn'],
    ['heap growth (MB)', 'heapGrowthMb'],
  ];
  console.log(`\nOverlay flood (500/s × 20 s, ${l.messages} messages to each; load average ${loads.map((x) => x.toFixed(1)).join(' / ')} at each start)`);
  console.table(
    rows.map(([metric, key]) => ({
      metric,
      linger: l[key],
      danmaku: d[key],
      [`danmaku ≤${LINGER_CAP}`]: c[key],
      'linger/danmaku': ratio(l[key], d[key]) ?? '—',
      [`linger/danmaku ≤${LINGER_CAP}`]: ratio(l[key], c[key]) ?? '—',
    })),
  );
  console.log('First-load JS (gzip -9, KB = 1024 bytes)');
  console.table([
    { page: 'Linger: room + player + overlay + countdown, session chunk', kb: linger.page, 'vs mux': ratio(linger.page, muxPage), 'vs zego': ratio(linger.page, zegoKb) },
    { page: 'Linger, live Agora show: + Agora RTM and RTC SDKs', kb: linger.agoraShow, 'vs mux': ratio(linger.agoraShow, muxPage), 'vs zego': ratio(linger.agoraShow, zegoKb) },
    { page: '@mux/mux-player (mux-player.js) + danmaku.min.js', kb: muxPage, 'vs mux': '', 'vs zego': '' },
    { page: '@zegocloud/zego-uikit-prebuilt (zego-uikit-prebuilt.js)', kb: zegoKb, 'vs mux': '', 'vs zego': '' },
  ]);
  return { figures, targets, direction };
}
