// Identities that cannot be borrowed (docs/tokens.md § Identities that cannot be borrowed), over
// loopback HTTP, against both the demo endpoint (demo/token-endpoint.mjs) and the reference endpoint
// docs/tokens.md teaches (run from the page itself, so the docs cannot drift from what is tested).
// Run: node --test test/demo/identity.node.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createTokenHandler, VIEWER_ID } from '../../demo/token-endpoint.mjs';

const APP_ID = '0123456789abcdef0123456789abcdef';
const APP_CERT = 'fedcba9876543210fedcba9876543210';
const HOST_KEY = 'correct horse battery staple';
const SECRET = randomBytes(32).toString('base64');
const COOKIE_TTL = 7 * 24 * 3600; // both endpoints' default cookie lifetime
const HOSTS = ['host-1', 'cohost'];
const rootDir = fileURLToPath(new URL('../..', import.meta.url));

const require = createRequire(import.meta.url);
const { AccessToken2, kRtcServiceType, kRtmServiceType } = require('agora-token/src/AccessToken2.js');

// The cookie and id scheme both endpoints share, computed here from the secret: lets a test make a
// correctly signed cookie with any issue time (expired, future) and the ids that belong to it.
const mac = (...parts) => createHmac('sha256', SECRET).update(parts.join('\n')).digest('base64url');
const signedCookie = (browserId, issuedAt) => `${browserId}.${issuedAt}.${mac('linger-browser', browserId, issuedAt)}`;
const idFor = (browserId, nonce = randomBytes(6).toString('base64url')) => `v-${nonce}${mac('linger-viewer', browserId, nonce).slice(0, 8)}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A browser: a cookie jar (name → value) and token requests that send and store cookies like one. */
class Browser {
  cookies = new Map();

  constructor(origin) {
    this.origin = origin;
  }

  async token(query) {
    const headers = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.origin}/api/token?${new URLSearchParams(query)}`, { headers });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const pair = line.split(';')[0];
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return { status: response.status, json: await response.json(), setCookie };
  }

  /** The browser id in this browser's (only) cookie. */
  get browserId() {
    return [...this.cookies.values()][0]?.split('.')[0];
  }
}

const rtmUser = (token) => {
  const parsed = new AccessToken2();
  assert.equal(parsed.from_string(token), true, 'the RTM token parses');
  return String(parsed.getServices(kRtmServiceType)[0].__user_id);
};
const rtcPrivileges = (token) => {
  const parsed = new AccessToken2();
  parsed.from_string(token);
  return Object.keys(parsed.getServices(kRtcServiceType)[0].__privileges).sort();
};

/** The demo endpoint behind a plain node:http server on 127.0.0.1. */
async function startDemoEndpoint({ hostIds } = {}) {
  const handler = createTokenHandler({
    appId: APP_ID,
    appCertificate: APP_CERT,
    hostKey: HOST_KEY,
    secret: SECRET,
    ...(hostIds ? { hostIds } : {}),
  });
  const server = createServer((req, res) => {
    const result = handler.handleTokenRequest(new URL(req.url, 'http://127.0.0.1'), req.headers, req.method);
    res.writeHead(result.status, result.headers);
    res.end(result.body);
  });
  await new Promise((done) => server.listen({ port: 0, host: '127.0.0.1' }, done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}

/** The ```js block after the `reference-endpoint` marker in docs/tokens.md. */
function referenceEndpointSource() {
  const page = readFileSync(new URL('../../docs/tokens.md', import.meta.url), 'utf8');
  const match = /<!-- reference-endpoint[^>]*-->\n```js\n([\s\S]*?)\n```/.exec(page);
  assert.ok(match, 'docs/tokens.md has the reference endpoint block after its marker');
  return match[1];
}

/** The docs' reference endpoint, run as written (`node -e`, from the repo so `agora-token` resolves). */
async function startReferenceEndpoint({ hostIds } = {}) {
  const env = {
    PATH: process.env.PATH,
    AGORA_APP_ID: APP_ID,
    AGORA_APP_CERTIFICATE: APP_CERT,
    LINGER_COOKIE_SECRET: SECRET,
    LINGER_HOST_KEY: HOST_KEY,
    PORT: '0',
    ...(hostIds ? { LINGER_HOST_IDS: hostIds.join(',') } : {}),
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', referenceEndpointSource()], { cwd: rootDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const found = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`the reference endpoint exited (${code}) before listening: ${stderr}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      }),
  };
}

const implementations = [
  ['demo/token-endpoint.mjs', startDemoEndpoint],
  ['docs/tokens.md reference endpoint', startReferenceEndpoint],
];

for (const [name, start] of implementations) {
  describe(`identities: ${name}`, () => {
    let endpoint;
    let noHosts;
    before(async () => {
      [endpoint, noHosts] = await Promise.all([start({ hostIds: HOSTS }), start()]);
    });
    after(async () => {
      await Promise.all([endpoint?.close(), noHosts?.close()]);
    });
    const browser = () => new Browser(endpoint.origin);

    test('a viewer keeps its id on renewal; each tab gets its own; the cookie is HttpOnly, SameSite, signed', async () => {
      const viewer = browser();
      const tab1 = await viewer.token({ channel: 'show-1' });
      assert.equal(tab1.status, 200, 'viewer token');
      assert.match(tab1.json.uid, VIEWER_ID, 'an issued id: v- + 16 url-safe characters');
      assert.equal(tab1.setCookie.length, 1, 'one cookie set');
      const cookie = tab1.setCookie[0];
      assert.match(cookie, /^linger-browser=[\w-]{22}\.\d+\.[\w-]{43}; /, 'browser id, issue time, HMAC-SHA256');
      for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${COOKIE_TTL}`]) {
        assert.ok(cookie.split('; ').includes(attribute), `cookie has ${attribute}`);
      }
      assert.ok(!cookie.includes('Secure'), 'not Secure on plain http (the browser would drop it)');

      const renewed = await viewer.token({ channel: 'show-1', uid: tab1.json.uid });
      assert.equal(renewed.json.uid, tab1.json.uid, 'renewal with the cookie keeps the id');
      assert.equal(rtmUser(renewed.json.rtmToken), tab1.json.uid, 'and the token is for it');
      const tab2 = await viewer.token({ channel: 'show-1' });
      assert.match(tab2.json.uid, VIEWER_ID, 'a second tab gets an id');
      assert.notEqual(tab2.json.uid, tab1.json.uid, 'its own (two tabs on one id would log each other out)');
      assert.equal((await viewer.token({ channel: 'show-1', uid: tab2.json.uid })).json.uid, tab2.json.uid, 'tab 2 keeps its id');
      assert.equal((await viewer.token({ channel: 'show-1', uid: tab1.json.uid })).json.uid, tab1.json.uid, 'tab 1 still keeps its id');
    });

    test('a guest (publisher) token only once a host invited that viewer id, only to its browser; uninvite takes it back', async () => {
      const viewer = browser();
      const uid = (await viewer.token({ channel: 'show-1' })).json.uid;
      const early = await viewer.token({ channel: 'show-1', uid, role: 'guest' });
      assert.equal(early.status, 403, 'not invited: 403');
      assert.equal(early.json.rtcToken, undefined, 'and no token');
      assert.match(early.json.error, /invit/, 'the error says an invitation is needed');
      // A viewer cannot record its own invitation: without the host key an invite is a 403 (or, as a viewer, ignored).
      assert.equal((await viewer.token({ channel: 'show-1', uid: 'host-1', role: 'host', invite: uid })).status, 403, 'invite without the key: 403');
      await viewer.token({ channel: 'show-1', uid, role: 'viewer', invite: uid, key: HOST_KEY });
      assert.equal((await viewer.token({ channel: 'show-1', uid, role: 'guest' })).status, 403, 'a viewer request with invite= records nothing');

      const host = browser();
      const recorded = await host.token({ channel: 'show-1', uid: 'host-1', role: 'host', key: HOST_KEY, invite: uid });
      assert.equal(recorded.status, 200, 'the host records the invitation');
      assert.equal(recorded.json.invited, uid, 'for that viewer id');
      assert.equal(recorded.json.rtcToken, undefined, 'an invitation answer carries no token');
      assert.equal((await host.token({ channel: 'show-1', uid: 'host-1', role: 'host', key: HOST_KEY, invite: 'host-1' })).status, 400, 'only viewer ids are invited');

      assert.equal((await viewer.token({ channel: 'show-2', uid, role: 'guest' })).status, 403, 'the invitation is for its channel only');
      const stranger = browser();
      const borrowed = await stranger.token({ channel: 'show-1', uid, role: 'guest' });
      assert.equal(borrowed.status, 403, "another browser cannot redeem the invited viewer's id");
      assert.equal(borrowed.json.rtcToken, undefined, 'and gets no token');

      const guest = await viewer.token({ channel: 'show-1', uid, role: 'guest' });
      assert.equal(guest.status, 200, 'the invited viewer gets its guest token');
      assert.equal(guest.json.uid, uid, 'for its own id');
      assert.equal(rtmUser(guest.json.rtmToken), uid, 'RTM bound to it');
      assert.deepEqual(rtcPrivileges(guest.json.rtcToken), ['1', '2', '3', '4'], 'an RTC publisher token');
      assert.deepEqual(rtcPrivileges((await viewer.token({ channel: 'show-1', uid })).json.rtcToken), ['1'], 'its viewer token stays join-only');

      const revoked = await host.token({ channel: 'show-1', uid: 'host-1', role: 'host', key: HOST_KEY, uninvite: uid });
      assert.equal(revoked.status, 200, 'the host takes the invitation back');
      assert.equal((await viewer.token({ channel: 'show-1', uid, role: 'guest' })).status, 403, 'no guest token after uninvite');
    });

    test("taking a lottery winner's id gets a fresh id, never the winner's", async () => {
      const winner = browser();
      const won = (await winner.token({ channel: 'show-1' })).json.uid; // public: winnerIds lists it

      const stranger = browser(); // no cookie at all
      const first = await stranger.token({ channel: 'show-1', uid: won });
      assert.equal(first.status, 200, 'still a viewer token');
      assert.notEqual(first.json.uid, won, "a browser without a cookie does not get the winner's id");
      assert.match(first.json.uid, VIEWER_ID, 'it gets a fresh one');
      assert.equal(rtmUser(first.json.rtmToken), first.json.uid, 'bound to the fresh id, not the winner');

      // Now with its own valid cookie, and with every twist on the id.
      for (const uid of [won, won.toUpperCase(), ` ${won}`, `${won} `, won.replace('v-', 'V-'), `${won.slice(0, -1)}${won.at(-1) === 'a' ? 'b' : 'a'}`]) {
        const res = await stranger.token({ channel: 'show-1', uid, role: 'viewer', key: HOST_KEY });
        assert.notEqual(res.json.uid, won, `asking ${JSON.stringify(uid)} does not give the winner's id`);
        assert.notEqual(res.json.uid, uid, `nor the asked ${JSON.stringify(uid)}`);
        assert.match(res.json.uid, VIEWER_ID, 'a fresh viewer id');
      }
      assert.equal((await winner.token({ channel: 'show-1', uid: won })).json.uid, won, 'the winner still has its id');
    });

    test('look-alike host ids never map to a host', async () => {
      const lookAlikes = [
        'host-1 ',
        ' host-1',
        'Host-1',
        'HOST-1',
        'host-1\n',
        'host-1\u200b', // zero-width space
        '\u04bbost-1', // Cyrillic shha: һost-1
        'h\u043est-1', // Cyrillic o
        'host\u20101', // Unicode hyphen
        'host-\uff11', // fullwidth digit one
        'ｈost-1', // fullwidth h
        'host',
        'Host',
        'host ',
      ];
      const visitor = browser();
      for (const uid of [...lookAlikes, 'host-1', 'cohost']) {
        const asViewer = await visitor.token({ channel: 'show-1', uid });
        assert.equal(asViewer.status, 200, `viewer asking ${JSON.stringify(uid)}: still a viewer token`);
        assert.match(asViewer.json.uid, VIEWER_ID, `viewer asking ${JSON.stringify(uid)} gets a viewer id`);
        assert.deepEqual(rtcPrivileges(asViewer.json.rtcToken), ['1'], 'join-only RTC');
      }
      for (const uid of lookAlikes) {
        const asHost = await visitor.token({ channel: 'show-1', uid, role: 'host', key: HOST_KEY });
        assert.equal(asHost.status, 403, `host token for ${JSON.stringify(uid)} refused even with the key`);
        assert.match(asHost.json.error, /is not one of the host ids/, `reason for ${JSON.stringify(uid)}`);
        assert.deepEqual(asHost.setCookie, [], 'a refused host request sets no cookie');
      }
    });

    test('with no host ids configured (LINGER_HOST_IDS unset), nobody gets a host token', async () => {
      const staff = new Browser(noHosts.origin);
      for (const uid of ['host', 'host-1', 'Host']) {
        const res = await staff.token({ channel: 'show-1', uid, role: 'host', key: HOST_KEY });
        assert.equal(res.status, 403, `host token for ${uid} refused with the right key`);
        assert.match(res.json.error, /host ids.*LINGER_HOST_IDS|LINGER_HOST_IDS.*host tokens/, 'the reason names the missing list');
        const asViewer = await staff.token({ channel: 'show-1', uid });
        assert.match(asViewer.json.uid, VIEWER_ID, `a viewer asking ${uid} gets a viewer id`);
      }
    });

    test('a wrong host key gets 403 with the reason; the right key gets a host token for exactly that id', async () => {
      const staff = browser();
      for (const key of [undefined, '', 'wrong', `${HOST_KEY} `, HOST_KEY.toUpperCase(), HOST_KEY.slice(0, -1)]) {
        const query = { channel: 'show-1', uid: 'host-1', role: 'host' };
        if (key !== undefined) query.key = key;
        const res = await staff.token(query);
        assert.equal(res.status, 403, `403 for key ${JSON.stringify(key)}`);
        assert.match(res.json.error, /Host tokens need the right "key"/, 'the reason says the key is missing or wrong');
      }
      const host = await staff.token({ channel: 'show-1', uid: 'host-1', role: 'host', key: HOST_KEY });
      assert.equal(host.status, 200, 'the right key');
      assert.equal(host.json.uid, 'host-1', 'the host id asked for');
      assert.equal(rtmUser(host.json.rtmToken), 'host-1', 'RTM token bound to it');
      assert.deepEqual(rtcPrivileges(host.json.rtcToken), ['1', '2', '3', '4'], 'publisher RTC token');
      assert.equal((await staff.token({ channel: 'show-1', uid: 'cohost', role: 'host', key: HOST_KEY })).json.uid, 'cohost', 'every listed id works');
    });

    test('a tampered cookie is refused: a fresh cookie and a fresh id', async () => {
      const viewer = browser();
      const uid = (await viewer.token({ channel: 'show-1' })).json.uid;
      const good = viewer.cookies.get('linger-browser');
      const [browserId, issuedAt, signature] = good.split('.');
      const flip = (text, at) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      const tampered = {
        'a changed signature': `${browserId}.${issuedAt}.${flip(signature, 5)}`,
        'another browser id': `${flip(browserId, 0)}.${issuedAt}.${signature}`,
        'a later issue time (to extend it)': `${browserId}.${Number(issuedAt) + 86_400}.${signature}`,
        'an extra part': `${good}.x`,
        'no signature': `${browserId}.${issuedAt}`,
        'signed with another secret': `${browserId}.${issuedAt}.${createHmac('sha256', randomBytes(32)).update(`linger-browser\n${browserId}\n${issuedAt}`).digest('base64url')}`,
        'empty': '',
      };
      for (const [what, value] of Object.entries(tampered)) {
        const forger = browser();
        forger.cookies.set('linger-browser', value);
        const res = await forger.token({ channel: 'show-1', uid });
        assert.equal(res.status, 200, `${what}: still a viewer token`);
        assert.notEqual(res.json.uid, uid, `${what}: not the id issued to the real cookie`);
        assert.match(res.json.uid, VIEWER_ID, `${what}: a fresh id`);
        assert.notEqual(forger.browserId, browserId, `${what}: a fresh cookie with a new browser id`);
        assert.equal((await forger.token({ channel: 'show-1', uid: res.json.uid })).json.uid, res.json.uid, `${what}: the fresh cookie works`);
      }
    });

    test('an expired cookie (or one dated in the future) is refused: a fresh cookie and a fresh id', async () => {
      const browserId = randomBytes(16).toString('base64url');
      const uid = idFor(browserId);
      const control = browser();
      control.cookies.set('linger-browser', signedCookie(browserId, nowSeconds() - 60));
      assert.equal((await control.token({ channel: 'show-1', uid })).json.uid, uid, 'control: a valid cookie keeps its id');

      for (const [what, issuedAt] of [
        ['expired', nowSeconds() - COOKIE_TTL - 5],
        ['issued an hour in the future', nowSeconds() + 3600],
      ]) {
        const replayed = browser();
        replayed.cookies.set('linger-browser', signedCookie(browserId, issuedAt));
        const res = await replayed.token({ channel: 'show-1', uid });
        assert.notEqual(res.json.uid, uid, `${what}: the id is not kept`);
        assert.match(res.json.uid, VIEWER_ID, `${what}: a fresh id`);
        assert.notEqual(replayed.browserId, browserId, `${what}: a fresh cookie`);
      }
    });

    test('a replayed cookie: what binding proves, and the limit it cannot close', async () => {
      const alice = browser();
      const aliceId = (await alice.token({ channel: 'show-1' })).json.uid;
      const mallory = browser();
      const malloryId = (await mallory.token({ channel: 'show-1' })).json.uid;

      // Proven: an id comes back only with the cookie it was issued against.
      assert.notEqual((await mallory.token({ channel: 'show-1', uid: aliceId })).json.uid, aliceId, "Mallory's cookie + Alice's id: refused");
      const mixed = new Browser(endpoint.origin);
      mixed.cookies.set('linger-browser', alice.cookies.get('linger-browser'));
      assert.notEqual((await mixed.token({ channel: 'show-1', uid: malloryId })).json.uid, malloryId, "Alice's cookie + Mallory's id: refused");

      // The limit (docs/tokens.md): a valid cookie copied out of Alice's browser IS Alice's browser
      // until it expires — nothing in an HTTP request tells the two apart. HttpOnly, Secure, SameSite
      // and the expiry (previous test) are what keep it from being copied or reused for long.
      const copy = new Browser(endpoint.origin);
      copy.cookies.set('linger-browser', alice.cookies.get('linger-browser'));
      assert.equal((await copy.token({ channel: 'show-1', uid: aliceId })).json.uid, aliceId, 'a copied valid cookie is indistinguishable');
    });
  });
}

describe('identities: demo endpoint details', () => {
  let clock = 1_750_000_000_000;
  const handler = (overrides = {}) =>
    createTokenHandler({ appId: APP_ID, appCertificate: APP_CERT, hostKey: HOST_KEY, hostIds: HOSTS, secret: SECRET, now: () => clock, ...overrides });
  const ask = (h, query, cookie, base = 'http://127.0.0.1') => {
    const res = h.handleTokenRequest(new URL(`${base}/api/token?${new URLSearchParams(query)}`), cookie ? { cookie } : {});
    return { ...res, json: JSON.parse(res.body), cookie: res.headers['Set-Cookie']?.split(';')[0] };
  };

  test('every renewal slides the cookie: an active viewer keeps its id past the first cookie lifetime', () => {
    const h = handler({ cookieMaxAgeSeconds: 7200, expireSeconds: 3600 });
    const first = ask(h, { channel: 'show-1' });
    assert.equal(first.headers['X-Linger-Identity'], 'new; no cookie', 'first visit: a new id, and why');
    clock += 3500_000; // renewal just before the token expires
    const renewal = ask(h, { channel: 'show-1', uid: first.json.uid }, first.cookie);
    assert.equal(renewal.json.uid, first.json.uid, 'kept at the renewal');
    assert.equal(renewal.headers['X-Linger-Identity'], 'kept', 'says kept');
    clock += 3800_000; // 7300 s after the first cookie: that one has expired, the renewed one has not
    const late = ask(h, { channel: 'show-1', uid: first.json.uid }, first.cookie);
    assert.notEqual(late.json.uid, first.json.uid, 'the first cookie has expired');
    assert.equal(late.headers['X-Linger-Identity'], 'new; cookie expired', 'and the answer says so');
    assert.equal(ask(h, { channel: 'show-1', uid: first.json.uid }, renewal.cookie).json.uid, first.json.uid, 'the renewed cookie still keeps the id');
  });

  test('the identity header says why an id was not kept', () => {
    const h = handler();
    const a = ask(h, { channel: 'show-1' });
    const b = ask(h, { channel: 'show-1' });
    assert.equal(ask(h, { channel: 'show-1' }, a.cookie).headers['X-Linger-Identity'], 'new; no uid', 'a new tab');
    assert.equal(ask(h, { channel: 'show-1', uid: b.json.uid }, a.cookie).headers['X-Linger-Identity'], 'new; uid not issued to this browser', 'another browser’s id');
    const [id, iat] = a.cookie.split('=')[1].split('.');
    assert.equal(ask(h, { channel: 'show-1', uid: a.json.uid }, `linger-browser=${id}.${iat}.${'A'.repeat(43)}`).headers['X-Linger-Identity'], 'new; cookie bad-signature', 'a forged signature');
    assert.equal(ask(h, { channel: 'show-1', uid: a.json.uid }, 'linger-browser=garbage').headers['X-Linger-Identity'], 'new; cookie malformed', 'garbage');
    // Several cookies of that name (a stale one first): the valid one counts.
    assert.equal(ask(h, { channel: 'show-1', uid: a.json.uid }, `linger-browser=garbage; ${a.cookie}`).json.uid, a.json.uid, 'the valid one of several is used');
  });

  test('on https the cookie is __Host- and Secure, and a plain-named cookie (planted over http or by a subdomain) is ignored', () => {
    const h = handler();
    const secure = ask(h, { channel: 'show-1' }, undefined, 'https://shop.example');
    const header = secure.headers['Set-Cookie'];
    assert.match(header, /^__Host-linger-browser=/, '__Host- prefix');
    assert.ok(header.split('; ').includes('Secure'), 'Secure');
    assert.ok(header.split('; ').includes('Path=/'), 'Path=/ (required by __Host-)');
    assert.ok(!/Domain=/i.test(header), 'no Domain (required by __Host-)');
    assert.equal(ask(h, { channel: 'show-1', uid: secure.json.uid }, secure.cookie, 'https://shop.example').json.uid, secure.json.uid, 'the __Host- cookie keeps the id');
    const planted = secure.cookie.replace('__Host-', '');
    const res = ask(h, { channel: 'show-1', uid: secure.json.uid }, planted, 'https://shop.example');
    assert.notEqual(res.json.uid, secure.json.uid, 'the same value under the plain name is not read on https');
    assert.equal(res.headers['X-Linger-Identity'], 'new; no cookie', 'it is not even looked at');
  });

  test('SameSite=None always gets Secure; the secureCookie option overrides detection', () => {
    const none = ask(handler({ sameSite: 'None' }), { channel: 'show-1' }).headers['Set-Cookie'];
    assert.match(none, /^__Host-linger-browser=.*; SameSite=None; Secure$/, 'None → Secure even on http');
    const forced = ask(handler({ secureCookie: true }), { channel: 'show-1' }).headers['Set-Cookie'];
    assert.match(forced, /; Secure$/, 'secureCookie: true behind a TLS-terminating proxy');
  });

  test('the Koa middleware marks the cookie Secure when the request came over https', async () => {
    const h = handler();
    const headers = {};
    const ctx = { path: '/api/token', originalUrl: '/api/token?channel=show-1', method: 'GET', protocol: 'https', headers: {}, set: (v) => Object.assign(headers, v) };
    await h.middleware(ctx, async () => {});
    assert.equal(ctx.status, 200, 'answered');
    assert.match(headers['Set-Cookie'], /^__Host-linger-browser=.*; Secure$/, 'Secure over https');
  });

  test('bad identity settings fail at start with a clear message', () => {
    assert.throws(() => handler({ secret: 'short' }), /at least 32 bytes/, 'a short secret');
    assert.throws(() => handler({ cookieMaxAgeSeconds: 3600, expireSeconds: 3600 }), /must be longer than expireSeconds/, 'a cookie that dies before a renewal');
    assert.throws(() => handler({ sameSite: 'lax' }), /sameSite must be/, 'SameSite spelled wrong');
    assert.doesNotThrow(() => handler({ hostIds: [] }), 'no host ids is allowed: no host tokens');
  });
});
