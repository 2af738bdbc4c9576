// A deliberately unreliable webhook receiver for the events tests.
//   POST /test-api/flaky/<bucket>[?rate=0.3]  — fails `rate` of requests at random (half of the
//     failures are 500s *after* storing the batch, so the client's retry makes duplicates), answers
//     429 with `Retry-After: 1` on the 4th and 40th requests, and hangs once (the 7th request: no
//     answer for 20 s, the client must time out and retry). Other requests store the batch.
//   GET  /test-api/flaky/<bucket>             — {requests, statuses, received, unique, ids?, dropped}
//   (`?ids=1` adds the unique ids.)  DELETE resets the bucket.
const buckets = new Map();

function bucketOf(name) {
  let bucket = buckets.get(name);
  if (!bucket) {
    bucket = { requests: 0, statuses: {}, received: 0, ids: new Set(), dropped: 0, events: [] };
    buckets.set(name, bucket);
  }
  return bucket;
}

export async function middleware(ctx, next) {
  const match = /^\/test-api\/flaky\/([\w-]+)$/.exec(ctx.path);
  if (!match) return next();
  const name = match[1];
  const query = new URLSearchParams(ctx.querystring);
  if (ctx.method === 'DELETE') {
    buckets.delete(name);
    ctx.status = 204;
    return undefined;
  }
  const bucket = bucketOf(name);
  if (ctx.method === 'GET') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      requests: bucket.requests,
      statuses: bucket.statuses,
      received: bucket.received,
      unique: bucket.ids.size,
      dropped: bucket.dropped,
      ...(query.get('ids') ? { ids: [...bucket.ids], events: bucket.events } : {}),
    });
    return undefined;
  }
  const n = ++bucket.requests;
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const rate = query.has('rate') ? Number(query.get('rate')) : 0.3;
  const count = (status) => (bucket.statuses[status] = (bucket.statuses[status] ?? 0) + 1);
  const store = () => {
    const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    bucket.dropped += Number(batch.dropped) || 0;
    for (const event of batch.events) {
      bucket.received++;
      if (!bucket.ids.has(event.id)) {
        bucket.ids.add(event.id);
        bucket.events.push(event);
      }
    }
  };
  if (rate > 0 && n === 7) {
    count('hang');
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    ctx.status = 504;
    return undefined;
  }
  if (rate > 0 && (n === 4 || n === 40)) {
    count(429);
    ctx.status = 429;
    ctx.set('Retry-After', '1');
    return undefined;
  }
  const roll = Math.random();
  if (roll < rate / 2) {
    count(503);
    ctx.status = 503;
    return undefined;
  }
  store();
  if (roll < rate) {
    count(500);
    ctx.status = 500;
    return undefined;
  }
  count(200);
  ctx.type = 'application/json';
  ctx.body = '{"ok":true}';
  return undefined;
}
