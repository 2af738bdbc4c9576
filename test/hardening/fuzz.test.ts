/**
 * Protocol fuzzing with fast-check: valid envelopes of every type (bodies derived from the valibot
 * schemas of the MESSAGES table) and mutated ones, fed (a) to `parseMessage` + `reduce` and (b) to a
 * live viewer `RoomSession` over the memory transport, from random senders including look-alikes of
 * the host id. Nothing may throw, the state's invariants hold after every step, and only the
 * configured host changes host-driven state.
 *
 * Reproduce a failure: fast-check prints `{ seed, path }`; put them in FUZZ_SEED / FUZZ_PATH below, or
 * open the test page with `?seed=…&path=…`.
 */
import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  MAX_SNAPSHOT_BYTES,
  MESSAGES,
  PROTOCOL_VERSION,
  isHostOnly,
  isHttpUrl,
  parseMessage,
  snapshotStateSchema,
  type Envelope,
  type Inbound,
  type MessageType,
} from '../../src/core/protocol.js';
import { CHAT_BUFFER, DELETED_IDS, RECENT_IDS, initialState, reduce, toSnapshot, type ShowState } from '../../src/core/state.js';
import { MemoryNetwork, type MemoryTransport } from '../../src/transports/memory.js';
import { RoomSession } from '../../src/core/session.js';
import { CORPUS, PROTOTYPE_KEYS } from './corpus.js';
import { startShow } from '../helpers/show.js';

const FUZZ_SEED = 42;
const FUZZ_PATH: string | undefined = undefined;
const query = new URLSearchParams(location.search);
const SEED = Number(query.get('seed') ?? FUZZ_SEED);
const PATH = query.get('path') ?? FUZZ_PATH;
const runOptions = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, ...(PATH ? { path: PATH } : {}), endOnFailure: true });

const HOST = 'host-1';
/** The configured host, honest viewers, look-alikes of the host id and prototype names. */
const SENDERS = [HOST, 'viewer-x', 'viewer-y', 'Host-1', 'host-1 ', 'host-1\u200b', 'host-2', 'host', '__proto__', 'constructor'];
const isHost = (id: string) => id === HOST;
const EPOCH = '000000001aaaaa';
const TYPES = Object.keys(MESSAGES) as MessageType[];

// ── Arbitraries derived from the valibot schemas ───────────────────────────────────────────────

interface Schema {
  type: string;
  pipe?: ReadonlyArray<{ type: string; requirement?: unknown }>;
  entries?: Record<string, Schema>;
  wrapped?: Schema;
  item?: Schema;
  /** A tuple's schemas, one per position. */
  items?: Schema[];
  options?: readonly unknown[];
}

const requirement = (schema: Schema, type: string) => schema.pipe?.find((action) => action.type === type)?.requirement;

/** Hostile corpus strings that fit a length range: valid text is not only letters. */
const corpusText = (min: number, max: number) => CORPUS.map((payload) => payload.text).filter((text) => text.length >= min && text.length <= max);

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const regex = requirement(schema, 'regex') as RegExp | undefined;
  if (regex) return fc.stringMatching(regex);
  if (requirement(schema, 'check') === isHttpUrl) return fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((url) => url.length <= 2048);
  const min = (requirement(schema, 'min_length') as number | undefined) ?? 0;
  const max = (requirement(schema, 'max_length') as number | undefined) ?? 1000;
  const fits = (text: string) => text.length >= min && text.length <= max;
  const hostile = corpusText(min, max);
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 80) }).filter(fits),
    fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 80) }).filter(fits),
    fc.constant('x'.repeat(max)),
    ...(hostile.length ? [fc.constantFrom(...hostile)] : []),
  );
}

function numberFor(schema: Schema): fc.Arbitrary<number> {
  const lo = (requirement(schema, 'min_value') as number | undefined) ?? 0;
  const hi = (requirement(schema, 'max_value') as number | undefined) ?? 1e13;
  if (!requirement(schema, 'integer')) return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  if (hi - lo <= 2 ** 31 - 1) return fc.integer({ min: lo, max: hi });
  return fc.oneof(fc.integer({ min: lo, max: 2 ** 31 - 1 }), fc.maxSafeNat().map((n) => Math.min(hi, lo + n)), fc.constant(hi));
}

/** A value the schema accepts, built by walking it. */
export function arbitraryFor(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, entry] of Object.entries(schema.entries!)) {
        model[key] = arbitraryFor(entry.type === 'optional' ? entry.wrapped! : entry);
        if (entry.type !== 'optional') required.push(key);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'optional':
      return arbitraryFor(schema.wrapped!);
    case 'nullable':
      return fc.option(arbitraryFor(schema.wrapped!), { nil: null });
    case 'picklist':
      return fc.constantFrom(...schema.options!);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const min = (requirement(schema, 'min_length') as number | undefined) ?? 0;
      const max = (requirement(schema, 'max_length') as number | undefined) ?? 8;
      return fc.array(arbitraryFor(schema.item!), { minLength: min, maxLength: Math.min(max, min + 6) });
    }
    case 'tuple':
      return fc.tuple(...schema.items!.map((item) => arbitraryFor(item)));
    case 'string':
      return stringFor(schema);
    case 'number':
      return numberFor(schema);
  }
  throw new Error(`[fuzz] no arbitrary for a valibot "${schema.type}" schema`);
}

/** Built once per type: deriving (regexes especially) costs far more than generating. */
const bodies = new Map<MessageType, fc.Arbitrary<unknown>>();
const bodyFor = (type: MessageType) => {
  if (!bodies.has(type)) bodies.set(type, arbitraryFor(MESSAGES[type].schema as unknown as Schema));
  return bodies.get(type)!;
};

// ── Mutations ──────────────────────────────────────────────────────────────────────────────────

const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, -1, -0.5, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', [], {}, [[[[]]]], { __proto__: null }),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('z'.repeat(5000)),
  fc.jsonValue({ maxDepth: 3 }),
);

type Mutation =
  | { kind: 'none' }
  | { kind: 'drop'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'extra'; pick: number; key: string; value: unknown }
  | { kind: 'number-token'; pick: number; token: string }
  | { kind: 'nest'; depth: number; object: boolean }
  | { kind: 'pad'; pick: number; size: number }
  | { kind: 'json'; value: unknown }
  | { kind: 'string'; value: string }
  | { kind: 'type'; type: string }
  | { kind: 'proto-body'; key: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'none' as const }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('extra' as const), pick: fc.nat(), key: fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'sender', 'fromHost'), value: hostileValue }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('number-token' as const), pick: fc.nat(), token: fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '-0', '1e-400', '9007199254740993', '-1') }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 20_000 }), object: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pad' as const), pick: fc.nat(), size: fc.integer({ min: 100, max: 40_000 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('string' as const), value: fc.string({ unit: 'binary' }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('type' as const), type: fc.constantFrom(...PROTOTYPE_KEYS, 'chat ', 'CHAT', '', 'x'.repeat(41)) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('proto-body' as const), key: fc.constantFrom('__proto__', 'constructor', 'prototype') }), weight: 1 },
);

type Path = Array<string | number>;

/** Every path to a value inside `root` (root excluded). */
function paths(root: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (typeof root !== 'object' || root === null) return out;
  for (const key of Object.keys(root)) {
    const path = [...prefix, Array.isArray(root) ? Number(key) : key];
    out.push(path);
    paths((root as Record<string, unknown>)[key], path, out);
  }
  return out;
}

function parentOf(root: Record<string, unknown>, path: Path): [Record<string | number, unknown>, string | number] {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return [node, path[path.length - 1]!];
}

/** The raw payload: the envelope as JSON, mutated. */
function render(envelope: Envelope, change: Mutation): string {
  const copy = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
  const all = paths(copy);
  const pick = (n: number) => all[n % Math.max(1, all.length)];
  switch (change.kind) {
    case 'none':
      return JSON.stringify(copy);
    case 'drop': {
      const path = pick(change.pick);
      if (path) {
        const [parent, key] = parentOf(copy, path);
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }
      return JSON.stringify(copy);
    }
    case 'replace': {
      const path = pick(change.pick);
      if (path) {
        const [parent, key] = parentOf(copy, path);
        parent[key] = change.value;
      }
      return JSON.stringify(copy);
    }
    case 'extra': {
      const objects = [[], ...all].filter((path) => {
        const value = path.length ? parentOf(copy, path)[0][path[path.length - 1]!] : copy;
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      });
      const path = objects[change.pick % objects.length]!;
      const target = path.length ? (parentOf(copy, path)[0][path[path.length - 1]!] as Record<string, unknown>) : copy;
      // defineProperty: a real own "__proto__" key, as JSON.parse would make it.
      Object.defineProperty(target, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
      return JSON.stringify(copy);
    }
    case 'number-token': {
      const raw = JSON.stringify(copy);
      const numbers = [...raw.matchAll(/(?<=[:,[])-?\d+(\.\d+)?([eE][+-]?\d+)?(?=[,\]}])/g)];
      const hit = numbers[change.pick % Math.max(1, numbers.length)];
      return hit ? raw.slice(0, hit.index) + change.token + raw.slice(hit.index! + hit[0].length) : raw;
    }
    case 'nest': {
      const [open, close] = change.object ? ['{"a":', '}'] : ['[', ']'];
      const deep = `${open.repeat(change.depth)}1${close.repeat(change.depth)}`;
      return JSON.stringify({ ...copy, body: '__DEEP__' }).replace('"__DEEP__"', deep);
    }
    case 'pad': {
      const strings = all.filter((path) => typeof parentOf(copy, path)[0][path[path.length - 1]!] === 'string');
      const path = strings[change.pick % Math.max(1, strings.length)];
      if (path) {
        const [parent, key] = parentOf(copy, path);
        parent[key] = `${parent[key] as string}${'é'.repeat(change.size)}`;
      }
      return JSON.stringify(copy);
    }
    case 'json':
      return JSON.stringify(change.value);
    case 'string':
      return change.value;
    case 'type':
      return JSON.stringify({ ...copy, type: change.type });
    case 'proto-body':
      return JSON.stringify(copy).replace('"body":{', `"body":{"${change.key}":{"polluted":1,"text":"x"},`);
  }
}

// ── Steps ──────────────────────────────────────────────────────────────────────────────────────

interface Step {
  type: MessageType;
  body: unknown;
  change: Mutation;
  sender: string;
  /** Sent the wrong way (a broadcast type host-directed or the reverse); for `either` types: direct. */
  misroute: boolean;
  /** How a host message is sequenced: the next seq (usually), a replay, a jump, another epoch. */
  order: 'next' | 'replay' | 'jump' | 'old-epoch' | 'new-epoch';
  id: string;
  at: number;
}

const messageId = fc.stringMatching(/^[\w:.-]{1,64}$/);

const step: fc.Arbitrary<Step> = fc
  .record({
    type: fc.constantFrom(...TYPES),
    change: mutation,
    sender: fc.oneof({ arbitrary: fc.constant(HOST), weight: 3 }, { arbitrary: fc.constantFrom(...SENDERS), weight: 2 }),
    misroute: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
    order: fc.oneof({ arbitrary: fc.constant('next' as const), weight: 6 }, { arbitrary: fc.constantFrom('replay' as const, 'jump' as const, 'old-epoch' as const, 'new-epoch' as const), weight: 1 }),
    id: messageId,
    at: fc.double({ min: 0, max: 1e13, noNaN: true, noDefaultInfinity: true }),
  })
  .chain((base) => bodyFor(base.type).map((body) => ({ ...base, body })));

/** Builds the envelope a step describes, sequenced against `hostSeq`. */
function envelopeOf(s: Step, hostSeq: number): Envelope {
  const envelope = { v: PROTOCOL_VERSION, type: s.type, id: s.id, at: s.at, body: s.body } as Envelope;
  // Direct messages name their room (the memory network's channel), as every session sends them.
  if (routed(s)) envelope.room = 'memory';
  if (isHostOnly(s.type)) {
    const seq = { next: hostSeq + 1, replay: hostSeq, jump: hostSeq + 3, 'old-epoch': hostSeq + 1, 'new-epoch': 0 }[s.order];
    envelope.seq = s.type === 'snapshot' ? hostSeq : seq;
    envelope.ep = s.order === 'old-epoch' ? '000000000aaaaa' : s.order === 'new-epoch' ? '000000002aaaaa' : EPOCH;
  }
  return envelope;
}

/** Whether the step goes host-directed: the way its type must travel, unless it is misrouted. */
const routed = (s: Step) => (MESSAGES[s.type].to === 'either' ? s.misroute : (MESSAGES[s.type].to === 'direct') !== s.misroute);

// ── Invariants ─────────────────────────────────────────────────────────────────────────────────

/** The state only the host may change. */
function hostSlice(state: ShowState): string {
  const { likes: _likes, chat: _chat, chatCount: _count, recentIds: _recent, ...rest } = state;
  return JSON.stringify(rest);
}

function expectInvariants(state: ShowState, where: string): void {
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  expect(isCount(state.likes), `${where}: likes ${state.likes} is a safe, non-negative integer`).to.equal(true);
  expect(isCount(state.hostSeq), `${where}: hostSeq ${state.hostSeq}`).to.equal(true);
  expect(state.chat.length, `${where}: chat buffer`).to.be.at.most(CHAT_BUFFER);
  expect(state.recentIds.length, `${where}: recent ids`).to.be.at.most(RECENT_IDS);
  expect(state.deletedIds.length, `${where}: deleted ids`).to.be.at.most(DELETED_IDS);
  for (const line of state.chat) {
    expect(typeof line.text === 'string' && line.text.length >= 1 && line.text.length <= 300, `${where}: chat text`).to.equal(true);
    expect(line.name === undefined || (typeof line.name === 'string' && line.name.length <= 40), `${where}: chat name`).to.equal(true);
    expect(typeof line.from === 'string' && typeof line.id === 'string' && Number.isFinite(line.at), `${where}: chat line fields`).to.equal(true);
  }
  const published = v.safeParse(snapshotStateSchema, toSnapshot(state));
  expect(published.success, `${where}: the published state is valid: ${published.success ? '' : v.summarize(published.issues)}`).to.equal(true);
  expect(Object.getPrototypeOf(state), `${where}: plain object`).to.equal(Object.prototype);
  expect(({} as Record<string, unknown>).polluted, `${where}: no prototype pollution`).to.equal(undefined);
}

/** The snapshot envelope the host would publish for this state, in bytes. */
const snapshotBytes = (state: ShowState) =>
  new TextEncoder().encode(JSON.stringify({ v: 1, type: 'snapshot', id: 'x'.repeat(12), at: 1e12, seq: state.hostSeq, ep: EPOCH, body: { state: toSnapshot(state) } })).length;

// ── (a) parseMessage + reduce ──────────────────────────────────────────────────────────────────

function startState(): ShowState {
  const snapshot = { v: PROTOCOL_VERSION, type: 'snapshot', id: 'start', at: 1, seq: 0, ep: EPOCH, body: { state: toSnapshot(initialState()) } };
  const parsed = parseMessage(JSON.stringify(snapshot), HOST, isHost, false);
  if (!parsed.ok) throw new Error('start snapshot refused');
  return reduce(initialState(), parsed.message);
}

/** Runs steps through parse + reduce; returns the reasons seen (so the suite can show coverage). */
function runPure(steps: readonly Step[], seen: Map<string, number>): void {
  let state = startState();
  steps.forEach((s, i) => {
    const raw = render(envelopeOf(s, state.hostSeq), s.change);
    const direct = routed(s);
    const parsed = parseMessage(raw, s.sender, isHost, direct);
    const outcome = parsed.ok ? `ok:${parsed.message.type}` : parsed.reason;
    seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    const where = `step ${i} (${s.type} from ${JSON.stringify(s.sender)}, ${s.change.kind}, ${outcome})`;
    const before = state;
    if (parsed.ok) state = reduce(state, parsed.message);
    if (!isHost(s.sender)) {
      expect(hostSlice(state), `${where}: a non-host changed nothing host-driven`).to.equal(hostSlice(before));
      // Viewers only move `likes` in the snapshot: they can never push it over the cap.
      if (state !== before) expect(snapshotBytes(state), `${where}: snapshot size`).to.be.at.most(Math.max(MAX_SNAPSHOT_BYTES, snapshotBytes(before) + 20));
      // Defence in depth: the reducer itself refuses host types a mis-wired caller marks as non-host.
      if (isHostOnly(s.type)) {
        const forged = { ...envelopeOf(s, before.hostSeq), sender: s.sender, fromHost: false, direct } as Inbound;
        expect(hostSlice(reduce(before, forged)), `${where}: reduce refuses a non-host host message`).to.equal(hostSlice(before));
      }
    }
    if (state !== before || i === 0) expectInvariants(state, where);
  });
}

// ── (b) a live viewer session ──────────────────────────────────────────────────────────────────

/** Captures what the page reports as failures while `run` goes: listener errors and async rejections. */
async function failuresDuring(run: () => Promise<void>): Promise<string[]> {
  const failures: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => failures.push(args.map(String).join(' '));
  const onRejection = (event: PromiseRejectionEvent) => failures.push(`unhandled rejection: ${String(event.reason)}`);
  const onError = (event: ErrorEvent) => failures.push(`error: ${event.message}`);
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    console.error = originalError;
    window.removeEventListener('unhandledrejection', onRejection);
    window.removeEventListener('error', onError);
  }
  return failures;
}

async function runLive(steps: readonly Step[]): Promise<void> {
  // A large payload cap so oversized messages reach the session's own check.
  const network = new MemoryNetwork({ maxPayloadBytes: 1_000_000 });
  const viewer = new RoomSession({ transport: network.connect('viewer-0'), hosts: [HOST], snapshotEveryMs: 3_600_000, clockSyncEveryMs: 3_600_000 });
  const peers = new Map<string, MemoryTransport>();
  for (const id of SENDERS) {
    const peer = network.connect(id);
    await peer.connect();
    peers.set(id, peer);
  }
  await viewer.connect();
  try {
    const start = { v: PROTOCOL_VERSION, type: 'snapshot', id: 'start', at: 1, seq: 0, ep: EPOCH, body: { state: toSnapshot(initialState()) } };
    await peers.get(HOST)!.publish(JSON.stringify(start));
    expect(viewer.state.epoch, 'viewer follows the host epoch').to.equal(EPOCH);
    for (const [i, s] of steps.entries()) {
      const before = viewer.state;
      const raw = render(envelopeOf(s, before.hostSeq), s.change);
      const peer = peers.get(s.sender)!;
      const received = viewer.stats.received;
      await (routed(s) ? peer.sendTo('viewer-0', raw) : peer.publish(raw));
      const where = `live step ${i} (${s.type} from ${JSON.stringify(s.sender)}, ${s.change.kind})`;
      expect(viewer.stats.received, `${where}: delivered`).to.equal(received + 1);
      if (!isHost(s.sender)) expect(hostSlice(viewer.state), `${where}: a non-host changed nothing host-driven`).to.equal(hostSlice(before));
      expectInvariants(viewer.state, where);
    }
  } finally {
    await viewer.close();
    await Promise.all([...peers.values()].map((peer) => peer.close()));
  }
}

describe(`hardening: protocol fuzzing (seed ${SEED}${PATH ? `, path ${PATH}` : ''})`, () => {
  it('has an arbitrary for every message type, and its bodies pass the schema', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES).chain((type) => bodyFor(type).map((body) => ({ type, body }))), ({ type, body }) => {
        const result = v.safeParse(MESSAGES[type].schema, body);
        expect(result.success, `${type}: derived body is valid: ${result.success ? '' : v.summarize(result.issues)}`).to.equal(true);
      }),
      runOptions(300),
    );
  });

  it('sanity: the invariant checks fail on a broken state', () => {
    const broken = { ...startState(), likes: -1 };
    expect(() => expectInvariants(broken, 'broken'), 'negative likes caught').to.throw();
    const flooded = { ...startState(), chat: Array.from({ length: CHAT_BUFFER + 1 }, (_, i) => ({ n: i + 1, id: `c${i}`, from: 'v', text: 'x', at: 1 })) };
    expect(() => expectInvariants(flooded, 'flooded'), 'chat over the cap caught').to.throw();
    const seized = { ...startState(), announcement: { id: 'a', text: 'forged', kind: 'info' as const, at: 1 } };
    expect(hostSlice(seized), 'host slice sees a changed announcement').to.not.equal(hostSlice(startState()));
  });

  it('(a) parseMessage + reduce: never throws, invariants hold, only the host drives host state', function () {
    this.timeout(15_000);
    const started = performance.now();
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => runPure(steps, seen)),
      runOptions(500),
    );
    // Coverage: both accepted messages and every kind of refusal showed up.
    const reasons = [...seen.keys()];
    for (const reason of ['malformed', 'unknown-type', 'unauthorized', 'invalid', 'misrouted', 'oversized']) {
      expect(reasons, `saw ${reason}`).to.include(reason);
    }
    expect(reasons.filter((reason) => reason.startsWith('ok:')).length, 'many types accepted').to.be.greaterThan(10);
    console.log(`[fuzz] (a) ${JSON.stringify(Object.fromEntries(seen))} in ${Math.round(performance.now() - started)} ms`);
  });

  it('(b) a live viewer session over the memory transport: no throw, no listener error, invariants hold', async function () {
    this.timeout(15_000);
    const started = performance.now();
    const failures = await failuresDuring(async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => runLive(steps)),
        runOptions(80),
      );
    });
    expect(failures, 'nothing reported as failed').to.deep.equal([]);
    console.log(`[fuzz] (b) in ${Math.round(performance.now() - started)} ms`);
  });

  // Was a bug: `likes` grew past MAX_SAFE_INTEGER and made the published state invalid.
  it('likes stay a safe integer (the published state stays valid)', () => {
    const near = { ...toSnapshot(startState()), likes: Number.MAX_SAFE_INTEGER - 1 };
    let state = reduce(startState(), { v: 1, type: 'snapshot', id: 's', at: 1, seq: 0, ep: EPOCH, body: { state: near }, sender: HOST, fromHost: true, direct: false } as Inbound);
    state = reduce(state, { v: 1, type: 'likes', id: 'l', at: 1, body: { n: 1000 }, sender: 'viewer-x', fromHost: false, direct: false } as Inbound);
    expectInvariants(state, 'after 1,000 likes');
  });

  // Was a bug: a schedule the schemas accept could exceed the 32 KB message or the 16 KB snapshot;
  // act() applied it locally, the send failed, and viewers froze on a gap no snapshot could fill.
  it('a host message too big to reach viewers is refused with a clear error; viewers and late joiners stay in step', async function () {
    this.timeout(10_000);
    const show = await startShow(1, {}, { snapshotEveryMs: 300, helloEveryMs: 100 });
    const late = new RoomSession({ transport: show.network.connect('late-1'), hosts: [HOST], helloEveryMs: 100 });
    try {
      const now = show.host.clock.now();
      const thai = 'ก'.repeat(200);
      // 20 perks fit one message but not a 16 KB snapshot; 30 do not fit one message.
      for (const count of [20, 30]) {
        const perks = Array.from({ length: count }, (_, i) => ({ id: `k${i}`, kind: 'flash' as const, at: now + 60_000 * (i + 1), lead: 60, title: thai, prompt: thai }));
        const seq = show.host.state.hostSeq;
        expect(() => show.host.act('schedule', { perks }), `${count} perks refused`).to.throw(RangeError, /limit/);
        expect(show.host.state.hostSeq, 'nothing applied').to.equal(seq);
        expect(show.host.state.schedule.length, 'the schedule is unchanged').to.equal(0);
        show.host.act('announce', { text: `after ${count}` });
        await waitUntil(() => show.viewers[0]!.state.announcement?.text === `after ${count}`, `the viewer follows the host after ${count} perks`, { timeout: 3000 });
      }
      const fits = Array.from({ length: 10 }, (_, i) => ({ id: `k${i}`, kind: 'flash' as const, at: now + 60_000 * (i + 1), lead: 60, title: thai, prompt: thai }));
      show.host.act('schedule', { perks: fits });
      await late.connect();
      await waitUntil(() => late.state.schedule.length === 10 && late.state.announcement?.text === 'after 30', 'a late joiner gets the state', { timeout: 3000 });
    } finally {
      await late.close();
      await show.close();
    }
  });
});
