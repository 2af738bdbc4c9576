// The show's timeline record (docs/replay.md, docs/collector.md § The show's timeline): the host
// console's one `{"record": "timeline"}` POST to the webhook is checked against the timeline schema,
// stored once (a re-send writes nothing), refused whole when oversized or malformed, and served back
// identical at GET /shows/:id/timeline — for the access key or the show's replay token, with CORS.
// The last test runs the real host side (src/controllers/replay-recorder.ts on real sessions) against
// the real collector, and checks the served document with the replay's own parser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createCollector } from '../../collector/src/server.mjs';
import { post, waitFor } from './helpers.mjs';

const KEY = 'timeline-key-0123456789';
const auth = { Authorization: `Bearer ${KEY}` };
let collector;
let base;

before(async () => {
  collector = await createCollector({ dataDir: join(mkdtempSync(join(tmpdir(), 'linger-timeline-')), 'data'), accessKey: KEY, retentionDays: 0, allowedOrigins: 'https://shop.example' });
  base = await collector.listen(0);
});
after(() => collector.close());

/** The sources the host console and the replay run, bundled for Node. */
async function sources() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const result = await build({
    stdin: {
      contents: "export { startShow } from './test/helpers/show.ts'; export { TimelineCapture } from './src/controllers/replay-recorder.ts'; export { parseTimeline } from './src/core/timeline.ts'; export { CORPUS } from './test/hardening/corpus.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

const INITIAL = { show: { phase: 'live', title: 'T', startedAt: 1 }, schedule: [], announcement: null, pinned: null, lottery: null, quiz: null, perk: null, moderation: {}, likes: 0 };
/** A valid timeline document (bodies are the replay's to check: the schema leaves them open). */
const timeline = (show, overrides = {}) => ({
  format: 'linger-timeline',
  version: 1,
  show,
  title: 'Spring sale',
  startedAt: 1_700_000_000_000,
  duration: 5_000,
  initial: INITIAL,
  events: [
    { t: 0, id: 'm1', type: 'show', body: { phase: 'live', title: 'Spring sale', startedAt: 1_700_000_000_000 } },
    { t: 1_200, id: 'm2', type: 'pin', body: { product: { id: 'scarf', title: 'Jade scarf' }, remaining: null } },
  ],
  chat: [
    { t: 300, id: 'c1', text: 'So soft', name: 'Ana', locale: 'en' },
    { t: 5_000, id: 'c2', text: '好看' },
  ],
  sample: { seen: 2, kept: 2 },
  ...overrides,
});
const record = (doc) => ({ record: 'timeline', timeline: doc });
const rows = async (show) => (await collector.store.engine.rows('SELECT toUInt32(count()) AS n FROM timelines WHERE show = {show:String}', { show }))[0].n;
const get = (url, headers = {}) => fetch(url, { headers });

test('a timeline record is accepted, stored once, and served back identical for the key or the replay token', async () => {
  const doc = timeline('spring-sale');
  const r = await post(`${base}/events`, record(doc), { Origin: 'https://shop.example' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.stored, true);
  assert.equal(r.body.duplicate, false);
  assert.equal(r.body.bytes, Buffer.byteLength(JSON.stringify(doc)));
  assert.match(r.body.replay, /^\/shows\/spring-sale\/timeline\?token=[\w-]{32}$/);
  // The access key, or the token (which reads this show's timeline and nothing else).
  for (const [url, headers] of [[`${base}/shows/spring-sale/timeline`, auth], [`${base}${r.body.replay}`, { Origin: 'https://shop.example' }]]) {
    const served = await get(url, headers);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(await served.text(), JSON.stringify(doc), 'byte for byte what was sent');
  }
  const cors = await get(`${base}${r.body.replay}`, { Origin: 'https://shop.example' });
  assert.equal(cors.headers.get('access-control-allow-origin'), 'https://shop.example');
  const preflight = await fetch(`${base}/shows/spring-sale/timeline`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
  assert.equal(preflight.status, 204);
  assert.match(String(preflight.headers.get('access-control-allow-headers')), /Authorization/);
  // Revalidation: the ETag is the document's digest.
  const etag = cors.headers.get('etag');
  assert.equal((await get(`${base}${r.body.replay}`, { 'If-None-Match': etag })).status, 304);
  // The merchant finds the replay URL in the show list too (a show with events and a timeline).
  await post(`${base}/events`, { events: [{ id: 'ev-1', type: 'heartbeat', at: Date.now() - 1000, show: 'spring-sale', viewerId: 'v', sessionId: 's', locale: 'en', props: { seconds: 15 } }] });
  const listed = await (await get(`${base}/shows`, auth)).json();
  assert.equal(listed.shows.find((row) => row.show === 'spring-sale')?.timeline, r.body.replay);
  // Neither key nor token, a wrong token, another show's token: 401. No timeline: 404.
  assert.equal((await get(`${base}/shows/spring-sale/timeline`)).status, 401);
  assert.equal((await get(`${base}/shows/spring-sale/timeline?token=${'x'.repeat(32)}`)).status, 401);
  await post(`${base}/events`, record(timeline('other-show')));
  assert.equal((await get(`${base}/shows/other-show/timeline?${r.body.replay.split('?')[1]}`)).status, 401, "one show's token does not open another's");
  assert.equal((await get(`${base}/shows/never-aired/timeline`, auth)).status, 404);
  // The token reads; it never deletes.
  assert.equal((await fetch(`${base}${r.body.replay}`, { method: 'DELETE' })).status, 401);
});

test('a re-send stores nothing more; a changed timeline replaces the stored one; DELETE removes it', async () => {
  const doc = timeline('resend');
  assert.equal((await post(`${base}/events`, record(doc))).body.duplicate, false);
  for (let i = 0; i < 3; i++) {
    const again = await post(`${base}/events`, JSON.stringify(record(doc)), { 'Content-Type': 'text/plain' });
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true, 'the console retries: the same document again');
  }
  // Concurrent re-sends go through the one writer: still one row.
  const answers = await Promise.all([1, 2, 3].map(() => post(`${base}/events`, record(doc))));
  assert.ok(answers.every((a) => a.status === 200 && a.body.duplicate === true));
  assert.equal(await rows('resend'), 1);
  const changed = timeline('resend', { title: 'Spring sale (re-sent)' });
  assert.equal((await post(`${base}/events`, record(changed))).body.duplicate, false);
  assert.equal(await (await get(`${base}/shows/resend/timeline`, auth)).text(), JSON.stringify(changed), 'the newest wins');
  assert.equal(collector.stats.timelines >= 3, true);
  const deleted = await fetch(`${base}/shows/resend/timeline`, { method: 'DELETE', headers: auth });
  assert.deepEqual(await deleted.json(), { deleted: 2 });
  assert.equal((await get(`${base}/shows/resend/timeline`, auth)).status, 404);
});

test('oversized, malformed and hostile timelines are refused with a clear status, and nothing is written', async () => {
  const { CORPUS } = await sources();
  const show = 'refused';
  const many = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  const cases = [
    ['wrong format', timeline(show, { format: 'other' }), 422, /timeline.format must be "linger-timeline"/],
    ['another version', timeline(show, { version: 2 }), 422, /timeline.version must be 1/],
    ['missing events', Object.fromEntries(Object.entries(timeline(show)).filter(([k]) => k !== 'events')), 422, /missing "events"/],
    ['show id too long', timeline('s'.repeat(129)), 422, /timeline.show is longer than 128/],
    ['time as text', timeline(show, { chat: [{ t: '300', id: 'c1', text: 'x' }] }), 422, /timeline.chat\[0\].t must be an integer/],
    ['fractional time', timeline(show, { duration: 1.5 }), 422, /timeline.duration must be an integer/],
    ['beyond 24 hours', timeline(show, { duration: 86_400_001 }), 422, /above 86400000/],
    ['bad id', timeline(show, { chat: [{ t: 0, id: 'a b<script>', text: 'x' }] }), 422, /id does not match/],
    ['chat line too long', timeline(show, { chat: [{ t: 0, id: 'c', text: 'x'.repeat(301) }] }), 422, /text is longer than 300/],
    ['empty chat line', timeline(show, { chat: [{ t: 0, id: 'c', text: '' }] }), 422, /text is shorter than 1/],
    ['events out of order', timeline(show, { events: [{ t: 10, id: 'a', type: 'pin', body: {} }, { t: 5, id: 'b', type: 'pin', body: {} }] }), 422, /events\[1\].t goes back in time/],
    ['chat out of order', timeline(show, { chat: [{ t: 10, id: 'a', text: 'x' }, { t: 5, id: 'b', text: 'y' }] }), 422, /chat\[1\].t goes back in time/],
    ['body not an object', timeline(show, { events: [{ t: 0, id: 'a', type: 'pin', body: 'DROP TABLE timelines' }] }), 422, /body must be an object/],
    ['message type not a name', timeline(show, { events: [{ t: 0, id: 'a', type: "'); DROP TABLE timelines; --", body: {} }] }), 422, /not a message type/],
    ['too many events', timeline(show, { events: many(20_001, (i) => ({ t: 0, id: `m${i}`, type: 'pin', body: {} })) }), 422, /more than 20000 items/],
    ['initial not a state', timeline(show, { initial: [] }), 422, /timeline.initial must be an object/],
    ['no timeline', null, 422, /timeline must be an object/],
  ];
  for (const [what, doc, status, message] of cases) {
    const r = await post(`${base}/events`, record(doc));
    assert.equal(r.status, status, what);
    assert.match(String(r.body.error), message, what);
  }
  // Not JSON, and over 32 MiB (a 3-hour show is about 12 MB): refused before parsing the rest.
  assert.equal((await post(`${base}/events`, '{"record": "timeline", "timeline": {')).status, 400);
  const huge = JSON.stringify(record(timeline(show, { chat: many(120_000, (i) => ({ t: 0, id: `c${i}`, text: 'x'.repeat(290) })) })));
  assert.ok(huge.length > 33 * 1024 * 1024);
  const r = await post(`${base}/events`, huge);
  assert.equal(r.status, 413);
  assert.match(String(r.body.error), /body larger than 33555456 bytes/);
  // An events body over 1 MB that does not begin as a timeline record is refused at 1 MB, as before;
  // one that begins as one but is not one (a later duplicate key) too.
  assert.equal((await post(`${base}/events`, { events: [], pad: 'x'.repeat(1_100_000) })).status, 413);
  const disguised = `{"record":"timeline","pad":"${'x'.repeat(1_100_000)}","record":"events","events":[]}`;
  assert.equal((await post(`${base}/events`, disguised)).status, 413);
  assert.equal(await rows(show), 0, 'nothing of a refused timeline is stored');
  assert.equal(await rows('s'.repeat(129)), 0);
  // The hardening corpus in every text field of a well-formed document: stored and served as data.
  const texts = CORPUS.map((payload) => payload.text).filter((text) => text.length >= 1 && text.length <= 40);
  const hostileShow = "'); DROP TABLE timelines; --";
  const hostile = timeline(hostileShow, {
    title: texts.join('').slice(0, 200),
    chat: texts.map((text, i) => ({ t: i, id: `c${i}`, text, name: text, locale: text.slice(0, 35) })),
    events: [{ t: 0, id: 'm1', type: 'announce', body: { text: texts.join(' '), [texts[0]]: texts } }],
  });
  const stored = await post(`${base}/events`, record(hostile));
  assert.equal(stored.status, 200, JSON.stringify(stored.body));
  const served = await get(`${base}/shows/${encodeURIComponent(hostileShow)}/timeline`, auth);
  assert.equal(await served.text(), JSON.stringify(hostile));
  assert.equal(await rows(hostileShow), 1);
});

test('end to end: the host console side sends its timeline to a real collector, which serves what a replay accepts', async () => {
  const { startShow, TimelineCapture, parseTimeline } = await sources();
  const show = await startShow(1, {}, {});
  const { host, viewers } = show;
  const capture = new TimelineCapture({ show: () => 'e2e-show', webhook: () => `${base}/events`, changed: () => {} });
  capture.follow(host);
  const T0 = Date.now();
  host.act('show', { phase: 'live', title: 'End to end', startedAt: T0 });
  host.act('pin', { product: { id: 'scarf', title: 'Jade scarf', price: '$19' }, remaining: 5 });
  viewers[0].chat('So soft', { name: 'Ana' });
  await waitFor(() => capture.recorder.size.chat === 1, 'the host has the line');
  host.act('show', { phase: 'ended', title: 'End to end', startedAt: T0 });
  await waitFor(() => capture.recorder.ended, 'the show ended');
  capture.tick();
  capture.tick();
  await waitFor(() => capture.delivery === 'sent' || capture.delivery === 'failed', 'the record is delivered');
  assert.equal(capture.delivery, 'sent');
  const served = await (await get(`${base}/shows/e2e-show/timeline`, auth)).text();
  assert.equal(served, JSON.stringify(capture.recorder.document()), 'the collector serves what the console sent');
  const parsed = parseTimeline(served);
  assert.equal(parsed.ok, true, JSON.stringify(parsed).slice(0, 300));
  assert.deepEqual(parsed.timeline.events.map((event) => event.type), ['show', 'pin', 'show']);
  assert.deepEqual(parsed.timeline.chat.map((line) => line.text), ['So soft']);
  assert.equal(await rows('e2e-show'), 1, 'one record for the show, however many ticks');
  capture.close();
  await show.close();
});
