/**
 * The verifiable vote tally, built from the draw's pieces (src/core/draw.ts) — docs/vote.md has
 * the recipe step by step, so anyone can re-check it.
 *
 * - open:   `commitment = SHA-256(seed)`, as for a lottery; the seed only breaks a tie.
 * - close:  `ballots` = one `voter:choice` line per voter (its last vote), sorted in code-unit
 *           order; `digest = SHA-256(ballots.join('\n'))`; `counts[i]` = ballots for option i.
 * - winner: the option with the most votes; on a tie, the tied options in option order and
 *           `i = pickIndexes(seed, digest, tied.length, 1)[0]` (the draw's unbiased pick); no
 *           winner without a vote.
 */
import { commitmentOf, digestOf, pickIndexes } from './draw.js';

/** One line of the published ballot list. */
export const ballotOf = (voter: string, choice: number): string => `${voter}:${choice}`;

export interface VoteTally {
  /** The sorted ballot list, as published. */
  ballots: string[];
  digest: string;
  counts: number[];
  total: number;
  /** Index of the winning option; `undefined` without a vote. */
  winner: number | undefined;
}

/** The winning option from the counts; a tie is broken by the committed seed. */
export async function winnerOf(seed: string, digest: string, counts: readonly number[]): Promise<number | undefined> {
  const top = Math.max(0, ...counts);
  if (top === 0) return undefined;
  const tied = counts.flatMap((n, i) => (n === top ? [i] : []));
  if (tied.length === 1) return tied[0];
  const [index] = await pickIndexes(seed, digest, tied.length, 1);
  return tied[index!];
}

/** The host's tally at the close, from its ledger (voter → choice). */
export async function tallyVotes(seed: string, votes: Iterable<readonly [string, number]>, options: number): Promise<VoteTally> {
  const counts = new Array<number>(options).fill(0);
  // `voter + ':1'` is ballotOf(voter, 1), one concatenation instead of a template per ballot.
  const suffixes = counts.map((_, choice) => ballotOf('', choice));
  const ballots: string[] = [];
  for (const [voter, choice] of votes) {
    if (!Number.isInteger(choice) || choice < 0 || choice >= options) continue;
    counts[choice]!++;
    ballots.push(voter + suffixes[choice]!);
  }
  const sorted = sortLines(ballots);
  const digest = await digestOf(sorted);
  return { ballots: sorted, digest, counts, total: sorted.length, winner: await winnerOf(seed, digest, counts) };
}

/** Lines up to this many are sorted by key; an index takes 21 bits of the key's 53. */
const KEYED_UP_TO = 2 ** 21;

/**
 * The lines in code-unit order, exactly as `lines.sort()` orders them, in a fraction of its time
 * for 100,000 ids: each line gets a number from the (up to) four code units after the prefix all
 * lines share (each clamped to 7 bits, so the number never orders two lines the wrong way round),
 * times 2^21, plus its index; a typed-array sort of those numbers orders the lines up to those four
 * code units, and only runs of lines with the same four are compared as strings.
 */
export function sortLines(lines: string[]): string[] {
  const n = lines.length;
  if (n < 64 || n > KEYED_UP_TO) return lines.sort();
  const first = lines[0]!;
  let prefix = first.length;
  for (let i = 1; i < n && prefix > 0; i++) {
    const line = lines[i]!;
    const end = Math.min(prefix, line.length);
    let k = 0;
    while (k < end && line.charCodeAt(k) === first.charCodeAt(k)) k++;
    prefix = k;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    let key = 0;
    let open = true;
    // A missing code unit (a shorter line) is 0, below every present one (1..127). Code units from
    // 126 up all become 127, so the key cannot tell them apart: the digits after one are 0.
    for (let k = prefix; k < prefix + 4; k++) {
      const unit = open && k < line.length ? line.charCodeAt(k) : -1;
      if (unit >= 126) open = false;
      key = key * 128 + (unit < 0 ? 0 : unit < 126 ? unit + 1 : 127);
    }
    keys[i] = key * KEYED_UP_TO + i;
  }
  keys.sort();
  const sorted = new Array<string>(n);
  let runStart = 0;
  let runKey = -1;
  for (let i = 0; i < n; i++) {
    const index = keys[i]! % KEYED_UP_TO;
    const key = (keys[i]! - index) / KEYED_UP_TO;
    sorted[i] = lines[index]!;
    if (key !== runKey) {
      sortRun(sorted, runStart, i);
      runStart = i;
      runKey = key;
    }
  }
  sortRun(sorted, runStart, n);
  return sorted;
}

/** Sorts `lines[from..to)` in place (lines sharing their key). */
function sortRun(lines: string[], from: number, to: number): void {
  if (to - from < 2) return;
  if (to - from > 16) {
    const run = lines.slice(from, to).sort();
    for (let i = from; i < to; i++) lines[i] = run[i - from]!;
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const line = lines[i]!;
    let j = i - 1;
    for (; j >= from && lines[j]! > line; j--) lines[j + 1] = lines[j]!;
    lines[j + 1] = line;
  }
}

export type VoteCheckStatus = 'checking' | 'verified' | 'partial' | 'failed';

export interface VoteCheck {
  /** `verified`: every check passed with the ballot list; `partial`: what can be checked without the list passed. */
  status: VoteCheckStatus;
  commitment: boolean;
  /** The ballot list hashes to the digest, is sorted, one line per voter (`null` without the list). */
  digest: boolean | null;
  /** The published counts are the list's (or, without it, add up to the total). */
  counts: boolean;
  /** The published winner follows from the counts and the seed. */
  winner: boolean;
  /** This screen's choice as the list has it (`null`: not in it, or no list). */
  mine: number | null;
}

export interface PublishedVote {
  commitment: string;
  seed: string;
  digest: string;
  counts: readonly number[];
  total: number;
  options: number;
  winner?: number | undefined;
}

/** Re-checks a published vote; `list` is the published ballot list when this screen has it. */
export async function verifyVote(vote: PublishedVote, list?: readonly string[] | null, me?: string): Promise<VoteCheck> {
  const commitment = (await commitmentOf(vote.seed)) === vote.commitment;
  const sum = vote.counts.reduce((a, b) => a + b, 0);
  let counts = vote.counts.length === vote.options && sum === vote.total;
  const winner = (await winnerOf(vote.seed, vote.digest, vote.counts)) === vote.winner;
  if (!list) {
    const ok = commitment && counts && winner;
    return { status: ok ? 'partial' : 'failed', commitment, digest: null, counts, winner, mine: null };
  }
  const recount = new Array<number>(vote.options).fill(0);
  // One line per voter without a Set of 100k ids: in a strictly sorted list, every line between two
  // lines of a voter `v` starts with `v:`, so its voter has a colon. Voters without a colon are
  // compared with the last such voter; the few with one are kept in a Set.
  const colonVoters = new Set<string>();
  let lastPlain = '';
  let wellFormed = list.length === vote.total;
  let mine: number | null = null;
  for (let i = 0; i < list.length; i++) {
    const line = list[i]!;
    const end = line.length - 2;
    const choice = line.charCodeAt(end + 1) - 48;
    // Sorted, `voter:d` with a non-empty voter, a choice among the options.
    if ((i > 0 && !(list[i - 1]! < line)) || end < 1 || line.charCodeAt(end) !== 58 || !(choice >= 0 && choice < vote.options)) {
      wellFormed = false;
      break;
    }
    const voter = line.slice(0, end);
    if (voter.includes(':')) {
      if (colonVoters.has(voter)) {
        wellFormed = false;
        break;
      }
      colonVoters.add(voter);
    } else if (voter === lastPlain) {
      wellFormed = false;
      break;
    } else lastPlain = voter;
    recount[choice]!++;
    if (voter === me) mine = choice;
  }
  const digest = wellFormed && (await digestOf(list)) === vote.digest;
  counts &&= wellFormed && recount.every((n, i) => n === vote.counts[i]);
  return { status: commitment && digest && counts && winner ? 'verified' : 'failed', commitment, digest, counts, winner, mine };
}
