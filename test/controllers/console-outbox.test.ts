import { expect } from '@open-wc/testing';
import { ActionOutbox, SETTLE_MS } from '../../src/controllers/console-outbox.js';

interface FakeSession {
  sent: string[];
}

describe('console outbox', () => {
  it('keeps actions in order, lets one be discarded, sends the rest once connected for the settle time', async () => {
    const outbox = new ActionOutbox<FakeSession>();
    const cleared: string[] = [];
    outbox.add('Open lottery', (session) => session.sent.push('lottery'), () => cleared.push('lottery form'));
    const live = outbox.add('Go live', (session) => session.sent.push('live'));
    outbox.add('Pin', async (session) => session.sent.push('pin'));
    expect(outbox.items.map((item) => item.label)).to.deep.equal(['Open lottery', 'Go live', 'Pin']);
    expect(outbox.discard(live.id)).to.equal(true);
    expect(outbox.discard(live.id), 'once').to.equal(false);

    expect(outbox.observe(false, 0), 'disconnected').to.equal(false);
    expect(outbox.observe(true, 1000), 'just connected: the session may still be restoring').to.equal(false);
    expect(outbox.observe(true, 1000 + SETTLE_MS)).to.equal(true);
    expect(outbox.observe(false, 5000), 'dropped again').to.equal(false);
    expect(outbox.observe(true, 5001)).to.equal(false);

    const session = { sent: [] as string[] };
    const refused: string[] = [];
    expect(await outbox.flush(session, (item) => refused.push(item.label))).to.equal(2);
    expect(session.sent).to.deep.equal(['lottery', 'pin']);
    expect(cleared, 'the form of a sent action is told').to.deep.equal(['lottery form']);
    expect(outbox.items).to.deep.equal([]);
    expect(refused).to.deep.equal([]);
  });

  it('refuses an action that throws or rejects, with its error, and goes on with the next', async () => {
    const outbox = new ActionOutbox<FakeSession>();
    const sentCallbacks: string[] = [];
    outbox.add('Reveal', () => {
      throw new Error('No open quiz');
    }, () => sentCallbacks.push('reveal'));
    outbox.add('Draw', () => Promise.reject(new Error('no seed')));
    outbox.add('Announce', (session) => session.sent.push('announce'));
    const session = { sent: [] as string[] };
    const refused: Array<[string, string]> = [];
    await outbox.flush(session, (item, error) => refused.push([item.label, (error as Error).message]));
    expect(refused).to.deep.equal([
      ['Reveal', 'No open quiz'],
      ['Draw', 'no seed'],
    ]);
    expect(session.sent).to.deep.equal(['announce']);
    expect(sentCallbacks, 'a refused action does not clear its form').to.deep.equal([]);
  });

  it('one flush at a time; an action added during a flush goes out in it', async () => {
    const outbox = new ActionOutbox<FakeSession>();
    const session = { sent: [] as string[] };
    outbox.add('first', async (s) => {
      s.sent.push('first');
      outbox.add('late', (t) => t.sent.push('late'));
    });
    const [a, b] = await Promise.all([outbox.flush(session, () => {}), outbox.flush(session, () => {})]);
    expect(a + b).to.equal(2);
    expect(session.sent).to.deep.equal(['first', 'late']);
  });
});
