/**
 * The verifiable draw (docs/lottery.md has the algorithm step by step, so anyone can re-check it).
 *
 * - open:  `commitment = SHA-256(seed)` — the seed is 32 random bytes written as 64 lower-case hex
 *          characters, hashed as that ASCII text; only the commitment is published.
 * - draw:  `list = sorted, de-duplicated entrant ids` (JavaScript's default sort = UTF-16 code-unit
 *          order, which for our ASCII ids is byte order); `digest = SHA-256(list.join('\n'))`.
 * - pick:  for c = 0, 1, 2 …: `h = SHA-256(seed + ':' + digest + ':' + c)`; `x` = the first 6 bytes
 *          of h as a big-endian integer (48 bits); reject `x ≥ 2^48 − (2^48 mod n)` (no modulo
 *          bias); else `i = x mod n`; skip an index already picked; stop at `min(winners, n)`.
 *          The winners are `list[i]` in pick order.
 */

const encoder = new TextEncoder();
const TWO_48 = 2 ** 48;

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (let i = 0; i < view.length; i++) out += view[i]!.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** 32 random bytes as 64 hex characters. */
export function newSeed(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/** What the host publishes when the lottery opens. */
export function commitmentOf(seed: string): Promise<string> {
  return sha256Hex(seed);
}

/** De-duplicates and sorts entrant ids (code-unit order). */
export function sortEntrants(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort();
}

/** SHA-256 of the sorted ids joined with `\n` (no trailing newline). */
export function digestOf(sorted: readonly string[]): Promise<string> {
  return sha256Hex(sorted.join('\n'));
}

/** The indexes (into the sorted list of `n`) of the winners, in pick order. */
export async function pickIndexes(seed: string, digest: string, n: number, winners: number): Promise<number[]> {
  const want = Math.max(0, Math.min(Math.floor(winners), n));
  const picked: number[] = [];
  const seen = new Set<number>();
  const limit = TWO_48 - (TWO_48 % Math.max(1, n));
  for (let counter = 0; picked.length < want; counter++) {
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${seed}:${digest}:${counter}`)));
    let x = 0;
    for (let i = 0; i < 6; i++) x = x * 256 + hash[i]!;
    if (x >= limit) continue;
    const index = x % n;
    if (seen.has(index)) continue;
    seen.add(index);
    picked.push(index);
  }
  return picked;
}

export interface DrawResult {
  sorted: string[];
  digest: string;
  winnerIds: string[];
}

/** The whole draw from raw entries (duplicates allowed): dedupe, sort, digest, pick. */
export async function drawWinners(seed: string, entries: Iterable<string>, winners: number): Promise<DrawResult> {
  const sorted = sortEntrants(entries);
  const digest = await digestOf(sorted);
  const indexes = await pickIndexes(seed, digest, sorted.length, winners);
  return { sorted, digest, winnerIds: indexes.map((i) => sorted[i]!) };
}

export type DrawCheckStatus = 'checking' | 'verified' | 'partial' | 'failed';

export interface DrawCheck {
  /** `verified`: every check passed with the entrant list; `partial`: the commitment checks but the list is not available here. */
  status: DrawCheckStatus;
  commitment: boolean;
  /** `null` while the list is not available. */
  digest: boolean | null;
  winners: boolean | null;
  /** Whether this viewer's id is in the published list (`null` without a list). */
  member: boolean | null;
}

export interface PublishedDraw {
  commitment: string;
  seed: string;
  digest: string;
  entrants: number;
  winners: number;
  winnerIds: readonly string[];
}

/** Re-checks a published draw; `list` is the published sorted entrant list when this screen has it. */
export async function verifyDraw(draw: PublishedDraw, list?: readonly string[] | null, me?: string): Promise<DrawCheck> {
  const commitment = (await commitmentOf(draw.seed)) === draw.commitment;
  const countOk = draw.winnerIds.length === Math.min(draw.winners, draw.entrants);
  if (!list) {
    const ok = commitment && countOk;
    return { status: ok ? 'partial' : 'failed', commitment, digest: null, winners: ok ? null : false, member: null };
  }
  let sortedUnique = true;
  for (let i = 1; i < list.length; i++) if (!(list[i - 1]! < list[i]!)) sortedUnique = false;
  const digest = sortedUnique && list.length === draw.entrants && (await digestOf(list)) === draw.digest;
  const indexes = await pickIndexes(draw.seed, draw.digest, list.length, draw.winners);
  const expected = indexes.map((i) => list[i]!);
  const winners = countOk && expected.length === draw.winnerIds.length && expected.every((id, i) => id === draw.winnerIds[i]);
  const member = me === undefined ? null : binaryHas(list, me);
  return { status: commitment && digest && winners ? 'verified' : 'failed', commitment, digest, winners, member };
}

function binaryHas(list: readonly string[], id: string): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = list[mid]!;
    if (value === id) return true;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return list.includes(id);
}
