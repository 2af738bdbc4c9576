/**
 * The real `agora-rtc-sdk-ng/esm` (4.24) against what the adapter relies on, without a network:
 * the quiet knobs exist and take effect, and loading and configuring the SDK sends nothing.
 * (Joining needs Agora's cloud, which tests never reach: test/fakes/agora-rtc-fake.ts covers that.)
 * The adapter with the real SDK comes bundled the way the CDN build bundles it, from the route of
 * test/servers/agora-csp.route.mjs (the dev server cannot serve the SDK's Node-only dependencies).
 */
import { expect } from '@open-wc/testing';
import type * as Adapter from '../../src/media/agora-rtc.js';

const loopback = (url: string) => /^(https?|wss?):\/\/(localhost|127\.0\.0\.1)[:/]/.test(url) || url.startsWith('/');

/** Records every request the page starts and keeps it on loopback (an off-loopback one is refused locally). */
function guardNetwork(): { requests: string[]; restore(): void } {
  const requests: string[] = [];
  const started = performance.now();
  const note = (kind: string, url: string) => requests.push(`${kind} ${url} @${Math.round(performance.now() - started)} ms`);
  const originalFetch = window.fetch;
  const originalOpen = XMLHttpRequest.prototype.open;
  const OriginalWebSocket = window.WebSocket;
  const originalBeacon = navigator.sendBeacon;
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (loopback(url)) return originalFetch(input, init);
    note('fetch', url);
    return Promise.reject(new TypeError('blocked by the test'));
  };
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    const target = String(url);
    if (!loopback(target)) note('xhr', target);
    return (originalOpen as (...args: unknown[]) => void).call(this, method, loopback(target) ? url : 'http://127.0.0.1:9/blocked', ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  window.WebSocket = class extends OriginalWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      if (!loopback(String(url))) note('ws', String(url));
      super(loopback(String(url)) ? url : 'ws://127.0.0.1:9/blocked', protocols);
    }
  };
  navigator.sendBeacon = (url) => {
    note('beacon', String(url));
    return false;
  };
  return {
    requests,
    restore: () => {
      window.fetch = originalFetch;
      XMLHttpRequest.prototype.open = originalOpen;
      window.WebSocket = OriginalWebSocket;
      navigator.sendBeacon = originalBeacon;
    },
  };
}

describe('agora-rtc-sdk-ng/esm, loaded for real', () => {
  it('has the quiet knobs, and the adapter keeps it from reporting before a join', async function () {
    this.timeout(180_000);
    const build = await fetch('/test-api/agora-csp/build');
    expect(build.ok, 'the CDN-like build of the adapter').to.equal(true);
    const network = guardNetwork();
    try {
      const built = '/test-api/agora-csp/build/agora-rtc.js';
      const { loadAgoraRtc, RtcAudience } = (await import(/* @vite-ignore */ built)) as typeof Adapter;
      const sdk = await loadAgoraRtc();
      expect(typeof sdk.setLogLevel, 'setLogLevel').to.equal('function');
      expect(typeof sdk.disableLogUpload, 'disableLogUpload').to.equal('function');
      expect(typeof sdk.setParameter, 'setParameter').to.equal('function');
      const audience = new RtcAudience({ container: document.createElement('div'), loadSdk: async () => sdk });
      await audience.load(); // warnings only, no log upload, no event reports until joined
      const printed: string[] = [];
      const originals = { info: console.info, log: console.log, debug: console.debug };
      console.info = console.log = console.debug = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
      try {
        sdk.createClient({ mode: 'live', codec: 'vp8' });
      } finally {
        Object.assign(console, originals);
      }
      expect(printed.filter((line) => /Agora-SDK \[(INFO|DEBUG)\]/.test(line)), 'no INFO or DEBUG lines once configured').to.deep.equal([]);
      // The SDK posts its queued event reports every 3 s (EVENT_REPORT_SEND_INTERVAL): two rounds.
      // (Without ENABLE_EVENT_REPORT off, three reports to statscollector went out here.)
      const rounds = new Promise((resolve) => setTimeout(resolve, 6_500));
      await rounds;
      expect(network.requests, 'nothing sent: not at import, not once configured').to.deep.equal([]);
      await audience.close();
    } finally {
      network.restore();
    }
  });
});
