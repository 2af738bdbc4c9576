import { expect, waitUntil } from '@open-wc/testing';
import { isPermanentError, RETRY_CEILING_MS, retryDelay, RetryScheduler } from '../../src/core/retry.js';
import { transportError, type TransportError } from '../../src/transports/transport.js';

/** A scheduler on private event targets, with small delays, that records its attempts. */
function rig(outcome: () => void | TransportError, base = 10) {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as string });
  const planned: Array<number | null> = [];
  let attempts = 0;
  const scheduler = new RetryScheduler({
    attempt: async () => {
      attempts++;
      const error = outcome();
      if (error) throw error;
    },
    permanent: isPermanentError,
    onScheduled: (retryAt) => planned.push(retryAt),
    base,
    ceiling: Math.max(base, 40),
    random: () => 1,
    events: { window: win, document: doc },
  });
  return { scheduler, win, doc, planned, attempts: () => attempts };
}

describe('the one retry policy (src/core/retry.ts)', () => {
  it('backs off exponentially with jitter in [½, 1] and never waits longer than the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, () => 1))).to.deep.equal([1000, 2000, 4000, 8000, 16000]);
    expect(retryDelay(6, () => 1), 'capped').to.equal(RETRY_CEILING_MS);
    expect(retryDelay(500, () => 1), 'a long outage stays at the ceiling').to.equal(RETRY_CEILING_MS);
    expect(retryDelay(500, () => 0), 'jitter: at least half').to.equal(RETRY_CEILING_MS / 2);
  });

  it('a long outage: keeps retrying at the ceiling, then `online` retries at once and success resets the backoff', async () => {
    let offline = true;
    const { scheduler, win, attempts } = rig(() => (offline ? transportError('agora-unreachable', 'offline (test)') : undefined));
    scheduler.start();
    // Well past the ceiling: the waits stopped growing, the attempts never stopped.
    await waitUntil(() => attempts() >= 8, 'many attempts during the outage', { timeout: 5000 });
    expect(scheduler.attempts, 'counting failures').to.be.at.least(7);
    offline = false;
    const before = attempts();
    win.dispatchEvent(new Event('online'));
    await waitUntil(() => scheduler.attempts === 0, 'connected: the backoff starts over');
    expect(attempts(), 'one more attempt, at once').to.be.within(before + 1, before + 2);
    scheduler.stop();
  });

  it('the tab becoming visible retries at once; becoming hidden does not', async () => {
    let fail = true;
    // A wait of an hour: only the event can bring the next attempt within the test.
    const { scheduler, doc, attempts } = rig(() => (fail ? transportError('token-failed', 'HTTP 500 (test)') : undefined), 3_600_000);
    scheduler.start();
    await waitUntil(() => attempts() >= 1 && scheduler.attempts >= 1, 'a failure');
    fail = false;
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempts(), 'hidden: no attempt').to.equal(1);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => scheduler.attempts === 0, 'retried');
    scheduler.stop();
  });

  it('a permanent error (setup, SDK blocked by CSP) plans no retry, not even on `online`; a transient one does', async () => {
    for (const code of ['sdk-load-failed', 'invalid-app-id', 'missing-channel', 'agora-credentials']) {
      const { scheduler, win, planned, attempts } = rig(() => transportError(code, 'permanent (test)'));
      scheduler.start();
      await waitUntil(() => attempts() === 1, `${code}: tried once`);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the rejection reach the scheduler
      expect(planned.filter((at) => at !== null), `${code}: no retry planned`).to.deep.equal([]);
      win.dispatchEvent(new Event('online'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(attempts(), `${code}: still one attempt`).to.equal(1);
      scheduler.stop();
    }
    for (const code of ['token-failed', 'token-forbidden', 'agora-unreachable', 'agora-link-failed']) {
      expect(isPermanentError(transportError(code, 'x')), `${code} is transient`).to.equal(false);
    }
  });
});
