/**
 * A sorted list published after a result so every screen can re-check it: a draw's entrants
 * (src/core/lottery-flow.ts), a vote's ballots (src/core/vote-flow.ts). The host sends it in parts
 * and re-sends it straight to a screen that missed some; a screen collects the parts and asks
 * again, with the one backoff policy (src/core/retry.ts), until it has them all: on a lossy link
 * every ask may be lost, and a screen that stopped asking could never verify the result.
 */
import type { BodyOf } from './protocol.js';
import type { SessionCore } from './session-core.js';
import { retryDelay } from './retry.js';

/** Lists up to this many ids are published after a result so every screen can re-check it. */
export const PUBLISH_LIST_UP_TO = 20_000;
const LIST_PART_BYTES = 24_000;
const LIST_PART_IDS = 5000;
/** Lists the host re-sends on request, per second, all viewers together (a part can be 24 KB). */
export const LIST_RESENDS = { burst: 5, perSecond: 5 };

/** A published list (entrants, ballots) in parts of at most 5,000 ids and 24 KB, each one message. */
export function splitParts(sorted: readonly string[]): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const item of sorted) {
    if (current.length >= LIST_PART_IDS || bytes + item.length + 3 > LIST_PART_BYTES) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.length + 3;
  }
  parts.push(current);
  return parts;
}

type ListType = 'lottery.entrants' | 'vote.ballots';

export interface ListWire<T extends ListType> {
  type: T;
  /** One part's message body. */
  body(id: string, part: number, parts: number, items: string[]): BodyOf<T>;
  /** The `hello` field that asks the host for the list (`entrants`, `ballots`). */
  ask: 'entrants' | 'ballots';
  /** The pace bucket of the host's re-sends. */
  resends: string;
  /** Whether this screen still wants list `id`: its result is the current one and was published in parts. */
  wanted(id: string): boolean;
}

export class PublishedList<T extends ListType> {
  private readonly parts = new Map<string, Map<number, string[]> & { parts?: number }>();
  private readonly runs = new Map<string, number>();
  /** Host: the last list as published, for viewers that missed parts. */
  private published: { id: string; parts: string[][] } | null = null;
  /** Viewer: lists being asked for. */
  private readonly asking = new Set<string>();

  constructor(
    private readonly core: SessionCore,
    private readonly wire: ListWire<T>,
  ) {}

  /** Host: publishes the sorted list in parts and keeps them for re-sends. */
  publish(id: string, sorted: readonly string[]): void {
    const parts = splitParts(sorted);
    this.published = { id, parts };
    parts.forEach((items, part) => this.core.act(this.wire.type, this.wire.body(id, part, parts.length, items)));
  }

  /** Host: sends the last list straight to a viewer that missed parts of it (paced, all viewers together). */
  resend(viewer: string, id: string): void {
    const { core, wire } = this;
    const list = this.published;
    if (list?.id !== id || core.pace.take(wire.resends, LIST_RESENDS, 1, core.clock.localNow()) === 0) return;
    list.parts.forEach((items, part) => void core.send(core.envelope(wire.type, wire.body(id, part, list.parts.length, items)), viewer));
  }

  /** Keeps one part; `true` when it was the last one missing. */
  collect(id: string, part: number, parts: number, items: string[]): boolean {
    let got = this.parts.get(id);
    if (!got || got.parts !== parts) {
      got = Object.assign(new Map<number, string[]>(), { parts });
      this.parts.set(id, got);
      if (this.parts.size > 5) this.parts.delete(this.parts.keys().next().value as string);
    }
    const complete = got.size === parts;
    got.set(part, items);
    return !complete && got.size === parts;
  }

  /** The whole list when every part arrived, else `null`. */
  list(id: string): string[] | null {
    const got = this.parts.get(id);
    if (!got || got.size !== got.parts) return null;
    const list: string[] = [];
    for (let part = 0; part < got.parts; part++) {
      const items = got.get(part);
      if (!items) return null;
      for (const item of items) list.push(item);
    }
    return list;
  }

  /** Viewer: asks the host for an incomplete list until it has it or no longer wants it. */
  ask(id: string, attempt = 0): void {
    const { core, wire } = this;
    if (attempt === 0 && this.asking.has(id)) return;
    if (core.isHost || core.closed) return void this.asking.delete(id);
    this.asking.add(id);
    core.timers.later(() => {
      if (!wire.wanted(id)) return void this.asking.delete(id);
      const got = this.parts.get(id);
      if (got && got.size === got.parts) return void this.asking.delete(id);
      const hello = core.envelope('hello', { seq: core.state.hostSeq, [wire.ask]: id });
      for (const host of core.hosts) void core.send(hello, host);
      this.ask(id, attempt + 1);
    }, retryDelay(attempt + 1));
  }

  /** Hands a check's result to `done` unless a newer check of the same list started or the session closed. */
  settle<R>(id: string, check: Promise<R>, done: (result: R) => void): void {
    const run = (this.runs.get(id) ?? 0) + 1;
    this.runs.set(id, run);
    void check.then((result) => {
      if (this.runs.get(id) === run && !this.core.closed) done(result);
    });
  }
}
