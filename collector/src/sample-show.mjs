// A deterministic 45-minute show: the generator of demo/report.ts (`?sample`: 400 viewers, seeded
// random, arrivals in the first 10 minutes, departures clustering after the lottery draw, 30% who
// watched an earlier show), plus add-to-carts and orders so the funnel has something to count, and a
// topic, a vote and member tiers (docs/metrics.md 11, 12), and its replay (13).
// Used by the metrics-equality test and the benchmark (`scale` multiplies viewers).

/**
 * @param {{ start?: number, viewers?: number, show?: string, seed?: number, idPrefix?: string }} [options]
 * @returns {{ events: any[], orders: any[] }}
 */
export function sampleShow({ start = Date.UTC(2025, 4, 1, 18, 0, 0), viewers = 400, show = 'spring-sale', seed = 7, idPrefix = 'x' } = {}) {
  let state = seed;
  const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
  // A second sequence for the carts and orders, so the first stays the demo's.
  let state2 = seed + 1;
  const random2 = () => ((state2 = (state2 * 48271) % 2147483647) - 1) / 2147483646;
  const minute = 60_000;
  /** @type {any[]} */
  const events = [];
  /** @type {any[]} */
  const orders = [];
  let n = 0;
  const push = (/** @type {string} */ type, /** @type {number} */ at, /** @type {string} */ viewerId, /** @type {string} */ sessionId, /** @type {object} */ props, eventShow = show) =>
    events.push({ id: `${idPrefix}${n++}`, type, at, show: eventShow, viewerId, sessionId, locale: 'en', props });
  /** @type {Array<[number, string, string]>} */
  const marks = [
    [0, 'show_live', 'Spring sale'],
    [4, 'product_pinned', 'Silk scarf'],
    [8, 'perk_announced', 'Type 1 for the scarf giveaway'],
    [10, 'lottery_opened', 'Silk scarf'],
    [14, 'lottery_drawn', 'Silk scarf'],
    [22, 'quiz_asked', 'Which silk is the finest?'],
    [24, 'quiz_revealed', 'Mulberry'],
    [31, 'perk_dropped', '20% off for 10 minutes'],
    [45, 'show_ended', ''],
  ];
  for (const [m, kind, label] of marks) push('timeline', start + m * minute, 'host', 'host', label ? { kind, label } : { kind });
  for (let v = 0; v < viewers; v++) {
    const id = `v${v}`;
    const arrive = Math.floor(random() * random() * 12 * 60);
    const roll = random();
    const leave = roll < 0.3 ? 14 * 60 + random() * 90 : roll < 0.45 ? 31 * 60 + random() * 120 : roll < 0.6 ? arrive + random() * 600 : 45 * 60;
    if (leave <= arrive) continue;
    push('session_start', start + arrive * 1000, id, `s${v}`, {});
    for (let t = arrive + 15; t <= leave; t += 15) push('heartbeat', start + t * 1000, id, `s${v}`, { seconds: 15 });
    if (random() < 0.35) push('chat', start + (arrive + 30) * 1000, id, `s${v}`, { message: `m${v}`, length: 20 });
    if (random() < 0.2) push('product_click', start + (arrive + 60) * 1000, id, `s${v}`, { product: 'scarf' });
    if (random() < 0.3) push('heartbeat', start - 7 * 86_400_000, id, `old${v}`, { seconds: 15 }, 'winter-sale');
    // Beyond the demo's generator: some add to cart, some of those order (two currencies).
    if (random2() < 0.12) {
      const at = start + Math.min(leave, arrive + 90) * 1000;
      events.push({ id: `${idPrefix}c${v}`, type: 'add_to_cart', at, show, viewerId: id, sessionId: `s${v}`, locale: 'en', props: { product: 'scarf', quantity: 1 } });
      if (random2() < 0.5) orders.push({ type: 'order', id: `${idPrefix}o${v}`, at: at + 30_000, show, viewerId: id, props: { value: 2599, currency: v % 5 ? 'USD' : 'EUR' } });
    }
  }
  // Beyond that: a topic and a vote (issue 18), their answers and votes, and verified member tiers,
  // from a third sequence so the others stay as they were.
  let state3 = seed + 2;
  const random3 = () => ((state3 = (state3 * 69621) % 2147483647) - 1) / 2147483646;
  const tl = (/** @type {number} */ m, /** @type {string} */ id, /** @type {object} */ props) =>
    events.push({ id: `${idPrefix}${id}`, type: 'timeline', at: start + m * minute, show, viewerId: 'host', sessionId: 'host', locale: 'en', props });
  tl(6, 'tl-topic', { kind: 'topic_posted', ref: 't1', label: 'Where would you wear this?' });
  tl(18, 'tl-vote', { kind: 'vote_opened', ref: 'v1', label: 'Which colour next?' });
  const options = ['Jade', 'Coral', 'Ivory'];
  const counts = [0, 0, 0];
  for (let v = 0; v < viewers; v++) {
    const id = `v${v}`;
    const roll = random3();
    if (roll < 0.3) events.push({ id: `${idPrefix}tier${v}`, type: 'tier_verified', at: start + 20_000 + v, show, viewerId: id, sessionId: `s${v}`, locale: 'en', props: { tier: roll < 0.1 ? 'gold' : 'silver' } });
    if (random3() < 0.25) {
      const choice = Math.floor(random3() * 3);
      counts[choice]++;
      events.push({ id: `${idPrefix}vote${v}`, type: 'vote_cast', at: start + 18.5 * minute + v, show, viewerId: id, sessionId: `s${v}`, locale: 'en', props: { vote: 'v1', choice } });
    }
    if (random3() < 0.15) events.push({ id: `${idPrefix}topic${v}`, type: 'topic_answer', at: start + 7 * minute + v, show, viewerId: id, sessionId: `s${v}`, locale: 'en', props: { topic: 't1', length: 12 + (v % 30) } });
  }
  const winner = counts.indexOf(Math.max(...counts));
  tl(20, 'tl-vote-close', { kind: 'vote_closed', ref: 'v1', label: 'Which colour next?', option: winner });
  options.forEach((label, option) => tl(20, `tl-vote-close-${option}`, { kind: 'vote_result', ref: 'v1', label, option, votes: counts[option] }));
  // Its replay (docs/replay.md), from an hour after the show: a fifth as many viewers, some of them
  // live viewers back again; watch time and add-to-carts under `<show>:replay` with `replay: true`
  // (a few with the live show id and the flag only: they count for the replay all the same).
  for (let r = 0; r < Math.ceil(viewers / 5); r++) {
    const id = r % 3 ? `r${r}` : `v${r}`;
    const session = `rs${r}`;
    const from = start + 105 * minute + Math.floor(random3() * 30 * minute);
    const replayShow = r % 7 === 3 ? show : `${show}:replay`;
    const push3 = (/** @type {string} */ type, /** @type {number} */ at, /** @type {object} */ props, /** @type {string} */ key) =>
      events.push({ id: `${idPrefix}${key}${r}`, type, at, show: replayShow, viewerId: id, sessionId: session, locale: 'en', replay: true, props });
    push3('session_start', from, {}, 'rss');
    const beats = 1 + Math.floor(random3() * 20);
    for (let b = 1; b <= beats; b++) push3('heartbeat', from + b * 15_000, { seconds: 15 }, `rhb${b}-`);
    if (random3() < 0.2) push3('add_to_cart', from + beats * 15_000, { product: 'scarf', quantity: 1 }, 'rcart');
  }
  return { events, orders };
}
