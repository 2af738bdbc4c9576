// A show's report from SQL (collector/src/sql.mjs): the same shape as `computeMetrics` (src/analytics/
// metrics.ts, `ShowMetrics`) under `metrics`, plus what the show sold under `commerce`.

export const REPORT_FORMAT = 'linger-report/1';

/**
 * @param {{ engine: import('./store.mjs').Engine, queries: ReturnType<typeof import('./sql.mjs').reportQueries> }} store
 * @param {string} show
 * @param {{ drops?: number }} [options]
 */
export async function showReport({ engine, queries }, show, { drops = 3 } = {}) {
  const [bounds] = await engine.rows(queries.bounds, { show });
  const start = Number(bounds.start_at);
  const end = Number(bounds.end_at);
  const [v] = await engine.rows(queries.viewers, { show, start, end, drops });
  const viewers = Number(v.viewers);
  const timeline = (await engine.rows(queries.timeline, { show, start })).map((row) => {
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
  const orders = await engine.rows(queries.orders, { show });
  const byMinute = await engine.rows(queries.ordersByMinute, { show, start });
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
    },
    commerce: {
      orders: orders.reduce((n, row) => n + row.orders, 0),
      revenue: orders.map((row) => ({ currency: row.currency, minor: row.minor, orders: row.orders })),
      funnel: { viewers, interacted: v.interacting, addedToCart: v.carted_count, ordered: v.ordered },
      byMinute: byMinute.map((row) => ({ minute: row.minute, currency: row.currency, orders: row.orders, minor: row.minor })),
    },
  };
}
