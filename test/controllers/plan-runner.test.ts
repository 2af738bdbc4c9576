import { expect } from '@open-wc/testing';
import { PlanRunner, UNDO_MS, announceId, duePlanAction } from '../../src/controllers/plan-runner.js';
import type { ConsoleStep } from '../../src/core/console-desk.js';

const MIN = 60_000;
const step = (id: string, at: number, lead = 90): ConsoleStep => ({ id, kind: 'flash', at, lead, prompt: `Type 1 for ${id}`, title: `Perk ${id}` });

/** A runner whose hooks record what went out and what was marked. */
function recorder() {
  const log: string[] = [];
  const fired = new Set<string>();
  const runner = new PlanRunner({
    announce: (item) => log.push(`announce ${item.id}`),
    fire: (item) => log.push(`fire ${item.id}`),
    markFired: (id) => fired.add(id),
    label: ({ kind, step: item }) => `${kind} ${item.id}`,
  });
  return { runner, log, fired };
}

describe('plan runner', () => {
  it('finds the pre-announce when a step’s lead starts, then the step when due, each once', () => {
    const plan = [step('a', 10 * MIN), step('b', 30 * MIN)];
    expect(duePlanAction(plan, new Set(), 0), 'nothing yet').to.equal(null);
    expect(duePlanAction(plan, new Set(), 10 * MIN - 60_000)).to.deep.include({ kind: 'announce', handles: 'a:announce' });
    expect(duePlanAction(plan, new Set(['a:announce']), 10 * MIN - 60_000), 'announced once').to.equal(null);
    expect(duePlanAction(plan, new Set(['a:announce']), 10 * MIN + 1000)).to.deep.include({ kind: 'fire', handles: 'a' });
    expect(duePlanAction(plan, new Set(['a']), 10 * MIN - 60_000), 'a fired step is not announced').to.equal(null);
    expect(announceId({ id: 'x' })).to.equal('x:announce');
  });

  it('sends a queued action only after its undo window, and marks the plan entry', () => {
    const { runner, log, fired } = recorder();
    const plan = [step('a', 10 * MIN)];
    const now = 10 * MIN + 1000;
    runner.tick(now, plan, fired);
    expect(runner.pending, 'queued').to.deep.include({ label: 'fire a', handles: 'a', sendAt: now + UNDO_MS });
    expect(runner.secondsLeft(now)).to.equal(5);
    runner.tick(now + UNDO_MS - 1, plan, fired);
    expect(log, 'still in its undo window').to.deep.equal([]);
    runner.tick(now + UNDO_MS, plan, fired);
    expect(log).to.deep.equal(['fire a']);
    expect([...fired]).to.deep.equal(['a']);
    runner.tick(now + 2 * UNDO_MS, plan, fired);
    expect(log, 'once').to.deep.equal(['fire a']);
  });

  it('undo cancels the action and marks its entry handled so the plan moves on', () => {
    const { runner, log, fired } = recorder();
    const plan = [step('a', 10 * MIN), step('b', 10 * MIN + 30_000)];
    const now = 10 * MIN + 31_000;
    runner.tick(now, plan, fired);
    runner.undo();
    expect(runner.pending).to.equal(null);
    expect([...fired], 'a counts as handled').to.deep.equal(['a']);
    runner.tick(now + 1, plan, fired);
    expect(runner.pending?.label, 'the next step comes up').to.equal('fire b');
    expect(log, 'nothing went out').to.deep.equal([]);
  });

  it('a second queued action sends the waiting one at once rather than losing it', () => {
    const { runner } = recorder();
    const sent: string[] = [];
    runner.queue('one', () => sent.push('one'), 0);
    runner.queue('two', () => sent.push('two'), 10);
    expect(sent).to.deep.equal(['one']);
    expect(runner.pending?.label).to.equal('two');
    runner.drop();
    runner.tick(60_000, null, new Set());
    expect(sent, 'a dropped action never goes out').to.deep.equal(['one']);
  });
});
