/**
 * The host console's plan runner, without a DOM: one action at a time waits {@link UNDO_MS} before
 * it goes out, so the operator can undo it; the plan pre-announces each step when its lead starts
 * and queues the step when it is due, each once. The console calls `tick(now, …)` on its ticker.
 */
import { stepPhase } from '../core/rhythm.js';
import type { ConsoleStep } from '../core/console-desk.js';

/** How long a queued action waits before it goes out (ms). */
export const UNDO_MS = 5_000;

export interface PendingAction {
  label: string;
  /** When it goes out (the console's clock, ms). */
  sendAt: number;
  run: () => void;
  /** The plan entry this action handles: undoing it marks it handled so the plan moves on. */
  handles?: string;
}

/** The plan's next action at `now`: a step's pre-announce once its lead started, the step once due. */
export type PlanAction = { kind: 'announce' | 'fire'; step: ConsoleStep; handles: string };

/** Id under which a step's pre-announce is recorded as fired. */
export const announceId = (step: Pick<ConsoleStep, 'id'>): string => `${step.id}:announce`;

/** The first step with something to do at `now`, each pre-announce and step once. */
export function duePlanAction(plan: readonly ConsoleStep[], fired: ReadonlySet<string>, now: number): PlanAction | null {
  for (const step of plan) {
    const phase = stepPhase(step, now);
    if (phase === 'announce' && !fired.has(announceId(step)) && !fired.has(step.id)) return { kind: 'announce', step, handles: announceId(step) };
    if (phase === 'due' && !fired.has(step.id)) return { kind: 'fire', step, handles: step.id };
  }
  return null;
}

export interface PlanRunnerHooks {
  /** Sends a step's pre-announce (when its undo window closed). */
  announce(step: ConsoleStep): void;
  /** Fires a step (when its undo window closed). */
  fire(step: ConsoleStep): void;
  /** Records a plan entry as handled (sent or undone). */
  markFired(id: string): void;
  /** The label an action shows while it waits. */
  label(action: PlanAction): string;
}

export class PlanRunner {
  /** The action waiting for its undo window to close, or `null`. */
  pending: PendingAction | null = null;

  constructor(
    private readonly hooks: PlanRunnerHooks,
    readonly undoMs = UNDO_MS,
  ) {}

  /** Queues an action; one already waiting goes out now rather than being lost. */
  queue(label: string, run: () => void, now: number, handles?: string): void {
    const waiting = this.pending;
    this.pending = null;
    waiting?.run();
    this.pending = { label, run, sendAt: now + this.undoMs, ...(handles ? { handles } : {}) };
  }

  /** Queues a plan action (the step's pre-announce or the step itself). */
  queuePlan(action: PlanAction, now: number): void {
    const { step, handles } = action;
    const run =
      action.kind === 'announce'
        ? () => {
            this.hooks.markFired(handles);
            this.hooks.announce(step);
          }
        : () => {
            this.hooks.markFired(handles);
            this.hooks.fire(step);
          };
    this.queue(this.hooks.label(action), run, now, handles);
  }

  /** Cancels the waiting action; an undone plan step counts as handled, so the plan does not queue it again at once. */
  undo(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.handles) this.hooks.markFired(pending.handles);
  }

  /** Forgets the waiting action without running it (the console moved to another room). */
  drop(): void {
    this.pending = null;
  }

  /** Whole seconds until the waiting action goes out. */
  secondsLeft(now: number): number {
    return this.pending ? Math.max(0, Math.ceil((this.pending.sendAt - now) / 1000)) : 0;
  }

  /** Sends the waiting action once its window closed; then, with nothing waiting, queues what the plan has due. */
  tick(now: number, plan: readonly ConsoleStep[] | null, fired: ReadonlySet<string>): void {
    if (this.pending && now >= this.pending.sendAt) {
      const { run } = this.pending;
      this.pending = null;
      run();
    }
    if (this.pending || !plan) return;
    const action = duePlanAction(plan, fired, now);
    if (action) this.queuePlan(action, now);
  }
}
