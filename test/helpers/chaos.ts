/**
 * What the chaos tests (test/core/chaos*.test.ts) read off a show under a faulty network: a bounded
 * wait, the entrant-list requests on the wire, and whether a screen gave up asking for the list.
 */
import type { RoomSession } from '../../src/core/session.js';

/** Polls `done`; fails as soon as `failure` names a reason (an event-count bound or a dead end). */
export async function waitFor(done: () => boolean, failure: () => string | null, what: string): Promise<void> {
  while (!done()) {
    const why = failure();
    if (why !== null) throw new Error(`${what}: ${why}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const typeOf = (data: string): { type?: string; entrants?: string } => {
  try {
    const json = JSON.parse(data) as { type?: string; body?: { entrants?: string } };
    return { type: json.type, entrants: json.body?.entrants };
  } catch {
    return {};
  }
};
/** A viewer's request for a draw's entrant list (a hello naming the lottery). */
export const isListRequest = (data: string, id: string) => {
  const message = typeOf(data);
  return message.type === 'hello' && message.entrants === id;
};

/**
 * A screen stuck without the entrant list: the draw checks only partly, the list is incomplete, and
 * no request for it is planned any more. Read from the session's internals (the lottery flow's
 * `asking` and `parts`, src/core/lottery-flow.ts) because nothing public tells "will ask again" from
 * "gave up"; `false` when those internals are not there to read.
 */
export function stoppedAsking(viewer: RoomSession, id: string): boolean {
  type Internals = { asking?: unknown; parts?: unknown; askingEntrants?: unknown; entrantParts?: unknown; lottery?: Internals };
  const session = viewer as unknown as Internals;
  const flow = session.lottery && typeof session.lottery === 'object' && 'asking' in session.lottery ? session.lottery : undefined;
  const asking = flow ? flow.asking : session.askingEntrants;
  const parts = flow ? flow.parts : session.entrantParts;
  if (!(asking instanceof Set) || !(parts instanceof Map)) return false;
  const got = parts.get(id) as (Map<number, string[]> & { parts?: number }) | undefined;
  const complete = got !== undefined && got.size === got.parts;
  return viewer.viewer.draws[id]?.status === 'partial' && !complete && !asking.has(id);
}
