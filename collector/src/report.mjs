// A show's report from SQL (collector/src/sql.mjs): the same shape as `computeMetrics` (src/analytics/
// metrics.ts, `ShowMetrics`) under `metrics`, plus what the show sold under `commerce`.

export const REPORT_FORMAT = 'linger-report/1';

/**
 * @param {{ engine: import('./store.mjs').Engine, queries: ReturnType<typeof import('./sql.mjs').reportQueries> }} store
 * @param {string} show
 * @param {{ drops?: number, window?: number }} [options]  `window`: minutes after a perk to measure (default 5)
 */
export async function showReport({ engine, queries }, show, { drops = 3, window = 5 } = {}) {
  const [bounds] = await engine.rows(queries.bounds, { show });
  const start = Number(bounds.start_at);
  const end = Number(bounds.end_at);
  // The queries after the bounds are independent: ClickHouse runs them side by side.
  const replayShow = show.endsWith(':replay') ? '' : `${show}:replay`;
  const [[v], marks, tierRows, voteRows, sides, orders, byMinute] = await Promise.all([
    engine.rows(queries.viewers, { show, start, end, drops, window }),
    engine.rows(queries.timeline, { show, start }),
    engine.rows(queries.tiers, { show, start }),
    engine.rows(queries.votes, { show }),
    // Live and replay side by side: the live side's viewers and watch time are the figures above.
    engine.rows(queries.watch, { show, replay: replayShow }),
    engine.rows(queries.orders, { show }),
    engine.rows(queries.ordersByMinute, { show, start }),
  ]);
  const viewers = Number(v.viewers);
  const timeline = marks.map((row) => {
    /** @type {{at: number, minute: number, kind: string, ref?: string, label?: string}} */
    const mark = { at: row.at, minute: row.minute, kind: row.kind };
    if (row.ref) mark.ref = row.ref;
    if (row.label) mark.label = row.label;
    return mark;
  });
  // `around`: the marks from two minutes before the drop minute to its end (docs/metrics.md 7).
  const dropList = v.drops.map((/** @type {[number, number, number]} */ [minute, left, share]) => ({
    minute,
    left,
    share,
    around: timeline.filter((mark) => mark.minute >= minute - 2 && mark.minute < minute + 1),
  }));
  const tiers = tierFigures(tierRows);
  const votes = voteResults(
    voteRows.map((row) => ({
      at: row.at,
      props: { kind: row.kind, ...(row.ref ? { ref: row.ref } : {}), ...(row.label ? { label: row.label } : {}), option: Number(row.option), votes: Number(row.votes) },
    })),
    start,
  );
  const side = (/** @type {boolean} */ live) => sides.find((row) => Boolean(Number(row.is_live)) === live);
  const liveRow = side(true);
  const replayRow = replayShow ? side(false) : undefined;
  const totalOrders = orders.reduce((n, row) => n + row.orders, 0);
  return {
    format: REPORT_FORMAT,
    metrics: {
      show,
      start,
      end,
      viewers,
      sessions: v.session_count,
      watchSeconds: v.watch_seconds,
      // The ratios are divisions of the SQL counts (docs/metrics.md 4, 8, 9, 10).
      avgWatchPerViewer: viewers ? v.watch_seconds / viewers : 0,
      avgWatchPerSession: v.session_count ? v.watch_seconds / v.session_count : 0,
      interacting: v.interacting,
      interactionRate: viewers ? v.interacting / viewers : 0,
      returning: v.returning,
      returnRate: viewers ? v.returning / viewers : 0,
      peakConcurrent: v.active.reduce((/** @type {number} */ a, /** @type {number} */ b) => Math.max(a, b), 0),
      curve: { active: v.active, arrived: v.arrived, retention: v.retention, left: v.left },
      timeline,
      drops: dropList,
      tiers,
      votes,
      live: watchFigures(viewers, v.session_count, v.watch_seconds, Number(liveRow?.add_to_carts ?? 0), Number(liveRow?.carted ?? 0)),
      replay: replayRow
        ? watchFigures(Number(replayRow.viewers), Number(replayRow.sessions), Number(replayRow.watch_seconds), Number(replayRow.add_to_carts), Number(replayRow.carted))
        : watchFigures(0, 0, 0, 0, 0),
    },
    commerce: {
      orders: totalOrders,
      revenue: orders.map((row) => ({ currency: row.currency, minor: row.minor, orders: row.orders })),
      funnel: { viewers, interacted: v.interacting, addedToCart: v.carted_count, ordered: v.ordered },
      byMinute: byMinute.map((row) => ({ minute: row.minute, currency: row.currency, orders: row.orders, minor: row.minor })),
      perks: perkEffects(timeline, v.active, v.kept, byMinute, totalOrders, window),
    },
  };
}

/**
 * Each dropped perk against the show's baseline, from the SQL counts: orders (and revenue per
 * currency) in the `window` minutes from the perk's minute, against the show's orders per `window`
 * minutes; and of the viewers active in the perk's minute, the share still active `window` minutes
 * later, against that share over every minute of the show (docs/collector.md § The report).
 * @param {Array<{at: number, minute: number, kind: string, ref?: string, label?: string}>} timeline
 * @param {number[]} active  viewers active per minute
 * @param {number[]} kept    viewers active at minute m and at m + window
 * @param {Array<{minute: number, currency: string, orders: number, minor: number}>} byMinute
 * @param {number} totalOrders
 * @param {number} window
 */
export function perkEffects(timeline, active, kept, byMinute, totalOrders, window) {
  const minutes = active.length;
  let keptAll = 0;
  let activeAll = 0;
  for (let m = 0; m + window < minutes; m++) {
    keptAll += kept[m] ?? 0;
    activeAll += active[m] ?? 0;
  }
  const baselineRetention = activeAll ? keptAll / activeAll : null;
  const baselineOrders = minutes ? (totalOrders * Math.min(window, minutes)) / minutes : 0;
  return timeline
    .filter((mark) => mark.kind === 'perk_dropped')
    .map((mark) => {
      const from = Math.max(0, Math.floor(mark.minute));
      /** @type {Map<string, number>} */
      const revenue = new Map();
      let ordersAfter = 0;
      for (const row of byMinute) {
        if (row.minute < from || row.minute >= from + window) continue;
        ordersAfter += row.orders;
        revenue.set(row.currency, (revenue.get(row.currency) ?? 0) + row.minor);
      }
      const viewers = active[from] ?? 0;
      // Measurable only when the window ends inside the show.
      const measured = from + window < minutes && viewers > 0;
      return {
        at: mark.at,
        minute: mark.minute,
        ...(mark.label ? { label: mark.label } : {}),
        ...(mark.ref ? { ref: mark.ref } : {}),
        window,
        orders: ordersAfter,
        revenue: [...revenue].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, minor]) => ({ currency, minor })),
        baselineOrders,
        viewers,
        retained: measured ? (kept[from] ?? 0) : null,
        retention: measured ? (kept[from] ?? 0) / viewers : null,
        baselineRetention,
      };
    });
}

/**
 * Rates per tier from the SQL counts, ordered by tier name: what src/analytics/metrics.ts tierFigures
 * does (the collector runs without the TypeScript sources; test/collector/metrics-equal.node.test.mjs
 * keeps the two equal).
 * @param {Array<{tier: string, viewers: number, interacting: number, returning: number}>} rows
 */
export function tierFigures(rows) {
  return rows
    .map(({ tier, viewers, interacting, returning }) => ({
      tier,
      viewers,
      interacting,
      interactionRate: viewers > 0 ? Math.min(1, interacting / viewers) : 0,
      returning,
      returnRate: viewers ? returning / viewers : 0,
    }))
    .sort((a, b) => (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0));
}

/**
 * Closed votes from their `vote_closed` and `vote_result` rows: src/analytics/metrics.ts voteResults.
 * @param {Array<{at: number, props: {kind: string, ref?: string, label?: string, option?: number, votes?: number}}>} events
 * @param {number} start
 */
export function voteResults(events, start) {
  /** @type {Map<string, {at: number, question?: string, winner?: number, options: Map<number, {label?: string, votes: number}>}>} */
  const votes = new Map();
  for (const { at, props } of events) {
    if (!props.ref) continue;
    let vote = votes.get(props.ref);
    if (!vote) votes.set(props.ref, (vote = { at, options: new Map() }));
    if (props.kind === 'vote_closed') {
      vote.at = at;
      if (props.label) vote.question = props.label;
      if (props.option !== undefined) vote.winner = props.option;
    } else if (props.kind === 'vote_result' && Number.isSafeInteger(props.option) && /** @type {number} */ (props.option) >= 0 && /** @type {number} */ (props.option) < 6) {
      vote.options.set(/** @type {number} */ (props.option), { ...(props.label ? { label: props.label } : {}), votes: Math.max(0, Number(props.votes) || 0) });
    }
  }
  return [...votes]
    .map(([id, vote]) => {
      const last = Math.max(-1, ...vote.options.keys());
      const options = Array.from({ length: last + 1 }, (_, i) => vote.options.get(i) ?? { votes: 0 });
      const total = options.reduce((n, o) => n + o.votes, 0);
      /** @type {{vote: string, at: number, minute: number, question?: string, options: Array<{label?: string, votes: number}>, total: number, winner?: number}} */
      const out = { vote: id, at: vote.at, minute: (vote.at - start) / 60_000, options, total };
      if (vote.question) out.question = vote.question;
      if (total > 0 && vote.winner !== undefined && vote.winner <= last) out.winner = vote.winner;
      return out;
    })
    .sort((a, b) => a.at - b.at || (a.vote < b.vote ? -1 : a.vote > b.vote ? 1 : 0));
}

/** One side's figures (src/analytics/metrics.ts WatchFigures). */
function watchFigures(/** @type {number} */ viewers, /** @type {number} */ sessions, /** @type {number} */ watchSeconds, /** @type {number} */ addToCarts, /** @type {number} */ carted) {
  return { viewers, sessions, watchSeconds, avgWatchPerViewer: viewers ? watchSeconds / viewers : 0, addToCarts, carted };
}
