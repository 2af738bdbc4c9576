/**
 * What the console's panels (one file each) get to render: the show state, the host session, the
 * desk, the drafts and the actions. Panels only render and call actions; the logic lives in
 * src/controllers (plan runner, outbox, desk store) and src/core (forms, leaderboard, shop catalog).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { ChatLine, ShowState } from '../../core/state.js';
import type { RoomSession } from '../../core/session.js';
import type { PerkKind, Product } from '../../core/protocol.js';
import type { BankQuestion } from '../../core/quiz-bank.js';
import type { ConsoleStep } from '../../core/console-desk.js';
import type { ConsoleDeskStore } from '../../controllers/console-desk.js';
import type { ConsoleDrafts } from '../../controllers/console-drafts.js';
import type { TopicAnswer, TopicAnswers } from '../../core/topic-answers.js';
import type { en } from './host-console.strings.js';

export type Strings = typeof en;
export type TermKey = keyof Strings;

export interface ConsoleActions {
  setPhase(phase: 'live' | 'ended'): void;
  confirm(text: string, run: () => void): void;
  // Rhythm
  setShowMinutes(value: string): void;
  planShow(): void;
  addStep(): void;
  editStep(id: string, change: Partial<ConsoleStep>): void;
  removeStep(id: string): void;
  publishSchedule(): void;
  /** Queues a step with the undo window (`handles`: the plan entry it settles). */
  queueStep(step: ConsoleStep, handles?: string): void;
  // Lottery
  submitLottery(event: Event): void;
  closeLottery(): void;
  drawLottery(): void;
  // Quiz
  importBank(raw: string): void;
  exportBank(): void;
  addQuestion(event: Event): void;
  ask(question: BankQuestion): void;
  reveal(): void;
  // Topic
  submitTopic(event: Event): void;
  clearTopic(): void;
  featureAnswer(answer: TopicAnswer): void;
  // Vote
  submitVote(event: Event): void;
  closeVote(): void;
  pinWinner(): void;
  // Products
  importProducts(raw: string): void;
  loadShopProduct(handle: string): void;
  pin(product: Product | null, remaining?: number | null): void;
  toggleSoldOut(product: Product, soldOut: boolean): void;
  // Conversation
  submitAnnouncement(event: Event): void;
  clearAnnouncement(): void;
  submitModeration(event: Event): void;
  feature(line: ChatLine): void;
  deleteLine(line: ChatLine): void;
  mute(user: string): void;
  unmute(user: string): void;
}

export interface PanelContext {
  readonly localize: LocalizeController<Strings>;
  readonly state: ShowState;
  /** The host session (null while the room has none). */
  readonly session: RoomSession | null;
  readonly desk: ConsoleDeskStore;
  readonly drafts: ConsoleDrafts;
  /** The show's clock (ms). */
  readonly now: number;
  readonly showMinutes: number;
  /** The answers to the host's topics, from the chat lines this screen applied. */
  readonly topicAnswers: TopicAnswers;
  readonly actions: ConsoleActions;
  /** A tier's name in the console's language, the merchant's (`tier-names` on the room, docs/tiers.md). */
  readonly tierName?: (tier: string) => string;
}

/** A count for a term: formatted in the console's language, with its plural category there. */
export function counted(localize: LocalizeController<Strings>, count: number): [string, Intl.LDMLPluralRule] {
  return [localize.number(count), localize.plural(count)];
}

const KIND_LABELS = { lottery: 'kindLottery', quiz: 'kindQuiz', flash: 'kindFlash', 'first-n': 'kindFirstN', share: 'kindShare', topic: 'kindTopic' } as const;

export function kindLabel(localize: LocalizeController<Strings>, kind: PerkKind): string {
  return localize.term(KIND_LABELS[kind]);
}

/** The value of the field `selector` in the same shadow root as the clicked button. */
export function textOf(event: Event, selector: string): string {
  const root = (event.currentTarget as Element).getRootNode() as ParentNode;
  return root.querySelector<HTMLTextAreaElement | HTMLInputElement>(selector)?.value ?? '';
}

/** An error's sentence for the operator, without the `[linger]` prefix developers see in the console. */
export const reasonOf = (error: unknown): string => String((error as Error)?.message ?? error).replace(/^\[linger\]\s*/, '');

/** Terms that label a field by themselves (no arguments). */
type LabelKey = { [K in TermKey]: Strings[K] extends string ? K : never }[TermKey];

/**
 * A form's fields, typed values kept in the drafts under `form.` (the form comes back as it was
 * after a reconnect or a tab switch): `field`/`keep` for any input, `number` and `checkbox` for the
 * labelled inputs the lottery, quiz and vote forms share.
 */
export function formFields({ localize, drafts }: Pick<PanelContext, 'localize' | 'drafts'>, form: string) {
  const field = (name: string, fallback = '') => drafts.value(`${form}.${name}`, fallback);
  const keep = (name: string) => drafts.keep(`${form}.${name}`);
  const number = (label: LabelKey, name: string, fallback: string, min: number, max?: number): TemplateResult =>
    html`<label part="field">${localize.term(label)}
      <input part="input" name=${name} type="number" min=${min} max=${max ?? nothing} .value=${field(name, fallback)} @input=${keep(name)} />
    </label>`;
  const checkbox = (label: LabelKey, name: string): TemplateResult =>
    html`<label part="field" class="row">
      <input part="checkbox" type="checkbox" name=${name} .checked=${drafts.checked(`${form}.${name}`)} @change=${keep(name)} />${localize.term(label)}
    </label>`;
  return { field, keep, number, checkbox };
}
