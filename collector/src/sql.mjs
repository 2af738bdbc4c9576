// The collector's ClickHouse SQL: the tables and the report's queries. The same text runs in chDB
// (embedded) and on a ClickHouse server or cluster (CLICKHOUSE_URL). The metric definitions are those
// of src/analytics/metrics.ts (docs/metrics.md); test/collector/metrics-equal.node.test.mjs computes
// both on the same events and requires equal results.
import { INTERACTION_TYPES } from './schema.mjs';

/** A ClickHouse string literal (only for constants and id lists; values from requests are bound). */
export function sqlString(/** @type {string} */ value) {
  // Backslash and quote escaped; everything else (newlines, NUL, any Unicode) is literal inside quotes.
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const interactionList = `(${INTERACTION_TYPES.map(sqlString).join(', ')})`;
const DAY = "toDate(toDateTime(intDiv(toInt64(at), 1000), 'UTC'))";

/**
 * The tables. `events`: one row per event id; `orders`: one row per order id. Both ReplacingMergeTree
 * keyed by their id (within a show), partitioned by day, with an optional TTL (retention).
 * @param {{ retentionDays: number }} options
 */
export function createTables({ retentionDays }) {
  const ttl = retentionDays > 0 ? `TTL day + INTERVAL ${Math.floor(retentionDays)} DAY` : '';
  return [
    `CREATE TABLE IF NOT EXISTS events (
      id String, show String, type LowCardinality(String), at Float64, viewer String, session String,
      locale LowCardinality(String), seconds Float64, ref String, num Int64, kind LowCardinality(String), label String,
      day Date MATERIALIZED ${DAY}
    ) ENGINE = ReplacingMergeTree PARTITION BY day ORDER BY (show, id) ${ttl}
    SETTINGS ttl_only_drop_parts = 1`,
    `CREATE TABLE IF NOT EXISTS orders (
      id String, show String, viewer String, at Float64, value Int64, currency LowCardinality(String), customer String,
      day Date MATERIALIZED ${DAY}
    ) ENGINE = ReplacingMergeTree PARTITION BY day ORDER BY (show, id) ${ttl}
    SETTINGS ttl_only_drop_parts = 1`,
  ];
}

/** Brings an existing table's TTL to the configured retention (0 = keep forever). */
export function alterRetention(/** @type {string} */ table, /** @type {number} */ retentionDays) {
  return retentionDays > 0 ? `ALTER TABLE ${table} MODIFY TTL day + INTERVAL ${Math.floor(retentionDays)} DAY` : `ALTER TABLE ${table} REMOVE TTL`;
}

/**
 * Ids already stored, among the given ones (the dedup check before an insert). Bound as arrays:
 * ClickHouse parses a bound array far faster than a long literal list.
 * @param {'events' | 'orders'} table
 * @param {boolean} byShow  narrow by `{shows:Array(String)}` (the primary key's first column)
 */
export function existingIds(table, byShow) {
  return `SELECT id FROM ${table} WHERE ${byShow ? 'show IN {shows:Array(String)} AND ' : ''}id IN {ids:Array(String)}`;
}

/** The columns of each table, in insert order (rows go in as JSONCompactEachRow). */
export const COLUMNS = {
  events: ['id', 'show', 'type', 'at', 'viewer', 'session', 'locale', 'seconds', 'ref', 'num', 'kind', 'label'],
  orders: ['id', 'show', 'viewer', 'at', 'value', 'currency', 'customer'],
};

/**
 * The report's queries for one show (`{show:String}` bound). `from` is `events` or `events FINAL`
 * (see docs/collector.md, "Exactly once").
 * @param {string} from
 * @param {string} ordersFrom
 */
export function reportQueries(from, ordersFrom) {
  const live = "type = 'timeline' AND kind = 'show_live'";
  const ended = "type = 'timeline' AND kind = 'show_ended'";
  return {
    // docs/metrics.md 2: the show's bounds.
    bounds: `SELECT toUInt32(count()) AS n,
        if(countIf(${live}) > 0, minIf(at, ${live}), if(count() > 0, min(at), 0)) AS start_at,
        if(countIf(${ended}) > 0, maxIf(at, ${ended}), if(count() > 0, max(at), start_at)) AS end_at
      FROM ${from} WHERE show = {show:String}`,
    // Everything per viewer in one pass over the show's events (3–9): viewers, sessions, watch time,
    // interactions, carts, watched minutes; then the curve, the drops, returns and buyers from that.
    // The strings (viewer, session) are hashed once per row here, not once per figure.
    viewers: `WITH
        {start:Float64} AS s,
        greatest(0, toInt64(ceil(({end:Float64} - s) / 60000)) - 1) AS initial_max
      SELECT
        toUInt32(count()) AS viewers,
        toUInt32(uniqExactArray(sessions)) AS session_count,
        sum(watched) AS watch_seconds,
        toUInt32(countIf(interacted)) AS interacting,
        toUInt32(countIf(carted)) AS carted_count,
        toUInt32(countIf(viewer IN (SELECT viewer FROM ${from} WHERE show != {show:String} AND type IN ('session_start', 'heartbeat') AND at < s))) AS returning,
        toUInt32(countIf(viewer IN (SELECT viewer FROM ${ordersFrom} WHERE show = {show:String} AND viewer != ''))) AS ordered,
        if(viewers > 0, toUInt32(greatest(initial_max, maxIf(arrayMax(ms), notEmpty(ms))) + 1), 0) AS minutes,
        sumMap(ms, arrayMap(x -> toUInt32(1), ms)) AS act,
        sumMapIf([arrayMin(ms)], [toUInt32(1)], notEmpty(ms)) AS arr,
        sumMapIf([arrayMax(ms) + 1], [toUInt32(1)], notEmpty(ms)) AS lft,
        arrayMap(m -> toUInt32(if(indexOf(act.1, m) > 0, act.2[indexOf(act.1, m)], 0)), range(minutes)) AS active,
        arrayCumSum(arrayMap(m -> toUInt32(if(indexOf(arr.1, m) > 0, arr.2[indexOf(arr.1, m)], 0)), range(minutes))) AS arrived,
        arrayMap(m -> toUInt32(if(indexOf(lft.1, m) > 0, lft.2[indexOf(lft.1, m)], 0)), range(minutes)) AS left,
        arrayMap((a, r) -> if(r > 0, a / r, 0), active, arrived) AS retention,
        -- Perk effects (docs/collector.md § The report): viewers active at minute m and again at m + window.
        sumMap(kept_ms, arrayMap(x -> toUInt32(1), kept_ms)) AS kpt,
        arrayMap(m -> toUInt32(if(indexOf(kpt.1, m) > 0, kpt.2[indexOf(kpt.1, m)], 0)), range(minutes)) AS kept,
        arraySlice(arraySort(d -> (-d.3, -d.2, d.1),
          arrayFilter(d -> d.2 > 0 AND active[d.1] > 0,
            arrayMap(m -> (m, left[m + 1], if(active[m] > 0, left[m + 1] / active[m], 0)), range(1, greatest(minutes, 1))))), 1, {drops:UInt32}) AS drops
      FROM (
        SELECT viewer,
          groupUniqArray(session) AS sessions,
          sumIf(seconds, watching) AS watched,
          max(type IN ${interactionList}) AS interacted,
          max(type = 'add_to_cart') AS carted,
          -- docs/metrics.md 5: a heartbeat covers [at − seconds, at], clipped to the start.
          arrayDistinct(groupArrayArray(range(if(covers, toUInt32(floor((greatest(at - seconds * 1000, s) - s) / 60000)), 0),
                                              if(covers, toUInt32(least(ceil((at - s) / 60000) - 1, 1048575)) + 1, 0)))) AS ms,
          arrayMap(x -> toUInt32(x - {window:UInt32}), arrayIntersect(arrayMap(m -> toUInt32(m + {window:UInt32}), ms), ms)) AS kept_ms
        FROM (SELECT viewer, session, type, at, seconds, type = 'heartbeat' AND seconds > 0 AS watching,
                     watching AND at > greatest(at - seconds * 1000, s) AS covers
              FROM ${from} WHERE show = {show:String} AND type != 'timeline')
        GROUP BY viewer
      )`,
    timeline: `SELECT at, (at - {start:Float64}) / 60000 AS minute, kind, ref, label FROM ${from}
      WHERE show = {show:String} AND type = 'timeline' ORDER BY at, id`,
    // Orders attributed to the show: totals per currency, buyers among the show's viewers, by minute.
    orders: `SELECT currency, toUInt32(count()) AS orders, toFloat64(sum(value)) AS minor FROM ${ordersFrom}
      WHERE show = {show:String} GROUP BY currency ORDER BY currency`,
    ordersByMinute: `SELECT toInt32(floor((at - {start:Float64}) / 60000)) AS minute, currency, toUInt32(count()) AS orders,
        toFloat64(sum(value)) AS minor FROM ${ordersFrom}
      WHERE show = {show:String} GROUP BY minute, currency ORDER BY minute, currency`,
    shows: `SELECT show, toUInt32(count()) AS events, min(at) AS first, max(at) AS last FROM ${from} GROUP BY show ORDER BY last`,
  };
}
