// A loopback server that speaks ClickHouse's HTTP interface and executes with chDB, so the collector's
// CLICKHOUSE_URL path (@clickhouse/client) runs end to end in tests. Run as a child process (chDB
// allows one data folder per process): `node fake-clickhouse.mjs <dataDir>`; it prints
// `{"port": N}` when listening.
//
// What it implements of https://clickhouse.com/docs/interfaces/http: the query in the `query`
// parameter and/or the body (joined by a newline, so `INSERT … FORMAT JSONEachRow` + rows works),
// `param_<name>` query parameters (bound with `SET param_<name>`, the text form the server takes),
// settings as parameters, `default_format`, `GET /ping`, errors as HTTP 500 with
// `X-ClickHouse-Exception-Code`. `GET /__stats` counts what it ran (for the tests).
import { createServer } from 'node:http';
import { Session } from 'chdb';

const session = new Session(process.argv[2]);
const RESERVED = new Set(['query', 'query_id', 'database', 'default_format', 'session_id', 'session_timeout', 'session_check', 'role', 'user', 'password', 'compress', 'decompress']);
const stats = { queries: 0, inserts: 0, params: 0, errors: 0 };
const literal = (/** @type {string} */ value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://clickhouse.invalid');
    if (url.pathname === '/ping') return res.end('Ok.\n');
    if (url.pathname === '/__stats') return res.end(JSON.stringify(stats));
    const body = Buffer.concat(chunks).toString('utf8');
    const head = url.searchParams.get('query') ?? '';
    const query = head && body ? `${head}\n${body}` : head || body;
    try {
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('param_')) {
          session.query(`SET ${name.replace(/[^\w]/g, '')} = ${literal(value)}`);
          stats.params++;
        } else if (!RESERVED.has(name)) session.query(`SET ${name.replace(/[^\w]/g, '')} = ${/^-?\d+$/.test(value) ? value : literal(value)}`);
      }
      if (/^\s*INSERT\b/i.test(query)) stats.inserts++;
      else stats.queries++;
      const out = session.query(query, url.searchParams.get('default_format') ?? 'TabSeparated');
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Summary': '{"read_rows":"0","written_rows":"0"}' });
      res.end(out ?? '');
    } catch (error) {
      stats.errors++;
      const message = String(/** @type {Error} */ (error).message);
      const code = /Code: (\d+)/.exec(message)?.[1] ?? '1';
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': code });
      res.end(message.replace(/^Query failed: /, ''));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: /** @type {import('node:net').AddressInfo} */ (server.address()).port }));
});
process.on('SIGTERM', () => {
  server.close();
  session.close();
  process.exit(0);
});
