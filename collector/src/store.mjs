// Storage: ClickHouse, in-process with chDB (default; a local data folder) or a server/cluster through
// @clickhouse/client (CLICKHOUSE_URL). Both run the same SQL (collector/src/sql.mjs).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AGGREGATE_COUNTS, AGGREGATE_TABLES, aggregateSelect, alterRetention, COLUMNS, createAggregates, createTables, existingIds, reportQueries, sqlString } from './sql.mjs';

/** The embedded engine's data folder unless told otherwise: `collector/.data` (git-ignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * @typedef {object} Engine
 * @property {string} kind
 * @property {(sql: string) => Promise<void>} exec
 * @property {(sql: string, params?: Record<string, unknown>) => Promise<any[]>} rows
 * @property {(table: 'events' | 'orders' | 'show_viewers' | 'viewer_minutes' | 'timelines', rows: any[]) => Promise<void>} insert
 * @property {() => Promise<void>} close
 */

/**
 * A row object as the array of its table's columns: a function per table with named property reads
 * (`[r.id, r.show, …]`), faster than reading the columns by a variable name.
 * @type {Record<string, (row: any) => unknown[]>}
 */
const TO_ARRAY = Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, /** @type {(row: any) => unknown[]} */ (new Function('r', `return [${columns.map((c) => `r.${c}`).join(', ')}];`))]));

/**
 * chDB in this process. chDB allows one data directory per process.
 * @param {string} path
 * @returns {Promise<Engine>}
 */
export async function chdbEngine(path) {
  mkdirSync(path, { recursive: true });
  const { Session } = await import('chdb');
  const session = new Session(path);
  const parse = (/** @type {string} */ text) => (text ? text.split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);
  return {
    kind: 'chdb',
    async exec(sql) {
      await session.queryAsync(sql, { format: 'TabSeparated' });
    },
    async rows(sql, params) {
      const result = params && Object.keys(params).length ? await session.queryBindAsync(sql, params, { format: 'JSONEachRow' }) : await session.queryAsync(sql, { format: 'JSONEachRow' });
      return parse(result.text());
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const columns = COLUMNS[table];
      // One native JSON.stringify of every row's array, 3–5× faster than building each line in JS
      // (the main thread's largest cost per event); JSONCompactEachRow takes rows separated by commas.
      const body = JSON.stringify(rows.map(/** @type {(row: any) => unknown[]} */ (TO_ARRAY[table]))).slice(1, -1);
      // async_insert is on by default in chDB: off, so a returned insert is a written part.
      // optimize_on_insert off: one writer that checks ids sends no duplicate to fold (~8 % less CPU).
      await session.insert({ table, values: Buffer.from(body), format: 'JSONCompactEachRow', columns, settings: { async_insert: 0, optimize_on_insert: 0 } });
    },
    async close() {
      session.close();
    },
  };
}

/**
 * A ClickHouse server or cluster through @clickhouse/client (HTTP interface).
 * @param {string} url  e.g. `http://user:pass@clickhouse:8123/linger`
 * @returns {Promise<Engine>}
 */
export async function clickhouseEngine(url) {
  const { createClient } = await import('@clickhouse/client');
  const client = createClient({ url, request_timeout: 60_000, clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  return {
    kind: 'clickhouse',
    async exec(sql) {
      await client.command({ query: sql });
    },
    async rows(sql, params) {
      const result = await client.query({ query: sql, format: 'JSONEachRow', ...(params ? { query_params: params } : {}) });
      return /** @type {any[]} */ (await result.json());
    },
    async insert(table, rows) {
      if (!rows.length) return;
      const columns = COLUMNS[table];
      await client.insert({ table, values: rows.map((row) => columns.map((column) => row[column])), format: 'JSONCompactEachRow', columns, clickhouse_settings: { async_insert: 0 } });
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * The report's pre-aggregated tables (collector/src/sql.mjs, createAggregates), and (`check`) their
 * agreement with `events`. The collector writes their rows every few seconds from the events it
 * inserted (collector/src/aggregate.mjs), not atomically with them: a process killed in between
 * leaves events stored without their aggregate rows. So at start, before any insert, each show's
 * event and heartbeat counts are compared with the tables' `n`, and a show that differs (or a data
 * folder from before the tables) has its aggregate rows rebuilt from its events by SQL.
 * @param {Engine} engine
 * @param {number} retentionDays
 * @param {{ check?: boolean }} [options]
 * @returns {Promise<string[]>} the shows rebuilt
 */
export async function ensureAggregates(engine, retentionDays, { check = true } = {}) {
  const had = new Set((await engine.rows('SELECT name FROM system.tables WHERE database = currentDatabase()')).map((row) => row.name));
  for (const sql of createAggregates({ retentionDays })) await engine.exec(sql);
  const fresh = AGGREGATE_TABLES.filter((table) => !had.has(table));
  for (const table of fresh) await engine.exec(`INSERT INTO ${table} ${aggregateSelect(table, 'events')}`);
  if (!check) return [];
  /** @type {Map<string, Record<string, number>>} */
  const expected = new Map((await engine.rows(AGGREGATE_COUNTS)).map((row) => [row.show, row]));
  const stale = new Set();
  for (const table of AGGREGATE_TABLES) {
    const found = new Map((await engine.rows(`SELECT show, toUInt64(sum(n)) AS n FROM ${table} GROUP BY show`)).map((row) => [row.show, Number(row.n)]));
    for (const [show, counts] of expected) if (Number(counts[table]) !== (found.get(show) ?? 0)) stale.add(show);
    for (const show of found.keys()) if (!expected.has(show)) stale.add(show);
  }
  if (!stale.size) return [];
  const shows = `(${[...stale].map(sqlString).join(', ')})`;
  for (const table of AGGREGATE_TABLES) {
    await engine.exec(`DELETE FROM ${table} WHERE show IN ${shows}`);
    await engine.exec(`INSERT INTO ${table} ${aggregateSelect(table, `(SELECT * FROM events WHERE show IN ${shows})`)}`);
  }
  return [...stale];
}

/**
 * Opens the store: the engine, the tables, the retention.
 * @param {{ dataDir?: string, clickhouseUrl?: string, retentionDays?: number, final?: boolean, preaggregated?: boolean }} options
 *   `preaggregated`: the report reads `show_viewers` and `viewer_minutes` (default: when not `final`).
 */
export async function openStore({ dataDir = DEFAULT_DATA_DIR, clickhouseUrl, retentionDays = 395, final, preaggregated } = {}) {
  const engine = clickhouseUrl ? await clickhouseEngine(clickhouseUrl) : await chdbEngine(dataDir);
  for (const sql of createTables({ retentionDays })) await engine.exec(sql);
  // Embedded: one process writes (chDB locks its folder) and checks ids before each insert, so no
  // duplicate is ever stored and queries need no FINAL. Several collectors on one server may race
  // between check and insert: FINAL (on by default with CLICKHOUSE_URL) folds those duplicates.
  const useFinal = final ?? Boolean(clickhouseUrl);
  // The report reads the pre-aggregated tables when no duplicate can reach `events` (they count every
  // inserted row: a duplicate would count twice in their sums); with FINAL it scans the events,
  // and the tables are not created (several collectors on a cluster: docs/scale.md).
  const aggregated = preaggregated ?? !useFinal;
  const rebuilt = aggregated ? await ensureAggregates(engine, retentionDays) : [];
  // The aggregate tables there are (also from an earlier run): a deletion deletes from them too.
  const names = new Set((await engine.rows('SELECT name FROM system.tables WHERE database = currentDatabase()')).map((row) => row.name));
  const aggregateTables = AGGREGATE_TABLES.filter((table) => names.has(table));
  for (const table of ['events', 'orders', 'timelines', ...aggregateTables]) {
    const [row] = await engine.rows('SELECT create_table_query AS q FROM system.tables WHERE database = currentDatabase() AND name = {t:String}', { t: table });
    const current = Number(/TTL day \+ toIntervalDay\((\d+)\)/.exec(row?.q ?? '')?.[1] ?? 0);
    if (current !== Math.floor(retentionDays)) await engine.exec(alterRetention(table, retentionDays));
  }
  const rawQueries = reportQueries(useFinal ? 'events FINAL' : 'events', useFinal ? 'orders FINAL' : 'orders');
  const queries = aggregated ? reportQueries('events', 'orders', { aggregated: true }) : rawQueries;

  /** Ids among `ids` already stored in `table` (`shows` narrows the search when given). */
  async function existing(/** @type {'events' | 'orders'} */ table, /** @type {string[]} */ shows, /** @type {string[]} */ ids) {
    const found = new Set();
    const sql = existingIds(table, shows.length > 0);
    // Chunks of ~100,000 characters keep each request's URL (where the HTTP interface carries bound
    // parameters) under ClickHouse's 1 MiB limit.
    for (let i = 0; i < ids.length; ) {
      const chunk = [];
      for (let chars = 0; i < ids.length && chars < 100_000; i++) {
        chunk.push(ids[i]);
        chars += /** @type {string} */ (ids[i]).length + 3;
      }
      for (const row of await engine.rows(sql, shows.length ? { shows, ids: chunk } : { ids: chunk })) found.add(row.id);
    }
    return found;
  }

  /** The newest timeline stored for a show (`doc` only when asked), or null. */
  async function timeline(/** @type {string} */ show, withDoc = false) {
    const [row] = await engine.rows(`SELECT digest, bytes${withDoc ? ', doc' : ''} FROM timelines WHERE show = {show:String} ORDER BY received DESC LIMIT 1`, { show });
    return /** @type {{ digest: string, bytes: number, doc?: string } | undefined} */ (row) ?? null;
  }

  // The newest event stored before this process started: no event dated after it can be in the
  // table unless this process wrote it (embedded only: one writer; see RecentIds in server.mjs).
  const [{ newest }] = await engine.rows('SELECT toFloat64(max(at)) AS newest FROM events');

  return { engine, queries, rawQueries, aggregated, aggregateTables, rebuilt, existing, timeline, final: useFinal, singleWriter: !clickhouseUrl, newestAtStart: Number(newest) || 0, close: () => engine.close() };
}
