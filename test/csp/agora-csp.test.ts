/**
 * The Content-Security-Policy for Agora pages, proven with the real SDKs: agora-rtm-sdk and
 * agora-rtc-sdk-ng, bundled the way the CDN build bundles them (test/servers/agora-csp.route.mjs),
 * load in a page served with the documented policy (demo/server.mjs `AGORA_CONTENT_SECURITY_POLICY`,
 * docs/agora.md) without a single violation, with Trusted Types on and off. Loading and compiling
 * happen before any network use, so this runs offline; the page refuses anything beyond loopback
 * and the tests check nothing was even attempted.
 *
 * A page missing one allowance gets an error naming that directive — never `connect-src`.
 */
import { expect } from '@open-wc/testing';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}
interface TransportFailure {
  code: string;
  message: string;
}
interface PageResult {
  offLoopback: string[];
  violations?: Violation[];
  rtmClient?: string;
  wasm?: string[];
  worker?: string;
  rtc?: string;
  error?: TransportFailure;
  renewal?: string;
  token?: string;
  logged?: string[];
}

/** Opens the page with `policy` in an iframe and resolves with what it reports. */
async function runPage(policy: string, scenario: 'load' | 'connect' | 'quiet'): Promise<PageResult> {
  const frame = document.createElement('iframe');
  frame.style.width = '320px';
  frame.style.height = '200px';
  const reported = new Promise<PageResult>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'agora-csp') return;
      window.removeEventListener('message', onMessage);
      const data = event.data as { result?: PageResult; failure?: string; offLoopback: string[] };
      if (data.failure) reject(new Error(`the ${scenario} page failed: ${data.failure} (off loopback: ${data.offLoopback.join(', ')})`));
      else resolve(data.result!);
    };
    window.addEventListener('message', onMessage);
  });
  frame.src = `/test-api/agora-csp/page?policy=${policy}&scenario=${scenario}`;
  document.body.append(frame);
  try {
    return await reported;
  } finally {
    frame.remove();
  }
}

const described = (violations: Violation[] = []) => violations.map((v) => `${v.directive} ${v.blocked} at ${v.source}`);

describe('Content-Security-Policy for Agora pages, with the real SDKs', function () {
  // The first request bundles both SDKs (≈ 3 MB through rollup's commonjs plugin).
  this.timeout(120_000);

  before(async () => {
    const answer = await fetch('/test-api/agora-csp/build');
    expect(answer.ok, 'the SDK bundle builds').to.equal(true);
    const { files } = (await answer.json()) as { files: string[] };
    expect(files, 'both entry points').to.include.members(['agora-rtm.js', 'agora-rtc.js']);
  });

  it('the documented policy (and the strict one) are what the route serves', async () => {
    const policies = (await (await fetch('/test-api/agora-csp/policies')).json()) as Record<string, string>;
    expect(policies['agora-tt']).to.contain("require-trusted-types-for 'script'").and.contain('trusted-types lit-html linger-agora');
    expect(policies['agora']).to.not.contain('trusted-types');
    for (const name of ['agora', 'agora-tt']) {
      expect(policies[name]).to.contain("'wasm-unsafe-eval'").and.contain('worker-src blob:').and.contain('wss://*.agora.io');
      expect(policies[name], 'no unsafe-eval, no unsafe-inline').to.not.match(/'unsafe-eval'|'unsafe-inline'/);
    }
  });

  for (const policy of ['agora', 'agora-tt']) {
    it(`under "${policy}" both SDKs load, RTM's WebAssembly and worker run, and nothing is violated`, async () => {
      const result = await runPage(policy, 'load');
      expect(described(result.violations), 'no CSP violation').to.deep.equal([]);
      expect(result.rtmClient, 'an RTM client was built').to.equal('function');
      expect(result.wasm, "the SDK's WebAssembly instantiated").to.have.length.greaterThan(0);
      expect(result.wasm!.every((outcome) => outcome === 'ok'), result.wasm!.join('; ')).to.equal(true);
      expect(result.worker, "the SDK's timer worker answers").to.equal('ticks');
      expect(result.rtc, 'RTC loaded').to.equal('function');
      expect(result.offLoopback, 'nothing was requested beyond loopback').to.deep.equal([]);
    });
  }

  it('the check catches a violation (an allowance missing is seen)', async () => {
    const result = await runPage('agora-no-worker', 'connect');
    expect(described(result.violations).join('\n')).to.contain('worker-src blob');
  });

  const cases: Array<{ policy: string; names: string[]; not: string[] }> = [
    { policy: 'agora-tt-unlisted', names: ['trusted-types', 'linger-agora', "require-trusted-types-for 'script'"], not: ['wasm-unsafe-eval', 'worker-src'] },
    { policy: 'agora-no-wasm', names: ["'wasm-unsafe-eval'", 'script-src'], not: ['worker-src', 'trusted-types'] },
    { policy: 'agora-no-worker', names: ['worker-src', 'blob:'], not: ['wasm-unsafe-eval', 'trusted-types'] },
    { policy: 'strict', names: ["'wasm-unsafe-eval'", 'worker-src'], not: ['trusted-types'] },
  ];
  for (const { policy, names, not } of cases) {
    it(`under "${policy}" connecting fails with sdk-load-failed naming ${names.join(', ')} — not connect-src`, async () => {
      const { error, offLoopback } = await runPage(policy, 'connect');
      expect(error?.code, error?.message).to.equal('sdk-load-failed');
      for (const name of names) expect(error!.message).to.contain(name);
      for (const name of [...not, 'connect-src']) expect(error!.message).to.not.contain(name);
      expect(offLoopback, 'it failed before any network use').to.deep.equal([]);
    });
  }

  it('the real RTM SDK prints no part of a refused token, at login or at renewal', async () => {
    const { error, renewal, token, logged } = await runPage('agora-offline', 'quiet');
    expect(error?.code, error?.message).to.equal('agora-credentials');
    expect(renewal).to.match(/^refused/);
    const printed = logged!.join('\n');
    // The SDK would print "007eJxTYLiSecretTokenForTheCspPag…" at ERROR level with a louder log level.
    expect(printed).to.not.contain(token!.slice(0, 12));
    expect(printed).to.not.contain(token!.slice(12, 24));
    expect(error!.message).to.not.contain(token!.slice(0, 12));
  });
});
