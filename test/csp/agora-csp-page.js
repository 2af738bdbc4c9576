// Runs inside a page served by test/servers/agora-csp.route.mjs with a chosen Content-Security-Policy,
// then posts what happened to the test page that framed it (test/csp/agora-csp.test.ts).
//
// Before anything loads it records every CSP violation, every Worker and blob: URL and every
// WebAssembly instantiation, and refuses (and records) any request that would leave loopback: the
// documented policy allows Agora's hosts, and a test must never reach them.
//
// Scenarios:
// - `load`: the RTM adapter's loader brings in agora-rtm-sdk and one RTM client is built with
//   Linger's client config (no login: that is network); the SDK's WebAssembly must instantiate and
//   its timer worker must answer; then the player's loader brings in agora-rtc-sdk-ng.
// - `connect`: a transport connects with a static token; its error is reported.
// - `quiet`: like `connect`, plus a token renewal on a second client, with the console recorded.
const APP_ID = '0123456789abcdef0123456789abcdef';
const TOKEN = '007eJxTYLiSecretTokenForTheCspPageOnlyQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=';
const BUILD = '/test-api/agora-csp/build/';
const scenario = new URLSearchParams(location.search).get('scenario');

const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
  });
});

const isLoopback = (url) => url.protocol === 'blob:' || url.protocol === 'data:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
const offLoopback = [];
/** Records `target` and answers whether it may be requested. */
function allowed(target) {
  const url = new URL(String(target), location.href);
  if (isLoopback(url)) return true;
  offLoopback.push(url.href);
  return false;
}
const nativeFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const target = input instanceof Request ? input.url : input;
  return allowed(target) ? nativeFetch(input, init) : Promise.reject(new TypeError(`Refused by the test page: ${target}`));
};
const nativeOpen = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function open(method, target, ...rest) {
  // A refused XHR goes nowhere: it is opened on this page's origin instead and fails there.
  return nativeOpen.call(this, method, allowed(target) ? target : '/test-api/agora-csp/refused', ...rest);
};
window.WebSocket = new Proxy(window.WebSocket, {
  construct(target, args, newTarget) {
    if (!allowed(args[0])) throw new DOMException(`Refused by the test page: ${args[0]}`, 'SecurityError');
    return Reflect.construct(target, args, newTarget);
  },
});
const nativeBeacon = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (target, data) => allowed(target) && nativeBeacon(target, data);

// Workers and the blob: URLs they start from, to find the SDK's own timer worker afterwards.
const blobs = new Map();
const nativeCreateObjectURL = URL.createObjectURL;
URL.createObjectURL = (object) => {
  const url = nativeCreateObjectURL.call(URL, object);
  blobs.set(url, object);
  return url;
};
const workers = [];
window.Worker = new Proxy(window.Worker, {
  construct(target, args, newTarget) {
    const worker = Reflect.construct(target, args, newTarget);
    const failed = new Promise((resolve) => worker.addEventListener('error', () => resolve(true)));
    workers.push({ worker, url: String(args[0]), failed });
    return worker;
  },
});
const instantiations = [];
const nativeInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = (...args) => {
  const result = nativeInstantiate.apply(WebAssembly, args);
  instantiations.push(result.then(() => 'ok', (error) => `failed: ${error}`));
  return result;
};

const logged = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const native = console[level].bind(console);
  console[level] = (...args) => {
    logged.push(`${level}: ${args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' ')}`);
    native(...args);
  };
}
function safeJson(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Asks the SDK's timer worker (its blob holds `fakeIdToId`) for one tick: it answers only if it runs. */
async function sdkWorkerTicks() {
  for (const { worker, url, failed } of workers) {
    const blob = blobs.get(url);
    if (!blob || !(await blob.text()).includes('fakeIdToId')) continue;
    const tick = new Promise((resolve) => {
      worker.addEventListener('message', (event) => event.data?.fakeId === -7 && resolve(true));
    });
    worker.postMessage({ name: 'setInterval', fakeId: -7, time: 1 });
    const ticked = await Promise.race([tick, failed.then(() => false)]);
    worker.postMessage({ name: 'clearInterval', fakeId: -7 });
    return ticked ? 'ticks' : 'failed';
  }
  return 'not found';
}

/** A violation of our own, last: once it is reported, every earlier one has been. */
async function flushViolations() {
  const sentinel = violations.length;
  document.createElement('i').setAttribute('style', 'color: red');
  while (!violations.slice(sentinel).some((v) => v.source.includes('agora-csp-page.js'))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return violations.filter((v) => !v.source.includes('agora-csp-page.js'));
}

async function connect(rtm, userId) {
  const transport = rtm.createAgoraRtmTransport({ appId: APP_ID, channel: 'csp-check', userId, token: TOKEN, loginTimeoutMs: 4000 });
  try {
    await transport.connect();
    return { code: 'connected', message: '' };
  } catch (error) {
    return { code: error.code, message: error.message };
  } finally {
    await transport.close();
  }
}

async function run() {
  const rtm = await import(`${BUILD}agora-rtm.js`);
  if (scenario === 'load') {
    const sdk = await rtm.loadAgoraRtmSdk();
    const client = new sdk.RTM(APP_ID, 'csp-viewer', rtm.AGORA_RTM_CLIENT_CONFIG);
    const wasm = await Promise.all(instantiations);
    const worker = await sdkWorkerTicks();
    const rtc = await import(`${BUILD}agora-rtc.js`);
    const rtcSdk = await rtc.loadAgoraRtc();
    return {
      rtmClient: typeof client.login,
      wasm,
      worker,
      rtc: typeof rtcSdk.createClient,
      violations: await flushViolations(),
    };
  }
  if (scenario === 'connect') return { error: await connect(rtm, 'csp-viewer'), violations };
  if (scenario === 'quiet') {
    const error = await connect(rtm, 'csp-viewer');
    const sdk = await rtm.loadAgoraRtmSdk();
    const client = new sdk.RTM(APP_ID, 'csp-renewer', rtm.AGORA_RTM_CLIENT_CONFIG);
    const renewal = await client.renewToken(TOKEN).then(
      () => 'renewed',
      (failure) => `refused ${failure?.code}`,
    );
    return { error, renewal, token: TOKEN, logged };
  }
  throw new Error(`unknown scenario ${scenario}`);
}

run().then(
  (result) => parent.postMessage({ type: 'agora-csp', scenario, result: { ...result, offLoopback } }, location.origin),
  (error) => parent.postMessage({ type: 'agora-csp', scenario, failure: String(error?.stack ?? error), offLoopback }, location.origin),
);
