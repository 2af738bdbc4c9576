/**
 * The host console's desk for the room's channel (src/core/console-desk.ts): loaded when the
 * console follows a channel, saved on every change, and the bridge between the desk and the host
 * session for the secrets of the open lottery and quiz — a reloaded host tab hands them back to its
 * new session, so the draw or reveal can follow the commitment made before the reload.
 */
import {
  deskAsked,
  deskBank,
  deskExplanations,
  deskRevealed,
  deskSecrets,
  emptyDesk,
  keptSecrets,
  loadDesk,
  saveDesk,
  withExtra,
  type ConsoleDesk,
} from '../core/console-desk.js';
import type { RoomSession } from '../core/session.js';

/** What the desk needs of a host session. */
export type SecretsSession = Pick<RoomSession, 'state' | 'hostSecrets' | 'restoreHostSecrets'>;

/** How often the open lottery's and quiz's secrets are copied to the desk at most (ms). */
export const SECRETS_EVERY_MS = 2_000;

export class ConsoleDeskStore {
  desk: ConsoleDesk = emptyDesk();
  private channel: string | null = null;
  private readonly restored = new Set<string>();
  private lastSecretsSave = -Infinity;

  constructor(
    /** Told after every change (the element re-renders). */
    private readonly changed: () => void,
    private readonly storage?: Storage | null,
  ) {}

  /** Follows a channel's desk (loaded once per channel); a new session gets the secrets offered again. */
  open(channel: string): void {
    this.restored.clear();
    this.lastSecretsSave = -Infinity;
    if (channel === this.channel) return;
    this.channel = channel;
    this.desk = this.storage === undefined ? loadDesk(channel) : loadDesk(channel, this.storage);
    this.changed();
  }

  update(change: Partial<ConsoleDesk>): void {
    this.desk = { ...this.desk, ...change };
    if (this.channel !== null) {
      if (this.storage === undefined) saveDesk(this.channel, this.desk);
      else saveDesk(this.channel, this.desk, this.storage);
    }
    this.changed();
  }

  setExtra(key: string, value: unknown): void {
    this.update({ extra: withExtra(this.desk, key, value).extra });
  }

  markFired(id: string): void {
    if (!this.desk.fired.includes(id)) this.update({ fired: [...this.desk.fired, id] });
  }

  get bank() {
    return deskBank(this.desk);
  }
  get asked() {
    return deskAsked(this.desk);
  }
  get revealed() {
    return deskRevealed(this.desk);
  }
  get explanations() {
    return deskExplanations(this.desk);
  }

  /**
   * A reloaded host tab: once the room's snapshot has brought back the open lottery or quiz, hands
   * the session the seed, salt and recorded requests this desk kept. Only a session that lost them
   * (a reload) takes the desk's copy; each id is offered once per session.
   */
  restoreSecrets(session: SecretsSession): void {
    const saved = deskSecrets(this.desk);
    const { lottery, quiz, vote } = session.state;
    for (const id of [lottery?.id, quiz?.id, vote?.id]) {
      const kept = id ? saved[id] : undefined;
      if (!id || !kept || this.restored.has(id)) continue;
      this.restored.add(id);
      const live = session.hostSecrets(id);
      if (!live.seed && !live.salt) session.restoreHostSecrets(id, kept);
    }
  }

  /**
   * Copies the open lottery's and quiz's secrets and requests to the desk (at most every
   * {@link SECRETS_EVERY_MS}, or now with `force`: right after opening one); forgets them once drawn or revealed.
   */
  keepSecrets(session: SecretsSession, now: number, force = false): void {
    if (!force && now - this.lastSecretsSave < SECRETS_EVERY_MS) return;
    this.lastSecretsSave = now;
    const { lottery, quiz, vote } = session.state;
    const kept = keptSecrets(deskSecrets(this.desk), {
      lottery: lottery ? { id: lottery.id, done: lottery.status === 'drawn' } : null,
      quiz: quiz ? { id: quiz.id, done: quiz.status === 'revealed' } : null,
      vote: vote ? { id: vote.id, done: vote.status === 'closed' } : null,
      secretsOf: (id) => session.hostSecrets(id),
    });
    if (kept) this.setExtra('secrets', kept);
  }
}
