// The demo's event collector: `POST /api/events` receives `<linger-room webhook>` batches
// (`{batch, sentAt, events, dropped}`, or a bare array of events), keeps each event id once and
// appends new events to an NDJSON file; `GET /api/events` serves that file to `<linger-report>`.
//
// Bodies are parsed as JSON whatever their Content-Type (`sendBeacon` posts text/plain).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const EVENTS_PATH = '/api/events';
const MAX_BODY_BYTES = 1_000_000;

/**
 * @param {{ file: string }} options  the NDJSON file (created with its folder when missing)
 * @returns {{ middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>,
 *   receive: (body: unknown) => {accepted: number, duplicates: number, invalid: number}, stats: object }}
 */
export function createCollector({ file }) {
  mkdirSync(dirname(file), { recursive: true });
  const seen = new Set();
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      try {
        const event = JSON.parse(line);
        if (typeof event?.id === 'string') seen.add(event.id);
      } catch {
        // a torn last line: ignored
      }
    }
  }
  const stats = { requests: 0, accepted: 0, duplicates: 0, invalid: 0, dropped: 0 };

  function receive(body) {
    const events = Array.isArray(body) ? body : Array.isArray(body?.events) ? body.events : null;
    if (!events) throw new TypeError('expected {events: [...]} or an array of events');
    stats.dropped += Number(body?.dropped) || 0;
    let accepted = 0;
    let duplicates = 0;
    let invalid = 0;
    const lines = [];
    for (const event of events) {
      if (!isEvent(event)) invalid++;
      else if (seen.has(event.id)) duplicates++;
      else {
        seen.add(event.id);
        lines.push(JSON.stringify(event));
        accepted++;
      }
    }
    if (lines.length) appendFileSync(file, lines.join('\n') + '\n');
    stats.accepted += accepted;
    stats.duplicates += duplicates;
    stats.invalid += invalid;
    return { accepted, duplicates, invalid };
  }

  async function middleware(ctx, next) {
    if (ctx.path !== EVENTS_PATH) return next();
    if (ctx.method === 'GET') {
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'application/x-ndjson; charset=utf-8';
      ctx.body = existsSync(file) ? readFileSync(file, 'utf8') : '';
      return undefined;
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, POST');
      return undefined;
    }
    stats.requests++;
    let size = 0;
    const chunks = [];
    for await (const chunk of ctx.req) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        ctx.status = 413;
        ctx.body = 'Batch too large';
        return undefined;
      }
      chunks.push(chunk);
    }
    try {
      const result = receive(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(result);
    } catch (error) {
      ctx.status = 400;
      ctx.body = `Bad batch: ${error.message}`;
    }
    return undefined;
  }

  return { middleware, receive, stats };
}

function isEvent(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.id === 'string' &&
    value.id.length > 0 &&
    value.id.length <= 128 &&
    typeof value.type === 'string' &&
    typeof value.at === 'number' &&
    typeof value.show === 'string' &&
    typeof value.viewerId === 'string' &&
    typeof value.sessionId === 'string'
  );
}
