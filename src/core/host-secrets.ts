/**
 * A host's secrets and recorded requests for one lottery or quiz, in the form the host console
 * saves to the operator's localStorage, so a reloaded host tab can still draw or reveal.
 */
import type { SessionCore } from './session-core.js';

export interface SavedSecrets {
  seed?: string;
  salt?: string;
  correct?: number;
  entrants: readonly string[];
  answers: ReadonlyArray<readonly [string, number]>;
  /** A vote's counted ballots (voter, choice); absent in desks saved before votes. */
  votes?: ReadonlyArray<readonly [string, number]>;
}

export function savedSecrets(core: SessionCore, id: string): { seed?: string; salt?: string; correct?: number; entrants: string[]; answers: Array<[string, number]>; votes?: Array<[string, number]> } {
  const saved = { ...core.secrets.get(id), entrants: [...(core.ledger.entrants.get(id) ?? [])], answers: [...(core.ledger.answers.get(id) ?? [])] };
  const votes = core.ledger.votes.get(id);
  return votes ? { ...saved, votes: [...votes] } : saved;
}

/** Takes back what `savedSecrets` gave; anything of the wrong type is left out. */
export function restoreSecrets(core: SessionCore, id: string, saved: Partial<SavedSecrets>): void {
  const secret: { seed?: string; salt?: string; correct?: number } = {};
  if (typeof saved.seed === 'string') secret.seed = saved.seed;
  if (typeof saved.salt === 'string') secret.salt = saved.salt;
  if (typeof saved.correct === 'number') secret.correct = saved.correct;
  core.secrets.set(id, secret);
  if (saved.entrants?.length) {
    const entrants = core.ledger.entrants.get(id) ?? new Set<string>();
    for (const entrant of saved.entrants) if (typeof entrant === 'string') entrants.add(entrant);
    core.ledger.entrants.set(id, entrants);
  }
  if (saved.answers?.length) {
    const answers = core.ledger.answers.get(id) ?? new Map<string, number>();
    for (const [viewer, choice] of saved.answers) if (typeof viewer === 'string' && Number.isInteger(choice)) answers.set(viewer, choice);
    core.ledger.answers.set(id, answers);
  }
  if (saved.votes?.length) {
    const votes = core.ledger.votes.get(id) ?? new Map<string, number>();
    for (const [viewer, choice] of saved.votes) if (typeof viewer === 'string' && Number.isInteger(choice)) votes.set(viewer, choice);
    core.ledger.votes.set(id, votes);
  }
}
