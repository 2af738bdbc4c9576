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
    // The shows' timelines (docs/replay.md): the document's JSON text as received, one row per send
    // that changed it; the newest (`received`, ms) wins, and a merge keeps only it.
    `CREATE TABLE IF NOT EXISTS timelines (
      show String, received UInt64, digest String, bytes UInt64, doc String CODEC(ZSTD(3)),
      day Date MATERIALIZED toDate(toDateTime(intDiv(received, 1000), 'UTC'))
    ) ENGINE = ReplacingMergeTree(received) ORDER BY show ${ttl}`,
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
  timelines: ['show', 'received', 'digest', 'bytes', 'doc'],
  show_viewers: ['show', 'tl', 'viewer', 'day', 'n', 'lo', 'hi', 'live', 'ended', 'seen', 'sessions', 'watched', 'interacted', 'carted'],
  viewer_minutes: ['show', 'viewer', 'minute', 'day', 'n', 'cover_from', 'cover_to'],
};

/** The report's pre-aggregated tables (collector/src/aggregate.mjs fills them from the inserted events). */
export const AGGREGATE_TABLES = /** @type {const} */ (['show_viewers', 'viewer_minutes']);

/** Per show: what `n` of each aggregate table must sum to (the events, the heartbeats with seconds). */
export const AGGREGATE_COUNTS = `SELECT show, toUInt64(count()) AS show_viewers, toUInt64(countIf(type = 'heartbeat' AND seconds > 0)) AS viewer_minutes
  FROM events GROUP BY show`;

/**
 * The pre-aggregated tables the report reads when the collector is the only writer (docs/collector.md
 * § The report at scale), filled by the collector from the events it inserted, in one insert per table
 * every few seconds (collector/src/aggregate.mjs, which computes what `aggregateSelect` does):
 * - `show_viewers`, one row per (show, viewer): event count and time range, the show's marks, the
 *   viewer's sessions, watch time, interaction and cart flags, first session_start or heartbeat;
 * - `viewer_minutes`, one row per (show, viewer, minute of the clock) they watched.
 * Every column is a SimpleAggregateFunction, so rows of one key merge (in the background, by
 * AggregatingMergeTree) without changing any figure; the queries re-aggregate anyway, so unmerged
 * rows never matter.
 *
 * Watched minutes (docs/metrics.md 5) are counted from the show's start, known only at query time (a
 * late `show_live`, or a late first event, moves it). So a heartbeat's span [at − seconds, at] is cut
 * at the clock's minute boundaries into pieces, and each row of `viewer_minutes` keeps the hull of
 * its pieces: `cover_from` (the earliest left end) and `cover_to` (the latest right end). Inside one
 * clock minute there is at most one boundary of the show's minutes, and each side of it is covered
 * (with positive length) by the pieces exactly when it is by their hull — so the minutes from the
 * hulls equal those from the heartbeats, whatever the start.
 * @param {{ retentionDays: number }} options
 */
export function createAggregates({ retentionDays }) {
  const ttl = retentionDays > 0 ? `TTL day + INTERVAL ${Math.floor(retentionDays)} DAY` : '';
  return [
    `CREATE TABLE IF NOT EXISTS show_viewers (
      show String, tl UInt8, viewer String, day Date,
      n SimpleAggregateFunction(sum, UInt64), lo SimpleAggregateFunction(min, Float64), hi SimpleAggregateFunction(max, Float64),
      live SimpleAggregateFunction(min, Float64), ended SimpleAggregateFunction(max, Float64), seen SimpleAggregateFunction(min, Float64),
      sessions SimpleAggregateFunction(groupUniqArrayArray, Array(String)), watched SimpleAggregateFunction(sum, Float64),
      interacted SimpleAggregateFunction(max, UInt8), carted SimpleAggregateFunction(max, UInt8)
    ) ENGINE = AggregatingMergeTree PARTITION BY day ORDER BY (show, tl, viewer) ${ttl}
    SETTINGS ttl_only_drop_parts = 1`,
    `CREATE TABLE IF NOT EXISTS viewer_minutes (
      show String, viewer String, minute Int64, day Date, n SimpleAggregateFunction(sum, UInt64),
      cover_from SimpleAggregateFunction(min, Float64), cover_to SimpleAggregateFunction(max, Float64)
    ) ENGINE = AggregatingMergeTree PARTITION BY day ORDER BY (show, viewer, minute) ${ttl}
    SETTINGS ttl_only_drop_parts = 1`,
    // Before, materialized views on `events` filled them at every insert: gone (collector/src/aggregate.mjs).
    'DROP VIEW IF EXISTS show_viewers_mv',
    'DROP VIEW IF EXISTS viewer_minutes_mv',
  ];
}

/**
 * The rows of an aggregate table for the events of `source`: the definition collector/src/aggregate.mjs
 * follows, and the rebuild of a show whose rows disagree with its events (or of a data folder
 * written before the tables existed). `n`: events (show_viewers), heartbeats with seconds
 * (viewer_minutes), so a count tells whether a table holds every event (collector/src/store.mjs,
 * ensureAggregates). `seen`: a session_start or heartbeat (the return rate); `watched`: heartbeat
 * seconds (docs/metrics.md 4). The pieces of a heartbeat's span: one per clock minute it touches,
 * tried from a minute before to a minute after (so a float end never loses a sliver), the empty ones
 * dropped (a heartbeat with none still gets a row, with an empty hull, for its count).
 * @param {'show_viewers' | 'viewer_minutes'} table
 * @param {string} source  a table, or a subquery in parentheses
 */
export function aggregateSelect(table, source) {
  if (table === 'show_viewers') {
    return `SELECT show, type = 'timeline' AS tl, viewer, ${DAY} AS day,
        count() AS n, min(at) AS lo, max(at) AS hi,
        min(if(tl AND kind = 'show_live', at, inf)) AS live, max(if(tl AND kind = 'show_ended', at, -inf)) AS ended,
        min(if(type IN ('session_start', 'heartbeat'), at, inf)) AS seen,
        groupUniqArray(session) AS sessions, sumIf(seconds, type = 'heartbeat' AND seconds > 0) AS watched,
        max(type IN ${interactionList}) AS interacted, max(type = 'add_to_cart') AS carted
      FROM ${source} GROUP BY show, tl, viewer, day`;
  }
  return `SELECT show, viewer, piece.1 AS minute, ${DAY} AS day, toUInt64(countIf(i = 1)) AS n,
      min(piece.2) AS cover_from, max(piece.3) AS cover_to
    FROM (
      SELECT show, viewer, at, at - seconds * 1000 AS from_at,
        arrayFilter(p -> p.3 > p.2,
          arrayMap(b -> (b, greatest(from_at, toFloat64(b * 60000)), least(at, toFloat64((b + 1) * 60000))),
            range(toInt64(floor(from_at / 60000)) - 1, toInt64(ceil(at / 60000)) + 1))) AS covered,
        if(empty(covered), [(toInt64(floor(at / 60000)), inf, -inf)], covered) AS pieces
      FROM ${source} WHERE type = 'heartbeat' AND seconds > 0
    ) ARRAY JOIN pieces AS piece, arrayEnumerate(pieces) AS i
    GROUP BY show, viewer, minute, day`;
}

/**
 * The report's queries for one show (`{show:String}` bound). `from` is `events` or `events FINAL`
 * (see docs/collector.md, "Exactly once"). With `aggregated`, the show's figures come from
 * `show_viewers` and `viewer_minutes` (same results, a fraction of the rows); the timeline and the orders are read
 * from their tables either way (a show has few of each).
 * @param {string} from
 * @param {string} ordersFrom
 * @param {{ aggregated?: boolean }} [options]
 */
export function reportQueries(from, ordersFrom, { aggregated = false } = {}) {
  const live = "type = 'timeline' AND kind = 'show_live'";
  const ended = "type = 'timeline' AND kind = 'show_ended'";
  // docs/metrics.md 5: a span [a, b] (a heartbeat's [at − seconds, at], or a row's hull) clipped to
  // the start covers the minutes floor((max(a, s) − s) / 1 min) … ceil((b − s) / 1 min) − 1.
  const minutes = (/** @type {string} */ a, /** @type {string} */ b) =>
    `if(${b} > greatest(${a}, s), range(toUInt32(floor((greatest(${a}, s) - s) / 60000)), toUInt32(least(ceil((${b} - s) / 60000) - 1, 1048575)) + 1), [])`;
  // One row per viewer: watch time, interactions, carts, watched minutes.
  // A span's first and last minute (the hull of a row of viewer_minutes lies inside one clock minute,
  // so it covers those two at most). if() before toUInt32: the ±inf of an empty row is never converted.
  const first = (/** @type {string} */ a, /** @type {string} */ b) => `toUInt32(if(${b} > greatest(${a}, s), floor((greatest(${a}, s) - s) / 60000), 0))`;
  const last = (/** @type {string} */ a, /** @type {string} */ b) => `toUInt32(if(${b} > greatest(${a}, s), least(ceil((${b} - s) / 60000) - 1, 1048575), 0))`;
  const perViewer = aggregated
    ? `SELECT viewer, watched, interacted, carted, ms
        FROM (SELECT viewer, sum(watched) AS watched, max(interacted) AS interacted, max(carted) AS carted
              FROM show_viewers WHERE show = {show:String} AND tl = 0 GROUP BY viewer) AS v
        LEFT JOIN (SELECT viewer, arrayDistinct(arrayConcat(groupArrayIf(${first('cover_from', 'cover_to')}, covers), groupArrayIf(${last('cover_from', 'cover_to')}, covers))) AS ms
                   FROM (SELECT viewer, cover_from, cover_to, cover_to > greatest(cover_from, s) AS covers
                         FROM viewer_minutes WHERE show = {show:String})
                   GROUP BY viewer) AS w USING viewer`
    : `SELECT viewer,
          sumIf(seconds, watching) AS watched,
          max(type IN ${interactionList}) AS interacted,
          max(type = 'add_to_cart') AS carted,
          arrayDistinct(groupArrayArray(if(watching, ${minutes('at - seconds * 1000', 'at')}, []))) AS ms
        FROM (SELECT viewer, session, type, at, seconds, type = 'heartbeat' AND seconds > 0 AS watching
              FROM ${from} WHERE show = {show:String} AND type != 'timeline')
        GROUP BY viewer`;
  // The counts of one kind (below) as an array over the show's minutes, 0 where none.
  const dense = (/** @type {number} */ kind) =>
    `arrayMap(x -> toUInt32(if(indexOf(groupArrayIf(mi, kind = ${kind}), x) > 0, groupArrayIf(cnt, kind = ${kind})[indexOf(groupArrayIf(mi, kind = ${kind}), x)], 0)), range(minutes))`;
  const sessionCount = aggregated
    ? `SELECT uniqExactArray(sessions) FROM show_viewers WHERE show = {show:String} AND tl = 0`
    : `SELECT uniqExact(session) FROM ${from} WHERE show = {show:String} AND type != 'timeline'`;
  const returning = aggregated
    ? `SELECT viewer FROM show_viewers WHERE show != {show:String} AND seen < s`
    : `SELECT viewer FROM ${from} WHERE show != {show:String} AND type IN ('session_start', 'heartbeat') AND at < s`;
  return {
    // docs/metrics.md 2: the show's bounds.
    bounds: aggregated
      ? `SELECT toUInt32(sum(n)) AS n, min(live) AS first_live, max(ended) AS last_ended,
          if(n > 0 AND isFinite(first_live), first_live, if(n > 0, min(lo), 0)) AS start_at,
          if(n > 0 AND isFinite(last_ended), last_ended, if(n > 0, max(hi), start_at)) AS end_at
        FROM show_viewers WHERE show = {show:String}`
      : `SELECT toUInt32(count()) AS n,
        if(countIf(${live}) > 0, minIf(at, ${live}), if(count() > 0, min(at), 0)) AS start_at,
        if(countIf(${ended}) > 0, maxIf(at, ${ended}), if(count() > 0, max(at), start_at)) AS end_at
      FROM ${from} WHERE show = {show:String}`,
    // Everything per viewer in one pass (3–9): viewers, sessions, watch time, interactions, carts,
    // watched minutes; then the curve, the drops, returns and buyers from that.
    viewers: `WITH
        {start:Float64} AS s,
        greatest(0, toInt64(ceil(({end:Float64} - s) / 60000)) - 1) AS initial_max
      SELECT
        toUInt32(sumIf(cnt, kind = 4)) AS viewers,
        toUInt32((${sessionCount})) AS session_count,
        sumIf(wsum, kind = 4) AS watch_seconds,
        toUInt32(sumIf(inter, kind = 4)) AS interacting,
        toUInt32(sumIf(cart, kind = 4)) AS carted_count,
        toUInt32(sumIf(ret, kind = 4)) AS returning,
        toUInt32(sumIf(buy, kind = 4)) AS ordered,
        if(viewers > 0, toUInt32(greatest(initial_max, maxIf(mi, kind = 0)) + 1), 0) AS minutes,
        -- Per minute m: viewers active (kind 0), active at m and again at m + window (1, the perk
        -- effects, docs/collector.md § The report), arrived at m (2), last active at m - 1 (3).
        ${dense(0)} AS active,
        arrayCumSum(${dense(2)}) AS arrived,
        ${dense(3)} AS left,
        arrayMap((a, r) -> if(r > 0, a / r, 0), active, arrived) AS retention,
        ${dense(1)} AS kept,
        arraySlice(arraySort(d -> (-d.3, -d.2, d.1),
          arrayFilter(d -> d.2 > 0 AND active[d.1] > 0,
            arrayMap(m -> (m, left[m + 1], if(active[m] > 0, left[m + 1] / active[m], 0)), range(1, greatest(minutes, 1))))), 1, {drops:UInt32}) AS drops
      FROM (
        -- One row per (kind, minute), counted over rows that are one per viewer (kind 4, carrying the
        -- viewer's figures) and one per watched minute, kept minute, first and last minute: a GROUP BY
        -- on two small numbers, much cheaper than summing maps.
        SELECT code.1 AS kind, code.2 AS mi, count() AS cnt, sum(watched) AS wsum,
          countIf(interacted) AS inter, countIf(carted) AS cart, countIf(returned) AS ret, countIf(bought) AS buy
        FROM (
          SELECT watched, interacted, carted,
            viewer IN (${returning}) AS returned,
            viewer IN (SELECT viewer FROM ${ordersFrom} WHERE show = {show:String} AND viewer != '') AS bought,
            arrayMap(x -> toUInt32(x - {window:UInt32}), arrayIntersect(arrayMap(x -> toUInt32(x + {window:UInt32}), ms), ms)) AS kept_ms,
            arrayConcat([(toUInt8(4), toUInt32(0))], arrayMap(x -> (toUInt8(0), x), ms), arrayMap(x -> (toUInt8(1), x), kept_ms),
              if(notEmpty(ms), [(toUInt8(2), arrayMin(ms)), (toUInt8(3), arrayMax(ms) + 1)], [])) AS codes
          FROM (${perViewer})
        ) ARRAY JOIN codes AS code
        GROUP BY kind, mi
      )`,
    // The marks (a vote's per-option results are data, not marks: read by `votes`).
    timeline: `SELECT at, (at - {start:Float64}) / 60000 AS minute, kind, ref, label FROM ${from}
      WHERE show = {show:String} AND type = 'timeline' AND kind != 'vote_result' ORDER BY at, id`,
    // docs/metrics.md 12: the closes and per-option results of the show's votes (`num`: the option,
    // `seconds`: its votes, collector/src/schema.mjs); src/analytics/metrics.ts voteResults assembles them.
    votes: `SELECT at, kind, ref, label, num AS option, toUInt64(seconds) AS votes FROM ${from}
      WHERE show = {show:String} AND type = 'timeline' AND kind IN ('vote_closed', 'vote_result') ORDER BY at, id`,
    // docs/metrics.md 13: add-to-carts live ({show}), and the replay's ({replay}: `<show>:replay`)
    // viewers, sessions, watch time and add-to-carts, one row per side.
    watch: `SELECT show = {show:String} AS is_live, toUInt32(uniqExact(viewer)) AS viewers, toUInt32(uniqExact(session)) AS sessions,
        sumIf(seconds, type = 'heartbeat' AND seconds > 0) AS watch_seconds,
        toUInt32(countIf(type = 'add_to_cart')) AS add_to_carts, toUInt32(uniqExactIf(viewer, type = 'add_to_cart')) AS carted
      FROM ${from} WHERE show IN ({show:String}, {replay:String}) AND type != 'timeline' GROUP BY is_live`,
    // docs/metrics.md 11: per tier (each viewer's latest tier_verified of the show, '' without one),
    // viewers, those who interacted, those who returned. Read from the events in either mode: a
    // show has one tier row per viewer at most.
    tiers: `WITH {start:Float64} AS s
      SELECT tier, toUInt32(count()) AS viewers, toUInt32(countIf(interacted)) AS interacting, toUInt32(countIf(returned)) AS returning
      FROM (
        SELECT viewer, argMaxIf(ref, (at, id), type = 'tier_verified') AS tier, max(type IN ${interactionList}) AS interacted,
          viewer IN (SELECT viewer FROM ${from} WHERE show != {show:String} AND type IN ('session_start', 'heartbeat') AND at < s) AS returned
        FROM ${from} WHERE show = {show:String} AND type != 'timeline'
        GROUP BY viewer
      )
      GROUP BY tier`,
    // Orders attributed to the show: totals per currency, buyers among the show's viewers, by minute.
    orders: `SELECT currency, toUInt32(count()) AS orders, toFloat64(sum(value)) AS minor FROM ${ordersFrom}
      WHERE show = {show:String} GROUP BY currency ORDER BY currency`,
    ordersByMinute: `SELECT toInt32(floor((at - {start:Float64}) / 60000)) AS minute, currency, toUInt32(count()) AS orders,
        toFloat64(sum(value)) AS minor FROM ${ordersFrom}
      WHERE show = {show:String} GROUP BY minute, currency ORDER BY minute, currency`,
    shows: aggregated
      ? `SELECT show, toUInt32(sum(n)) AS events, min(lo) AS first, max(hi) AS last FROM show_viewers GROUP BY show ORDER BY last`
      : `SELECT show, toUInt32(count()) AS events, min(at) AS first, max(at) AS last FROM ${from} GROUP BY show ORDER BY last`,
  };
}
