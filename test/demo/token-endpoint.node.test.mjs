// The demo's token endpoint (`token-url` contract, docs/tokens.md) and the demo server.
// Run: node --test test/demo/
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  createTokenHandler,
  agoraIdProblem,
  NO_CREDENTIALS_MESSAGE,
  VIEWER_ID,
} from '../../demo/token-endpoint.mjs';
import { startScratchDemoServer } from './show-driver.mjs';

// Fake but well-formed credentials: agora-token builds tokens only from 32 hex characters.
const APP_ID = '0123456789abcdef0123456789abcdef';
const APP_CERT = 'fedcba9876543210fedcba9876543210';
const HOST_KEY = 'correct horse battery staple';
const NOW = 1_750_000_000_123; // ms
const EXPIRE = 600;

// agora-token's own parser, to read back what was signed (offline; proves nothing about Agora's servers).
const require = createRequire(import.meta.url);
const { AccessToken2, kRtcServiceType, kRtmServiceType } = require('agora-token/src/AccessToken2.js');

const handler = (overrides = {}) =>
  createTokenHandler({
    appId: APP_ID,
    appCertificate: APP_CERT,
    hostKey: HOST_KEY,
    hostIds: ['host', 'cohost'],
    expireSeconds: EXPIRE,
    now: () => NOW,
    ...overrides,
  });

const request = (h, query, method = 'GET') => {
  const url = new URL(`http://127.0.0.1/api/token?${new URLSearchParams(query)}`);
  const res = h.handleTokenRequest(url, {}, method);
  return { ...res, json: JSON.parse(res.body) };
};

// Note: the parser returns strings as Buffers, hence the String(...) below.
function decode(token) {
  const parsed = new AccessToken2();
  assert.equal(parsed.from_string(token), true, 'token parses as an AccessToken2 (007) token');
  return parsed;
}

describe('token endpoint: configuration', () => {
  test('answers 503 with the BroadcastChannel hint when credentials are missing', () => {
    for (const options of [{ appId: undefined, appCertificate: undefined }, { appId: APP_ID, appCertificate: '' }, { appId: '', appCertificate: APP_CERT }]) {
      const h = handler(options);
      assert.equal(h.live, false, 'not live without both credentials');
      const res = request(h, { channel: 'show-1' });
      assert.equal(res.status, 503, 'status 503 without credentials');
      assert.equal(res.json.error, NO_CREDENTIALS_MESSAGE, 'message names the env vars and BroadcastChannel');
      assert.equal(res.headers['Cache-Control'], 'no-store', 'errors are not cached either');
    }
  });

  test('answers 500 with a clear message when credentials are malformed (agora-token would return "")', () => {
    const res = request(handler({ appId: 'not-a-real-app-id' }), { channel: 'show-1' });
    assert.equal(res.status, 500, 'status 500 on malformed app id');
    assert.match(res.json.error, /AGORA_APP_ID must be 32 hexadecimal/, 'message explains the app id format');
    const cert = request(handler({ appCertificate: 'xyz' }), { channel: 'show-1' });
    assert.match(cert.json.error, /AGORA_APP_CERTIFICATE must be 32 hexadecimal/, 'message explains the certificate format');
  });

  test('rejects an expiry Agora would not honour', () => {
    assert.throws(() => handler({ expireSeconds: 0 }), /expireSeconds/, '0 s rejected');
    assert.throws(() => handler({ expireSeconds: 86_401 }), /expireSeconds/, 'over 24 h rejected');
  });
});

describe('token endpoint: request validation', () => {
  test('400 for a missing or bad channel, with a message saying why', () => {
    const h = handler();
    const cases = [
      [{}, /"channel" is required/],
      [{ channel: '' }, /"channel" is required/],
      [{ channel: 'a'.repeat(65) }, /65 characters long; Agora allows at most 64/],
      [{ channel: '_private' }, /must not start with "_"/],
      [{ channel: 'show.1' }, /contains "\.", which Agora does not allow/],
      [{ channel: 'shöw' }, /contains "ö"/],
      [{ channel: 'a/b' }, /contains "\/"/],
    ];
    for (const [query, message] of cases) {
      const res = request(h, query);
      assert.equal(res.status, 400, `status 400 for ${JSON.stringify(query)}`);
      assert.match(res.json.error, message, `message for ${JSON.stringify(query)}`);
      assert.equal(res.headers['Cache-Control'], 'no-store', '400 is no-store');
    }
  });

  // A viewer's uid is only a hint (the endpoint issues viewer ids), so a malformed one is ignored
  // like any other id this browser was not issued; a host's uid must be one of the host ids exactly.
  test('a malformed uid: a fresh id for a viewer, 403 for a host', () => {
    const h = handler();
    for (const uid of ['x'.repeat(65), '_x', 'jane.doe', 'shöw']) {
      const viewer = request(h, { channel: 'show-1', uid, role: 'viewer' });
      assert.equal(viewer.status, 200, `viewer asking for ${uid.slice(0, 10)} still gets tokens`);
      assert.match(viewer.json.uid, VIEWER_ID, `viewer asking for ${uid.slice(0, 10)} gets a fresh id`);
      const host = request(h, { channel: 'show-1', uid, role: 'host', key: HOST_KEY });
      assert.equal(host.status, 403, `status 403 for host uid ${uid.slice(0, 10)}`);
      assert.match(host.json.error, /is not one of the host ids of this endpoint \(host, cohost\)/, `message for host uid ${uid.slice(0, 10)}`);
    }
  });

  test('400 for an unknown role', () => {
    const res = request(handler(), { channel: 'show-1', role: 'admin' });
    assert.equal(res.status, 400, 'status 400');
    assert.match(res.json.error, /"role" must be "viewer", "host" or "guest"/, 'message lists the roles');
  });

  test('every allowed character and the 64-character maximum pass', () => {
    assert.equal(agoraIdProblem('uid', 'aZ09 !#$%&()+,-:;<=>?@[]^_{|}~'), null, 'full character set accepted');
    assert.equal(agoraIdProblem('uid', 'x'.repeat(64)), null, '64 characters accepted');
    const res = request(handler(), { channel: 'x'.repeat(64), uid: 'a_b [1]' });
    assert.equal(res.status, 200, 'a 64-character channel mints tokens');
    assert.match(res.json.uid, VIEWER_ID, 'the punctuated uid was only a hint: a fresh viewer id');
  });

  test('405 for anything but GET', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD']) {
      const res = handler().handleTokenRequest(new URL('http://127.0.0.1/api/token?channel=show-1'), {}, method);
      assert.equal(res.status, 405, `status 405 for ${method}`);
      assert.equal(res.headers.Allow, 'GET', `Allow header for ${method}`);
    }
    // Method is checked first: even without credentials a POST is a 405.
    const noCreds = handler({ appId: undefined }).handleTokenRequest(new URL('http://127.0.0.1/api/token'), {}, 'POST');
    assert.equal(noCreds.status, 405, '405 wins over 503');
  });
});

describe('token endpoint: identities', () => {
  test('a viewer without a uid gets a fresh pseudonymous v- id', () => {
    const h = handler();
    const a = request(h, { channel: 'show-1', role: 'viewer' });
    const b = request(h, { channel: 'show-1' }); // role defaults to viewer
    assert.equal(a.status, 200, 'viewer request succeeds');
    assert.match(a.json.uid, VIEWER_ID, 'fresh id is v- + 16 url-safe characters');
    assert.notEqual(a.json.uid, b.json.uid, 'each fresh id is different');
    assert.equal(agoraIdProblem('uid', a.json.uid), null, 'generated ids satisfy Agora rules');
    assert.match(a.headers['Set-Cookie'], /HttpOnly/, 'and the browser gets its signed cookie');
  });

  // This test used to expect the asked id back ("a returning viewer keeps its pseudonym"): that let
  // anyone sign in as any viewer. Ids now come back only to the browser they were issued to
  // (test/demo/identity.node.test.mjs); without that browser's cookie, asking yields a fresh id.
  test('a viewer without the issuing cookie never gets the id it asks for', () => {
    const res = request(handler(), { channel: 'show-1', uid: 'v-returning42abcdef', role: 'viewer' });
    assert.equal(res.status, 200, 'still a viewer token');
    assert.notEqual(res.json.uid, 'v-returning42abcdef', 'not the asked id');
    assert.match(res.json.uid, VIEWER_ID, 'a fresh one');
    assert.equal(res.headers['X-Linger-Identity'], 'new; no cookie', 'the response says why');
  });

  test('a viewer can never get a host id, whatever it sends', () => {
    const h = handler();
    for (const uid of ['host', 'cohost']) {
      for (const query of [
        { channel: 'show-1', uid },
        { channel: 'show-1', uid, role: 'viewer' },
        { channel: 'show-1', uid, role: 'viewer', key: HOST_KEY }, // a key does not make a viewer request a host one
      ]) {
        const res = request(h, query);
        assert.equal(res.status, 200, `viewer request for ${uid} still succeeds`);
        assert.notEqual(res.json.uid, uid, `viewer asking for ${uid} does not get it`);
        assert.match(res.json.uid, /^v-/, 'gets a fresh pseudonym instead');
        const rtm = decode(res.json.rtmToken).getServices(kRtmServiceType)[0];
        assert.equal(String(rtm.__user_id), res.json.uid, 'the RTM token is bound to the fresh id, not the host id');
      }
    }
  });

  test('a host request needs the right key (403 otherwise)', () => {
    const h = handler();
    for (const key of [undefined, '', 'wrong', `${HOST_KEY} `, HOST_KEY.toUpperCase()]) {
      const query = { channel: 'show-1', uid: 'host', role: 'host' };
      if (key !== undefined) query.key = key;
      const res = request(h, query);
      assert.equal(res.status, 403, `status 403 for key ${JSON.stringify(key)}`);
      assert.match(res.json.error, /Host tokens need the right "key"/, 'message explains the key');
      assert.equal(res.headers['Cache-Control'], 'no-store', '403 is no-store');
    }
    const none = request(handler({ hostKey: '' }), { channel: 'show-1', uid: 'host', role: 'host', key: '' });
    assert.equal(none.status, 403, 'with no host key configured, nobody gets host tokens');
    assert.match(none.json.error, /no host key/, 'and the message says so');
  });

  test('host ids must have the strict host format (a bad LINGER_HOST_IDS fails at start)', () => {
    for (const ids of [['host '], ['Host', ''], ['v-abc'], ['a,b'], ['jane.doe'], ['һost'], 'host']) {
      assert.throws(() => handler({ hostIds: ids }), /LINGER_HOST_IDS/, `refused: ${JSON.stringify(ids)}`);
    }
  });

  test('a host with the right key gets the uid it asked for; it must ask for one', () => {
    const h = handler();
    const res = request(h, { channel: 'show-1', uid: 'host', role: 'host', key: HOST_KEY });
    assert.equal(res.status, 200, 'host request succeeds');
    assert.equal(res.json.uid, 'host', 'host gets the requested host id');
    const missing = request(h, { channel: 'show-1', role: 'host', key: HOST_KEY });
    assert.equal(missing.status, 400, 'host without uid is a 400');
    assert.match(missing.json.error, /"uid" is required for role=host/, 'message says uid is required');
  });
});

describe('token endpoint: tokens (offline)', () => {
  test('200 body has exactly appId, uid, rtmToken, rtcToken, expiresAt; no-store', () => {
    const res = request(handler(), { channel: 'show-1' });
    assert.equal(res.status, 200, 'status 200');
    assert.deepEqual(Object.keys(res.json).sort(), ['appId', 'expiresAt', 'rtcToken', 'rtmToken', 'uid'], 'contract fields');
    assert.equal(res.json.appId, APP_ID, 'appId echoed for the client');
    assert.equal(res.headers['Cache-Control'], 'no-store', 'Cache-Control: no-store');
    assert.match(res.headers['Content-Type'], /^application\/json/, 'JSON content type');
    assert.equal(res.json.expiresAt, Math.floor(NOW / 1000) + EXPIRE, 'expiresAt = now + expireSeconds (unix seconds)');
    assert.ok(Number.isInteger(res.json.expiresAt), 'expiresAt is whole seconds');
    for (const name of ['rtmToken', 'rtcToken']) {
      assert.ok(res.json[name].startsWith('007'), `${name} starts with 007`);
      assert.match(res.json[name].slice(3), /^[A-Za-z0-9+/]+=*$/, `${name} is 007 + base64`);
    }
  });

  test('tokens carry the app id, uid, channel and expiry, signed with the certificate', () => {
    const res = request(handler(), { channel: 'show-1' });
    const { uid } = res.json;
    const rtm = decode(res.json.rtmToken);
    const rtc = decode(res.json.rtcToken);
    for (const [name, token] of [['rtm', rtm], ['rtc', rtc]]) {
      assert.equal(String(token.appId), APP_ID, `${name}: app id`);
      assert.equal(token.expire, EXPIRE, `${name}: lifetime in seconds`);
      assert.equal(token.verifySignature(APP_CERT), true, `${name}: signed with the certificate`);
      assert.equal(token.verifySignature('00000000000000000000000000000000'), false, `${name}: not with another`);
    }
    assert.equal(String(rtm.getServices(kRtmServiceType)[0].__user_id), uid, 'RTM token bound to the uid');
    const rtcService = rtc.getServices(kRtcServiceType)[0];
    assert.equal(String(rtcService.__channel_name), 'show-1', 'RTC token bound to the channel');
    assert.equal(String(rtcService.__uid), uid, 'RTC token bound to the user account');
  });

  test('viewers get join-only RTC tokens; hosts get publish privileges', () => {
    const h = handler();
    const viewer = decode(request(h, { channel: 'show-1' }).json.rtcToken);
    const host = decode(request(h, { channel: 'show-1', uid: 'host', role: 'host', key: HOST_KEY }).json.rtcToken);
    // Privileges: 1 join, 2 publish audio, 3 publish video, 4 publish data stream.
    const privileges = (token) => Object.keys(token.getServices(kRtcServiceType)[0].__privileges).sort();
    assert.deepEqual(privileges(viewer), ['1'], 'viewer (SUBSCRIBER) may only join');
    assert.deepEqual(privileges(host), ['1', '2', '3', '4'], 'host (PUBLISHER) may publish');
    assert.equal(host.getServices(kRtcServiceType)[0].__privileges[1], EXPIRE, 'privilege expiry = expireSeconds');
  });
});

describe('token endpoint: Koa middleware', () => {
  test('answers /api/token and passes other paths on', async () => {
    const h = handler();
    let passed = 0;
    const ctx = (originalUrl, method = 'GET') => {
      const headers = {};
      return {
        path: new URL(originalUrl, 'http://x').pathname,
        originalUrl,
        method,
        headers: {},
        set(values) {
          Object.assign(headers, values);
        },
        responseHeaders: headers,
      };
    };
    const other = ctx('/demo/index.html');
    await h.middleware(other, async () => {
      passed++;
    });
    assert.equal(passed, 1, 'other paths reach next()');
    const tokenCtx = ctx('/api/token?channel=show-1');
    await h.middleware(tokenCtx, async () => {
      passed++;
    });
    assert.equal(passed, 1, '/api/token does not call next()');
    assert.equal(tokenCtx.status, 200, 'status set');
    assert.equal(tokenCtx.responseHeaders['Cache-Control'], 'no-store', 'headers set');
    assert.match(JSON.parse(tokenCtx.body).uid, /^v-/, 'body set');
  });
});

describe('demo server', () => {
  const fakeEnv = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: APP_CERT, LINGER_HOST_KEY: HOST_KEY };

  test('serves /api/token (and the storefront if present) on 127.0.0.1', async () => {
    const server = await startScratchDemoServer({ env: fakeEnv });
    try {
      const origin = new URL(server.url);
      assert.equal(origin.hostname, '127.0.0.1', 'bound to loopback');
      assert.ok(server.port > 0, 'an ephemeral port was assigned');
      assert.equal(server.tokensLive, true, 'tokens live with credentials');
      assert.equal(server.storefrontUrl, `${server.url}/demo/index.html`, 'storefront URL');
      assert.equal(server.hostUrl, `${server.url}/demo/host.html?key=${encodeURIComponent(HOST_KEY)}`, 'host URL carries the key');

      const viewer = await fetch(`${server.url}/api/token?channel=show-1&uid=host&role=viewer`);
      assert.equal(viewer.status, 200, 'viewer token over HTTP');
      assert.equal(viewer.headers.get('cache-control'), 'no-store', 'no-store over HTTP');
      const body = await viewer.json();
      assert.match(body.uid, /^v-/, 'viewer never gets the host id over HTTP either');
      assert.ok(body.rtmToken.startsWith('007') && body.rtcToken.startsWith('007'), 'tokens over HTTP');
      const [cookie] = viewer.headers.getSetCookie();
      assert.match(cookie, /^linger-browser=[^;]+; .*HttpOnly/, 'the viewer cookie over HTTP');
      const renewal = await fetch(`${server.url}/api/token?channel=show-1&uid=${body.uid}`, { headers: { cookie: cookie.split(';')[0] } });
      assert.equal((await renewal.json()).uid, body.uid, 'the demo server keeps the id for the browser that holds the cookie');
      const stranger = await fetch(`${server.url}/api/token?channel=show-1&uid=${body.uid}`);
      assert.notEqual((await stranger.json()).uid, body.uid, 'and for no other browser');

      const host = await fetch(`${server.url}/api/token?channel=show-1&uid=host&role=host&key=${encodeURIComponent(HOST_KEY)}`);
      assert.equal(host.status, 200, 'host token with the key');
      assert.equal((await host.json()).uid, 'host', 'host id for the key holder');
      const forbidden = await fetch(`${server.url}/api/token?channel=show-1&uid=host&role=host&key=nope`);
      assert.equal(forbidden.status, 403, 'host token refused without the key');
      await forbidden.body?.cancel();
      const post = await fetch(`${server.url}/api/token?channel=show-1`, { method: 'POST' });
      assert.equal(post.status, 405, 'POST is 405 over HTTP');
      await post.body?.cancel();

      const ts = await fetch(`${server.url}/src/transports/transport.ts`);
      assert.equal(ts.status, 200, 'TypeScript sources are served');
      assert.match(ts.headers.get('content-type'), /javascript/, 'TypeScript is served as JavaScript');
      assert.doesNotMatch(await ts.text(), /export interface/, 'types are compiled away');

      const dotfile = await fetch(`${server.url}/.git/HEAD`);
      assert.equal(dotfile.status, 404, 'dot-folders are never served');
      await dotfile.body?.cancel();
      const root = await fetch(`${server.url}/`, { redirect: 'manual' });
      assert.equal(root.status, 302, '/ redirects');
      assert.equal(new URL(root.headers.get('location'), server.url).pathname, '/demo/index.html', 'to the storefront');
      await root.body?.cancel();

    } finally {
      await server.close();
    }
  });

  const storefront = fileURLToPath(new URL('../../demo/index.html', import.meta.url));
  test('serves the storefront page with the process shim', { skip: !existsSync(storefront) && 'demo/index.html not written yet' }, async () => {
    const server = await startScratchDemoServer({ env: fakeEnv });
    try {
      const page = await fetch(server.storefrontUrl);
      assert.equal(page.status, 200, 'storefront page is served');
      assert.match(page.headers.get('content-type'), /text\/html/, 'as HTML');
      assert.match(await page.text(), /<script src="[^"]*process-shim\.js"><\/script>/, 'with the process shim nanostores needs (an external script: the CSP forbids inline ones)');
      const shim = await fetch(`${server.url}/demo/process-shim.js`);
      assert.match(await shim.text(), /window\.process/, 'the shim defines window.process');
    } finally {
      await server.close();
    }
  });

  test('without credentials the endpoint answers 503 and the demo runs on BroadcastChannel', async () => {
    const server = await startScratchDemoServer({ env: {} });
    try {
      assert.equal(server.tokensLive, false, 'tokens off');
      assert.ok(server.hostKey.length >= 16, 'a random host key was generated');
      const res = await fetch(`${server.url}/api/token?channel=show-1`);
      assert.equal(res.status, 503, '503 over HTTP');
      assert.equal((await res.json()).error, NO_CREDENTIALS_MESSAGE, 'with the BroadcastChannel hint');
    } finally {
      await server.close();
    }
  });

  test('one host list: the endpoint mints host tokens for LINGER_HOST_IDS only, and /api/demo-config hands the same list to the pages', async () => {
    const server = await startScratchDemoServer({ env: { ...fakeEnv, LINGER_HOST_IDS: 'host-1, cohost' } });
    try {
      const config = await (await fetch(`${server.url}/api/demo-config`)).json();
      assert.deepEqual(config, { agora: true, hosts: ['host-1', 'cohost'] }, 'the pages get the endpoint’s list');
      assert.deepEqual(server.hostIds, ['host-1', 'cohost']);
      const key = encodeURIComponent(HOST_KEY);
      const ok = await fetch(`${server.url}/api/token?channel=show-1&uid=host-1&role=host&key=${key}`);
      assert.equal((await ok.json()).uid, 'host-1', 'a listed host with the key');
      for (const uid of ['host', 'Host-1', 'host-1 ', 'HOST-1']) {
        const other = await fetch(`${server.url}/api/token?channel=show-1&uid=${encodeURIComponent(uid)}&role=host&key=${key}`);
        assert.equal(other.status, 403, `${JSON.stringify(uid)}: not in the list (not even the old default), even with the key`);
        await other.body?.cancel();
        const asViewer = await (await fetch(`${server.url}/api/token?channel=show-1&uid=${encodeURIComponent(uid)}`)).json();
        assert.match(asViewer.uid, /^v-/, `${JSON.stringify(uid)} asked as a viewer: a fresh viewer id`);
      }
    } finally {
      await server.close();
    }
  });

  test('LINGER_COOKIE_SECRET: viewer ids survive a restart with the same secret, not with another; a short one fails at start', async () => {
    const secret = 'x'.repeat(16) + 'a-32-byte-or-longer-secret';
    const first = await startScratchDemoServer({ env: { ...fakeEnv, LINGER_COOKIE_SECRET: secret } });
    let cookie;
    let uid;
    try {
      const res = await fetch(`${first.url}/api/token?channel=show-1`);
      uid = (await res.json()).uid;
      cookie = res.headers.getSetCookie()[0].split(';')[0];
    } finally {
      await first.close();
    }
    const ask = async (env) => {
      const server = await startScratchDemoServer({ env: { ...fakeEnv, ...env } });
      try {
        return (await (await fetch(`${server.url}/api/token?channel=show-1&uid=${uid}`, { headers: { cookie } })).json()).uid;
      } finally {
        await server.close();
      }
    };
    assert.equal(await ask({ LINGER_COOKIE_SECRET: secret }), uid, 'same secret: the viewer keeps its id');
    assert.notEqual(await ask({ LINGER_COOKIE_SECRET: `${secret}-rotated` }), uid, 'another secret: a fresh id');
    assert.notEqual(await ask({}), uid, 'no secret (random per start): a fresh id');
    await assert.rejects(startScratchDemoServer({ env: { ...fakeEnv, LINGER_COOKIE_SECRET: 'short' } }), /LINGER_COOKIE_SECRET must be at least 32 bytes/);
  });

  test('falls back to an ephemeral port when the wanted one is busy', async () => {
    const blocker = createServer();
    await new Promise((done) => blocker.listen({ port: 0, host: '127.0.0.1' }, done));
    const busy = blocker.address().port;
    try {
      const server = await startScratchDemoServer({ port: undefined, env: { PORT: String(busy) } });
      try {
        assert.notEqual(server.port, busy, 'did not take the busy port');
        const res = await fetch(`${server.url}/api/token?channel=x`);
        assert.equal(res.status, 503, 'the fallback server answers');
        await res.body?.cancel();
      } finally {
        await server.close();
      }
    } finally {
      blocker.close();
    }
  });
});
