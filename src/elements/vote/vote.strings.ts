import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  vote: 'Vote',
  /** A replay: the vote ran during the live show; nobody votes on a recording (docs/replay.md). */
  happenedLive: 'This vote happened during the live show.',
  timeLeft: 'Time left',
  hint: 'Tap an option to vote.',
  hintChangeable: 'Tap an option to vote. You can change your vote until it closes.',
  sending: 'Sending your vote…',
  counted: 'Your vote is counted',
  refusedLate: 'Too late: the vote had closed',
  refusedOther: 'Your vote was not counted',
  refusedTier: (tier: string) => `This vote is for ${tier} members: your vote was not counted`,
  refusedIneligible: 'You can’t vote in this one (see who can vote)',
  rules: 'Who can vote',
  ruleWatched: (minutes: string, _form: Intl.LDMLPluralRule) => `Watched at least ${minutes} min`,
  ruleTier: (tier: string) => `${tier} members only`,
  closed: 'Voting is closed.',
  votes: (count: string, form: Intl.LDMLPluralRule) => `${count} ${form === 'one' ? 'vote' : 'votes'}`,
  result: (option: string) => `Result: ${option}`,
  noVotes: 'Nobody voted this time.',
  winnerMark: 'most votes',
  yourMark: 'your vote',
  checking: 'Checking the result…',
  verified: 'Verified result',
  verifiedPartial: 'Counts and seed match what was published (ballot list not available here)',
  verifyFailed: 'Verification failed: this result does not match the published ballots',
  inList: 'Your vote is in the published list as you cast it',
  notInList: 'Your vote is not in the published list as you cast it',
  details: 'Result details',
  commitment: 'Commitment',
  seed: 'Seed',
  digest: 'Ballot list digest',
};

export const translation: Translation<typeof en> = {
  name: 'vote',
  en,
  loaders,
};
