/**
 * bench/vote — the verifiable vote in headless Chromium: the host's tally at the close (ballot
 * lines, sort, SHA-256 digest, counts, winner) and a viewer's re-check of the published list
 * (sorted, one line per voter, digest, recount, own vote), for 100,000 voters over 4 options, ids
 * shaped like Linger's pseudonymous viewer ids. Best of 3 runs each.
 */
import { commitmentOf, newSeed } from '../src/core/draw.js';
import { tallyVotes, verifyVote } from '../src/core/vote-tally.js';

const VOTERS = 100_000;
const OPTIONS = 4;

function ballots(count: number): Map<string, number> {
  const votes = new Map<string, number>();
  for (let i = 0; votes.size < count; i++) votes.set(`v-${Math.random().toString(36).slice(2, 12)}${i.toString(36)}`, Math.floor(Math.random() * OPTIONS));
  return votes;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export default async function run() {
  const votes = ballots(VOTERS);
  const me = votes.keys().next().value as string;
  let tallyBest = Infinity;
  let verifyBest = Infinity;
  for (let run = 0; run < 3; run++) {
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    const t0 = performance.now();
    const tally = await tallyVotes(seed, votes, OPTIONS);
    const t1 = performance.now();
    // The viewer gets the list as published: parsed from the wire's JSON, part after part (the
    // host's own strings are concatenations a viewer never holds, and slower to read).
    const list = JSON.parse(JSON.stringify(tally.ballots)) as string[];
    const t2 = performance.now();
    const check = await verifyVote({ commitment, seed, digest: tally.digest, counts: tally.counts, total: tally.total, options: OPTIONS, winner: tally.winner }, list, me);
    const t3 = performance.now();
    if (check.status !== 'verified' || check.mine !== votes.get(me)) throw new Error(`the tally did not verify: ${JSON.stringify(check)}`);
    tallyBest = Math.min(tallyBest, t1 - t0);
    verifyBest = Math.min(verifyBest, t3 - t2);
  }
  return {
    figures: { tally_100k_ms: round(tallyBest), verify_100k_ms: round(verifyBest) },
    targets: { tally_100k_ms: 150, verify_100k_ms: 150 },
    direction: { tally_100k_ms: 'max', verify_100k_ms: 'max' },
  };
}
