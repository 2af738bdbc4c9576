import { LitElement, html, nothing, svg, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RoomController } from '../../controllers/room-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import { checkBody, isHttpUrl, type MessageType, type BodyOf, type LotteryMode, type PerkKind, type Product } from '../../core/protocol.js';
import { clampLead, defaultRhythm, nextStep, stepPhase, type StepPhase } from '../../core/rhythm.js';
import { FiguresTracker, sparklinePoints, type LiveFigures } from '../../core/figures.js';
import type { ChatLine } from '../../core/state.js';
import type { RoomSession } from '../../core/session.js';
import { loadDesk, saveDesk, type ConsoleDesk, type ConsoleStep } from './console-storage.js';
import { parseBank, type BankQuestion } from './question-bank.js';
import { translation } from './host-console.strings.js';
import styles from './host-console.styles.js';

type Tab = 'rhythm' | 'lottery' | 'quiz' | 'products' | 'chat' | 'figures';
const TABS: readonly Tab[] = ['rhythm', 'lottery', 'quiz', 'products', 'chat', 'figures'];
const MODES: readonly LotteryMode[] = ['keyword', 'like-goal', 'tap', 'watch-time'];
const LOTTERY_STATUS = { open: 'statusOpen', closed: 'statusClosed', drawn: 'statusDrawn', unlocked: 'statusUnlocked' } as const;
const KINDS: readonly PerkKind[] = ['lottery', 'quiz', 'flash', 'first-n', 'share'];
/** Seconds an action waits before it goes out, so the operator can undo it. */
const UNDO_SECONDS = 5;

interface PendingAction {
  label: string;
  sendAt: number;
  run: () => void;
  /** The plan entry this action handles: undoing it marks it handled so the plan moves on. */
  handles?: string;
}

/**
 * The operator's cockpit: plan the show's rhythm and fire each step on time (with undo), pin
 * products, moderate the conversation, announce, and watch live figures. Only a host id of the room
 * may drive it; on a viewer identity it says so and sends nothing. The plan, fired steps and
 * products survive a reload (localStorage, per channel); the room's snapshot restores the show.
 *
 * @summary The host's cockpit for running a live show.
 * @tag linger-host-console
 * @attr room - Id of the `<linger-room>` to drive (else the closest or only room).
 * @attr locale - Language of the console (else the room's, else `<html lang>`).
 * @csspart base - The console's frame.
 * @csspart header - The title bar with the show phase and go-live / end buttons.
 * @csspart title - The console's title.
 * @csspart phase - The show phase badge (upcoming, live, ended).
 * @csspart status-line - The connection status in the header.
 * @csspart summary - The live figures strip.
 * @csspart summary-item - One live figure.
 * @csspart pending - "Sending in 5 s" with its undo button.
 * @csspart error - The last problem (invalid JSON, refused action).
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - The active tab's panel.
 * @csspart next - The next step / open lottery / open quiz banner.
 * @csspart steps - A list of plan steps, questions or products.
 * @csspart step - One plan step, question or product.
 * @csspart step-state - A plan step's state (planned, announcing, due, fired).
 * @csspart list - A list of comments, entrants, muted viewers or scores.
 * @csspart list-item - One entry of such a list.
 * @csspart heading - A section heading inside a panel.
 * @csspart field - A labelled form field (the label around its control).
 * @csspart input - Each text or number field.
 * @csspart checkbox - Each checkbox.
 * @csspart select - Each drop-down.
 * @csspart textarea - Each JSON import box.
 * @csspart button - Every button (also `secondary` or `danger` by role).
 * @csspart secondary - The quieter buttons.
 * @csspart danger - End show, confirm a deletion.
 * @csspart chart - The audience sparkline.
 * @csspart hint - Help text (keyboard shortcuts, empty states).
 * @csspart dialog - The confirmation dialog.
 * @csspart not-host - The message shown to a viewer identity.
 * @cssproperty --linger-host-console-surface - Background of the console.
 * @cssproperty --linger-host-console-max-width - Widest the console grows (default 1200px).
 */
export class LingerHostConsole extends LitElement {
  static override styles = [hostStyles, styles];

  /** Language of the console, e.g. `ar`; else the room's `locale`, else `<html lang>`. */
  @property({ reflect: true }) locale = '';
  /** Id of the `<linger-room>` to drive; changing it moves the console to that room. */
  @property({ reflect: true }) room = '';

  private readonly roomCtl = new RoomController(this);
  private readonly l10n = new LocalizeController(this, translation, () => this.roomCtl.room);
  private figures = new FiguresTracker();

  @state() private tab: Tab = 'rhythm';
  @state() private desk: ConsoleDesk = { plan: [], fired: [], products: [], extra: {} };
  @state() private pending: PendingAction | null = null;
  @state() private problem = '';
  @state() private confirming: { text: string; run: () => void } | null = null;
  @state() private showMinutes = 90;

  @query('dialog') private dialog?: HTMLDialogElement;

  private deskChannel = '';
  private readonly restoredIds = new Set<string>();
  private lastSecretsSave = -Infinity;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private stopSession: Array<() => void> = [];
  private followed: RoomSession | null = null;
  /** The room the console last followed (kept while the console is out of the document). */
  private followedRoom: Element | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    clearInterval(this.ticker); // idempotent: one ticker however often the console is (re)connected
    this.ticker = setInterval(() => this.tick(), 500);
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.removeEventListener('keydown', this.onKeydown);
    this.follow(null);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // The room and language are resolved from the `room` and `locale` attributes, which Lit reflects
    // only after willUpdate: a value set as a property is mirrored first, or it would apply one
    // update late (never, with nothing else to update).
    for (const name of ['room', 'locale'] as const) {
      if (changed.has(name) && this.getAttribute(name) !== this[name]) this.setAttribute(name, this[name]);
    }
    if (changed.has('room')) this.roomCtl.resolve();
    // The language may come from the room's `locale`: re-read it when the room may have changed.
    if (changed.has('locale') || changed.has('room')) this.l10n.update();
    const session = this.roomCtl.session;
    if (session !== this.followed) this.follow(session);
  }

  protected override updated(): void {
    if (this.confirming && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  // ── Session, desk and clock ─────────────────────────────────────────────────────────────────

  private get session(): RoomSession | null {
    const session = this.roomCtl.session;
    return session && session.isHost ? session : null;
  }

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  /** Follows the room's session: figures from its messages, the desk of its channel. */
  private follow(session: RoomSession | null): void {
    for (const stop of this.stopSession.splice(0)) stop();
    this.followed = session;
    const room = this.roomCtl.room;
    if (room && room !== this.followedRoom) {
      // Another room: an action queued for the previous one must not go out here, nor its figures mix in.
      if (this.followedRoom) {
        this.pending = null;
        this.figures = new FiguresTracker();
      }
      this.followedRoom = room;
    }
    if (!session) return;
    this.stopSession.push(
      session.onMessage((message) => this.figures.message(message, this.now())),
      session.$presence.subscribe((count) => this.figures.presence(count ?? 1, this.now())),
    );
    const channel = this.roomCtl.room?.getAttribute('channel') ?? '';
    if (channel !== this.deskChannel) {
      this.deskChannel = channel;
      this.desk = loadDesk(channel);
    }
    this.restoredIds.clear();
  }

  /** Secrets of open lotteries and quizzes, by id, as the desk keeps them. */
  private get secrets(): Record<string, ReturnType<RoomSession['hostSecrets']>> {
    return (this.desk.extra['secrets'] as Record<string, ReturnType<RoomSession['hostSecrets']>> | undefined) ?? {};
  }

  /**
   * A reloaded host tab: once the room's snapshot has brought back the open lottery or quiz, hand
   * the session the seed, salt and recorded requests this desk kept, so the draw or reveal can follow.
   */
  private restoreSecrets(session: RoomSession): void {
    const state = session.state;
    for (const id of [state.lottery?.id, state.quiz?.id]) {
      const saved = id ? this.secrets[id] : undefined;
      if (!id || !saved || this.restoredIds.has(id)) continue;
      this.restoredIds.add(id);
      const live = session.hostSecrets(id);
      // Only a session that lost them (a reload) takes the desk's copy.
      if (!live.seed && !live.salt) session.restoreHostSecrets(id, saved);
    }
  }

  /**
   * Keeps the open lottery's and quiz's secrets and requests on the desk (at most every 2 s);
   * forgets them once drawn or revealed. Entries of other ids stay until then (a reload may be
   * about to take them back).
   */
  private keepSecrets(session: RoomSession, now: number): void {
    if (now - this.lastSecretsSave < 2_000) return;
    this.lastSecretsSave = now;
    const secrets = { ...this.secrets };
    const { lottery, quiz } = session.state;
    for (const [id, done] of [
      [lottery?.id, lottery?.status === 'drawn'],
      [quiz?.id, quiz?.status === 'revealed'],
    ] as const) {
      if (!id) continue;
      if (done) delete secrets[id];
      else {
        const current = session.hostSecrets(id);
        if (current.seed || current.salt) secrets[id] = current;
      }
    }
    const kept = Object.fromEntries(Object.entries(secrets).slice(-5));
    if (JSON.stringify(kept) !== JSON.stringify(this.secrets)) this.updateDesk({ extra: { ...this.desk.extra, secrets: kept } });
  }

  private updateDesk(change: Partial<ConsoleDesk>): void {
    this.desk = { ...this.desk, ...change };
    saveDesk(this.deskChannel, this.desk);
  }

  /** Every half second: send a pending action whose undo window closed; run the plan. */
  private tick(): void {
    const now = this.now();
    if (this.pending && now >= this.pending.sendAt) {
      const { run } = this.pending;
      this.pending = null;
      run();
    }
    const session = this.session;
    if (session) {
      this.restoreSecrets(session);
      this.keepSecrets(session, now);
      this.runPlan(now);
    }
    this.requestUpdate();
  }

  /** Pre-announces a step when its lead starts and queues it when it is due (each once). */
  private runPlan(now: number): void {
    if (this.pending) return;
    const fired = new Set(this.desk.fired);
    for (const step of this.desk.plan) {
      const phase = stepPhase(step, now);
      const announceId = `${step.id}:announce`;
      if (phase === 'announce' && !fired.has(announceId) && !fired.has(step.id)) {
        this.queue(step.prompt || step.title, () => {
          this.markFired(announceId);
          this.send('announce', { text: `${step.title} — ${step.prompt}`.slice(0, 500), kind: 'perk-prompt' });
        }, announceId);
        return;
      }
      if (phase === 'due' && !fired.has(step.id)) {
        this.queue(step.title, () => this.fire(step), step.id);
        return;
      }
    }
  }

  private markFired(id: string): void {
    if (!this.desk.fired.includes(id)) this.updateDesk({ fired: [...this.desk.fired, id] });
  }

  // ── Actions ─────────────────────────────────────────────────────────────────────────────────

  /** Sends a host message; a refused body (bad input) is shown, never thrown at the operator. */
  private send<T extends MessageType>(type: T, body: BodyOf<T>): boolean {
    const session = this.session;
    if (!session) return false;
    try {
      session.act(type, body);
      this.problem = '';
      return true;
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message.replace(/^\[linger\]\s*/, ''));
      return false;
    }
  }

  /** Queues an action with an undo window. */
  private queue(label: string, run: () => void, handles?: string): void {
    // One action waits at a time: one already waiting goes out now rather than being lost.
    const waiting = this.pending;
    this.pending = null;
    waiting?.run();
    this.pending = { label, run, sendAt: this.now() + UNDO_SECONDS * 1000, ...(handles ? { handles } : {}) };
  }

  private undo(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    // An undone plan step counts as handled, so the plan does not queue it again at once.
    if (pending.handles) this.markFired(pending.handles);
  }

  private askToConfirm(text: string, run: () => void): void {
    this.confirming = { text, run };
  }

  private closeDialog(confirmed: boolean): void {
    const confirming = this.confirming;
    this.confirming = null;
    this.dialog?.close();
    if (confirmed) confirming?.run();
  }

  /** Fires one planned step now: perks drop; lotteries and quizzes open in their panels. */
  private fire(step: ConsoleStep): void {
    this.markFired(step.id);
    if (step.kind === 'lottery') {
      // The pre-announce said "type 1": a keyword lottery on "1" for two minutes.
      void this.openLottery({ mode: 'keyword', keyword: '1', prize: step.title, winners: 1, seconds: 120 });
      return;
    }
    if (step.kind === 'quiz') {
      const question = this.bank.find((item) => !this.asked.includes(item.question));
      if (question) void this.ask(question);
      else {
        this.tab = 'quiz';
        this.problem = this.l10n.term('bankEmpty');
      }
      return;
    }
    const body: BodyOf<'perk.drop'> = { id: step.id, title: step.title };
    if (step.code) {
      if (isHttpUrl(step.code)) body.link = step.code;
      else body.code = step.code.slice(0, 64);
    }
    if (step.kind === 'first-n') body.remaining = step.remaining ?? 10;
    this.send('perk.drop', body);
  }

  private setPhase(phase: 'live' | 'ended'): void {
    const show = this.roomCtl.state?.show;
    const body: BodyOf<'show'> = { phase };
    if (show?.title) body.title = show.title;
    body.startedAt = phase === 'live' ? Math.round(show?.startedAt ?? this.now()) : (show?.startedAt ?? null);
    this.send('show', body);
  }

  // ── Rhythm ──────────────────────────────────────────────────────────────────────────────────

  private kindLabel(kind: PerkKind): string {
    const labels = { lottery: 'kindLottery', quiz: 'kindQuiz', flash: 'kindFlash', 'first-n': 'kindFirstN', share: 'kindShare' } as const;
    return this.l10n.term(labels[kind]);
  }

  private planShow(): void {
    const start = this.roomCtl.state?.show.startedAt ?? this.now();
    const plan = defaultRhythm({
      start,
      minutes: this.showMinutes,
      prompt: this.l10n.term('defaultPrompt'),
      titleOf: (kind) => this.kindLabel(kind),
    });
    this.updateDesk({ plan, fired: [] });
  }

  private editStep(id: string, change: Partial<ConsoleStep>): void {
    this.updateDesk({ plan: this.desk.plan.map((step) => (step.id === id ? { ...step, ...change } : step)) });
  }

  private addStep(): void {
    const last = this.desk.plan.reduce((latest, step) => Math.max(latest, step.at), this.now());
    const step: ConsoleStep = {
      id: `perk-${Date.now().toString(36)}`,
      kind: 'flash',
      at: Math.round(last + 17 * 60_000),
      lead: 90,
      prompt: this.l10n.term('defaultPrompt'),
      title: this.kindLabel('flash'),
    };
    this.updateDesk({ plan: [...this.desk.plan, step] });
  }

  private publishSchedule(): void {
    const perks = this.desk.plan.map(({ id, kind, at, lead, prompt, title }) => ({ id, kind, at, lead, prompt, title }));
    this.send('schedule', { perks: perks.slice(0, 50) });
  }

  // ── Lottery ─────────────────────────────────────────────────────────────────────────────────

  /** Opens a lottery; its seed stays on this desk until the draw (a reload keeps it). */
  private async openLottery(options: Parameters<RoomSession['openLottery']>[0]): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const sent = await session.openLottery(options);
      this.lastSecretsSave = -Infinity;
      this.keepSecrets(session, this.now());
      this.problem = '';
      this.tab = 'lottery';
      void sent;
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message.replace(/^\[linger\]\s*/, ''));
    }
  }

  private submitLottery(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const mode = (MODES.includes(data.get('mode') as LotteryMode) ? data.get('mode') : 'keyword') as LotteryMode;
    const options: Parameters<RoomSession['openLottery']>[0] = {
      mode,
      prize: String(data.get('prize') ?? '').trim(),
      winners: clampNumber(String(data.get('winners')), 1, 100, 1),
      seconds: clampNumber(String(data.get('seconds')), 10, 3600, 120),
    };
    if (mode === 'keyword') options.keyword = String(data.get('keyword') ?? '1').trim() || '1';
    if (mode === 'like-goal') options.goal = clampNumber(String(data.get('goal')), 1, 100_000_000, 1000);
    if (mode === 'watch-time') options.minutes = clampNumber(String(data.get('minutes')), 1, 600, 5);
    const eligibility: NonNullable<typeof options.eligibility> = {};
    if (data.get('newWinnersOnly')) eligibility.newWinnersOnly = true;
    if (data.get('commented')) eligibility.commented = true;
    const minWatch = clampNumber(String(data.get('minWatch') || '0'), 0, 600, 0);
    if (minWatch > 0) eligibility.minWatchMinutes = minWatch;
    if (Object.keys(eligibility).length > 0) options.eligibility = eligibility;
    void this.openLottery(options);
  }

  private async drawLottery(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const claim = this.renderRoot.querySelector<HTMLInputElement>('#claim')?.value.trim() ?? '';
    try {
      await session.drawLottery(claim || undefined);
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message.replace(/^\[linger\]\s*/, ''));
    }
  }

  private renderLottery(): TemplateResult {
    const { l10n } = this;
    const lottery = this.roomCtl.state!.lottery;
    const modeLabels = { keyword: 'modeKeyword', 'like-goal': 'modeLikeGoal', tap: 'modeTap', 'watch-time': 'modeWatchTime' } as const;
    // Only an open or closed lottery can be drawn; a drawn or unlocked (like goal reached) one is
    // finished, and the form for the next one comes back.
    const running = lottery?.status === 'open' || lottery?.status === 'closed';
    const entrants = lottery ? [...(this.session?.ledger.entrants.get(lottery.id) ?? [])] : [];
    return html`
      ${lottery
        ? html`<div part="next" class="next" role="status">
            <strong>${lottery.prize}</strong>
            <span>${l10n.term('lotteryStatus', l10n.term(LOTTERY_STATUS[lottery.status]), ...this.counted(Math.max(lottery.entrants, entrants.length)))}</span>
            ${lottery.status === 'open' ? html`<button part="button secondary" class="secondary" @click=${() => this.session?.closeLottery()}>${l10n.term('closeEntries')}</button>` : nothing}
            ${running
              ? html`<label part="field">${l10n.term('claimInstructions')}<input part="input" id="claim" maxlength="300" /></label>
                  <button part="button" @click=${() => void this.drawLottery()}>${l10n.term('draw')}</button>`
              : lottery.status === 'unlocked'
                ? (lottery.claim ? html`<span>${lottery.claim}</span>` : nothing)
                : html`<span>${lottery.winnerIds?.length ? l10n.term('winnersAre', lottery.winnerIds.join(', ')) : l10n.term('noWinners')}</span>`}
          </div>
          ${running && entrants.length > 0
            ? html`<h3 part="heading">${l10n.term('latestEntrants')}</h3>
                <ul part="list" class="chat">${entrants.slice(-10).reverse().map((entrant) => html`<li part="list-item"><span class="text">${entrant}</span></li>`)}</ul>`
            : nothing}`
        : nothing}
      ${running
        ? nothing
        : html`<form class="row" @submit=${(event: Event) => this.submitLottery(event)}>
            <label part="field">${l10n.term('lotteryMode')}
              <select part="select" name="mode">${MODES.map((mode) => html`<option value=${mode}>${l10n.term(modeLabels[mode])}</option>`)}</select>
            </label>
            <label part="field">${l10n.term('prize')}<input part="input" name="prize" required maxlength="200" /></label>
            <label part="field">${l10n.term('keyword')}<input part="input" name="keyword" maxlength="40" value="1" /></label>
            <label part="field">${l10n.term('likeGoal')}<input part="input" name="goal" type="number" min="1" value="1000" /></label>
            <label part="field">${l10n.term('watchMinutes')}<input part="input" name="minutes" type="number" min="1" max="600" value="5" /></label>
            <label part="field">${l10n.term('winners')}<input part="input" name="winners" type="number" min="1" max="100" value="1" /></label>
            <label part="field">${l10n.term('openSeconds')}<input part="input" name="seconds" type="number" min="10" max="3600" value="120" /></label>
            <label part="field">${l10n.term('minWatch')}<input part="input" name="minWatch" type="number" min="0" max="600" value="0" /></label>
            <label part="field" class="row"><input part="checkbox" type="checkbox" name="newWinnersOnly" />${l10n.term('newWinnersOnly')}</label>
            <label part="field" class="row"><input part="checkbox" type="checkbox" name="commented" />${l10n.term('mustComment')}</label>
            <button part="button" type="submit">${l10n.term('openLottery')}</button>
          </form>`}
    `;
  }

  // ── Quiz ────────────────────────────────────────────────────────────────────────────────────

  private get bank(): BankQuestion[] {
    return (this.desk.extra['bank'] as BankQuestion[] | undefined) ?? [];
  }

  private get asked(): string[] {
    return (this.desk.extra['asked'] as string[] | undefined) ?? [];
  }

  /** Correct option of each revealed quiz, for the leaderboard. */
  private get revealed(): Record<string, number> {
    return (this.desk.extra['revealed'] as Record<string, number> | undefined) ?? {};
  }

  private setBank(bank: BankQuestion[]): void {
    this.updateDesk({ extra: { ...this.desk.extra, bank } });
  }

  private importBank(raw: string): void {
    try {
      this.setBank(parseBank(raw));
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('invalidBank', (error as Error).message);
    }
  }

  private exportBank(): void {
    const url = URL.createObjectURL(new Blob([JSON.stringify(this.bank, null, 2)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: 'linger-questions.json' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private addQuestion(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const options = [1, 2, 3, 4].map((n) => String(data.get(`option${n}`) ?? '').trim()).filter(Boolean);
    try {
      const [question] = parseBank(
        JSON.stringify([
          {
            question: String(data.get('question') ?? '').trim(),
            options,
            correct: Number(data.get('correct')),
            explanation: String(data.get('explanation') ?? '').trim(),
            seconds: Number(data.get('seconds')),
          },
        ]),
      );
      this.setBank([...this.bank, question!]);
      form.reset();
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message);
    }
  }

  private async ask(question: BankQuestion): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const sent = await session.askQuiz({ question: question.question, options: question.options, correct: question.correct, seconds: question.seconds });
      const explanations = { ...((this.desk.extra['explanations'] as Record<string, string> | undefined) ?? {}), [sent.body.id]: question.explanation };
      this.updateDesk({ extra: { ...this.desk.extra, asked: [...this.asked, question.question], explanations } });
      this.lastSecretsSave = -Infinity;
      this.keepSecrets(session, this.now());
      this.tab = 'quiz';
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message.replace(/^\[linger\]\s*/, ''));
    }
  }

  private reveal(): void {
    const session = this.session;
    const quiz = this.roomCtl.state?.quiz;
    if (!session || !quiz) return;
    const explanation = (this.desk.extra['explanations'] as Record<string, string> | undefined)?.[quiz.id] ?? '';
    try {
      const sent = session.revealQuiz(explanation);
      this.updateDesk({ extra: { ...this.desk.extra, revealed: { ...this.revealed, [quiz.id]: sent.body.correct } } });
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('actionFailed', (error as Error).message.replace(/^\[linger\]\s*/, ''));
    }
  }

  /** Right answers per viewer across the quizzes revealed in this show, best first. */
  private leaderboard(): Array<[string, number]> {
    const ledger = this.session?.ledger;
    if (!ledger) return [];
    const points = new Map<string, number>();
    for (const [quizId, correct] of Object.entries(this.revealed)) {
      for (const [viewer, choice] of ledger.answers.get(quizId) ?? []) if (choice === correct) points.set(viewer, (points.get(viewer) ?? 0) + 1);
    }
    return [...points].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  }

  private renderQuiz(): TemplateResult {
    const { l10n } = this;
    const quiz = this.roomCtl.state!.quiz;
    const answers = quiz ? (this.session?.ledger.answers.get(quiz.id)?.size ?? 0) : 0;
    const board = this.leaderboard();
    return html`
      ${quiz
        ? html`<div part="next" class="next" role="status">
            <strong>${quiz.question}</strong>
            <span>${l10n.term('answersIn', ...this.counted(answers))}</span>
            ${quiz.status === 'open'
              ? html`<span>${l10n.duration(Math.max(0, (quiz.closesAt - this.now()) / 1000))}</span>
                  <button part="button" @click=${() => this.reveal()}>${l10n.term('reveal')}</button>`
              : nothing}
          </div>`
        : nothing}
      <ol part="steps" class="steps">
        ${this.bank.map(
          (question) => html`<li part="step" class="products">
            <span class="name">${question.question}</span>
            <span part="hint" class="hint">${question.options.join(' · ')}</span>
            <button part="button" ?disabled=${quiz?.status === 'open'} @click=${() => void this.ask(question)}>${l10n.term('ask')}</button>
          </li>`,
        )}
      </ol>
      <form class="row" @submit=${(event: Event) => this.addQuestion(event)}>
        <label part="field">${l10n.term('question')}<input part="input" name="question" required maxlength="300" /></label>
        ${[1, 2, 3, 4].map((n) => html`<label part="field">${l10n.term('option', n)}<input part="input" name=${`option${n}`} maxlength="120" ?required=${n <= 2} /></label>`)}
        <label part="field">${l10n.term('correctOption')}
          <select part="select" name="correct">${[0, 1, 2, 3].map((index) => html`<option value=${index}>${l10n.term('option', index + 1)}</option>`)}</select>
        </label>
        <label part="field">${l10n.term('explanation')}<input part="input" name="explanation" maxlength="500" /></label>
        <label part="field">${l10n.term('openSeconds')}<input part="input" name="seconds" type="number" min="5" max="600" value="30" /></label>
        <button part="button secondary" type="submit" class="secondary">${l10n.term('addQuestion')}</button>
      </form>
      <label part="field">${l10n.term('questionBank')}<textarea part="textarea" id="bank-json" spellcheck="false"></textarea></label>
      <div class="row">
        <button part="button secondary" class="secondary" @click=${() => this.importBank(this.renderRoot.querySelector<HTMLTextAreaElement>('#bank-json')!.value)}>${l10n.term('importJson')}</button>
        <button part="button secondary" class="secondary" @click=${() => this.exportBank()} ?disabled=${this.bank.length === 0}>${l10n.term('exportBank')}</button>
      </div>
      ${board.length > 0
        ? html`<h3 part="heading">${l10n.term('leaderboard')}</h3>
            <ol part="list" class="chat">${board.map(([viewer, n]) => html`<li part="list-item"><span class="text">${viewer}</span><span>${l10n.term('points', ...this.counted(n))}</span></li>`)}</ol>`
        : nothing}
    `;
  }

  // ── Products ────────────────────────────────────────────────────────────────────────────────

  private importProducts(raw: string): void {
    try {
      const list = JSON.parse(raw) as unknown;
      if (!Array.isArray(list)) throw new TypeError('expected a JSON array');
      const products = list.map((item) => checkBody('pin', { product: item }).product!);
      this.updateDesk({ products });
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('invalidJson', (error as Error).message.replace(/^\[linger\]\s*/, ''));
    }
  }

  /** Reads `/products/<handle>.js` from the shop (Shopify's AJAX product endpoint). */
  private async loadShopProduct(handle: string): Promise<void> {
    const clean = handle.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{0,254}$/.test(clean)) {
      this.problem = this.l10n.term('loadFailed', handle);
      return;
    }
    try {
      const response = await fetch(`/products/${clean}.js`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = (await response.json()) as { id: number; title: string; price: number; available?: boolean; featured_image?: string };
      const currency = (globalThis as { Shopify?: { currency?: { active?: string } } }).Shopify?.currency?.active ?? 'USD';
      const product: Product = {
        id: String(data.id),
        title: String(data.title).slice(0, 200),
        price: this.l10n.price(Number(data.price) / 100, currency),
        url: new URL(`/products/${clean}`, location.origin).href,
      };
      const image = data.featured_image?.startsWith('//') ? `https:${data.featured_image}` : data.featured_image;
      if (image && isHttpUrl(image)) product.image = image;
      if (data.available === false) product.soldOut = true;
      checkBody('pin', { product });
      this.updateDesk({ products: [...this.desk.products.filter((item) => item.id !== product.id), product] });
      this.problem = '';
    } catch (error) {
      this.problem = this.l10n.term('loadFailed', (error as Error).message);
    }
  }

  private pin(product: Product | null, remaining: number | null = null): void {
    this.send('pin', { product, remaining });
  }

  // ── Conversation ────────────────────────────────────────────────────────────────────────────

  private deleteLine(line: ChatLine): void {
    this.askToConfirm(this.l10n.term('confirmDelete', line.text.slice(0, 80)), () => this.send('moderate', { deleteIds: [line.id] }));
  }

  private muteViewer(user: string): void {
    this.askToConfirm(this.l10n.term('confirmMute', user), () => this.send('moderate', { mute: [user] }));
  }

  private feature(line: ChatLine): void {
    const who = line.name || line.from;
    this.send('announce', { text: `“${line.text}” — ${who}`.slice(0, 500), kind: 'info' });
  }

  // ── Keyboard ────────────────────────────────────────────────────────────────────────────────

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
    // Alt+1…6 by key position (`code`): Option+1 on a Mac types "¡", and other layouts put other
    // characters on the digit row. Without a code (some virtual keyboards), the typed digit counts.
    const digit = /^(?:Digit|Numpad)([1-6])$/.exec(event.code)?.[1] ?? (!event.code && /^[1-6]$/.test(event.key) ? event.key : undefined);
    if (event.altKey && digit) {
      const tab = TABS[Number(digit) - 1];
      if (tab) {
        event.preventDefault();
        this.tab = tab;
      }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z') this.undo();
    else if (key === 'n') {
      const step = nextStep(this.desk.plan, new Set(this.desk.fired), this.now());
      if (step) this.queue(step.title, () => this.fire(step), step.id);
    } else if (key === 'a') {
      this.tab = 'chat';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#announce-text')?.focus());
    } else return;
    event.preventDefault();
  };

  /** A count for a term: formatted in the console's language, with its plural category there. */
  private counted(count: number): [string, Intl.LDMLPluralRule] {
    return [this.l10n.number(count), this.l10n.plural(count)];
  }

  // ── Render ──────────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const { l10n } = this;
    const session = this.roomCtl.session;
    if (!session) {
      return html`<div part="base" class="console" dir=${l10n.dir} lang=${l10n.lang}><p part="hint" role="status">${l10n.term('connecting')}</p></div>`;
    }
    if (!session.isHost) {
      return html`<div part="base" class="console" dir=${l10n.dir} lang=${l10n.lang}>
        <p role="alert" part="not-host">${l10n.term('notHost', session.userId)}</p>
      </div>`;
    }
    const figures = this.figures.read(this.now());
    return html`<div part="base" class="console" dir=${l10n.dir} lang=${l10n.lang}>
      ${this.renderHeader()} ${this.renderSummary(figures)} ${this.renderPending()}
      ${this.problem ? html`<p part="error" class="error" role="alert">${this.problem}</p>` : nothing}
      <div role="tablist" part="tabs" aria-label=${l10n.term('title')}>
        ${TABS.map(
          (tab, index) => html`<button
            part="tab"
            role="tab"
            id=${`tab-${tab}`}
            aria-controls=${`panel-${tab}`}
            aria-selected=${String(this.tab === tab)}
            tabindex=${this.tab === tab ? 0 : -1}
            @click=${() => (this.tab = tab)}
            @keydown=${(event: KeyboardEvent) => this.moveTab(event, index)}
          >
            ${this.tabLabel(tab)}
          </button>`,
        )}
      </div>
      <section role="tabpanel" id=${`panel-${this.tab}`} aria-labelledby=${`tab-${this.tab}`} part="panel">
        ${this.tab === 'rhythm' ? this.renderRhythm() : nothing} ${this.tab === 'lottery' ? this.renderLottery() : nothing}
        ${this.tab === 'quiz' ? this.renderQuiz() : nothing} ${this.tab === 'products' ? this.renderProducts() : nothing}
        ${this.tab === 'chat' ? this.renderChat() : nothing} ${this.tab === 'figures' ? this.renderFigures(figures) : nothing}
      </section>
      <p part="hint" class="hint">${l10n.term('shortcuts')}</p>
      ${this.confirming
        ? html`<dialog part="dialog" aria-labelledby="confirm-text" @cancel=${() => this.closeDialog(false)}>
            <p id="confirm-text">${this.confirming.text}</p>
            <div class="row">
              <button part="button danger" class="danger" @click=${() => this.closeDialog(true)}>${l10n.term('confirm')}</button>
              <button part="button secondary" class="secondary" @click=${() => this.closeDialog(false)}>${l10n.term('cancel')}</button>
            </div>
          </dialog>`
        : nothing}
    </div>`;
  }

  private tabLabel(tab: Tab): string {
    const labels = { rhythm: 'tabRhythm', lottery: 'tabLottery', quiz: 'tabQuiz', products: 'tabProducts', chat: 'tabChat', figures: 'tabFigures' } as const;
    return this.l10n.term(labels[tab]);
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern), mirrored in right-to-left layouts. */
  private moveTab(event: KeyboardEvent, index: number): void {
    const forward = this.l10n.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = this.l10n.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    if (event.key !== forward && event.key !== back) return;
    const next = (index + (event.key === forward ? 1 : TABS.length - 1)) % TABS.length;
    this.tab = TABS[next]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }

  private renderHeader(): TemplateResult {
    const { l10n } = this;
    const show = this.roomCtl.state!.show;
    const phaseLabel = { upcoming: 'phaseUpcoming', live: 'phaseLive', ended: 'phaseEnded' } as const;
    return html`<header part="header">
      <h2 part="title">${l10n.term('title')}</h2>
      <span part="phase" class="phase" data-phase=${show.phase}>${l10n.term(phaseLabel[show.phase])}</span>
      <span part="hint status-line" class="hint">${l10n.term('statusLine', this.roomCtl.status)}</span>
      ${show.phase !== 'live'
        ? html`<button part="button" @click=${() => this.setPhase('live')}>${l10n.term('goLive')}</button>`
        : html`<button part="button danger" class="danger" @click=${() => this.askToConfirm(l10n.term('confirmEnd'), () => this.setPhase('ended'))}>
            ${l10n.term('endShow')}
          </button>`}
    </header>`;
  }

  private renderSummary(figures: LiveFigures): TemplateResult {
    const { l10n } = this;
    const state = this.roomCtl.state!;
    const answers = state.quiz ? (this.session?.ledger.answers.get(state.quiz.id)?.size ?? 0) : 0;
    const cells: Array<[string, string]> = [
      [l10n.term('viewersNow'), l10n.number(figures.viewers)],
      [l10n.term('peak'), l10n.number(figures.peak)],
      [l10n.term('likesPerMinute'), l10n.number(figures.likesPerMinute)],
      [l10n.term('commentsPerMinute'), l10n.number(figures.commentsPerMinute)],
      [l10n.term('interactionRate'), l10n.number(figures.interactionRate, { style: 'percent' })],
      [l10n.term('entrants'), l10n.number(state.lottery ? Math.max(state.lottery.entrants, this.session?.ledger.entrantCount(state.lottery.id) ?? 0) : 0)],
      [l10n.term('quizParticipation'), l10n.number(figures.peak > 0 ? Math.min(1, answers / figures.peak) : 0, { style: 'percent' })],
    ];
    return html`<dl class="summary" part="summary" aria-live="off">
      ${cells.map(([label, value]) => html`<div part="summary-item"><dt>${label}</dt><dd>${value}</dd></div>`)}
    </dl>`;
  }

  private renderPending(): TemplateResult | typeof nothing {
    if (!this.pending) return nothing;
    const seconds = Math.max(0, Math.ceil((this.pending.sendAt - this.now()) / 1000));
    return html`<div part="pending" class="pending" role="status">
      <span>${this.l10n.term('sendingIn', this.pending.label, this.l10n.number(seconds))}</span>
      <button part="button secondary" class="secondary" @click=${() => this.undo()}>${this.l10n.term('undo')}</button>
    </div>`;
  }

  private renderRhythm(): TemplateResult {
    const { l10n } = this;
    const now = this.now();
    const fired = new Set(this.desk.fired);
    const next = nextStep(this.desk.plan, fired, now);
    const phaseLabels: Record<StepPhase | 'fired', keyof typeof translation.en> = {
      planned: 'stepPlanned',
      announce: 'stepAnnouncing',
      due: 'stepDue',
      past: 'stepPast',
      fired: 'stepFired',
    };
    return html`
      <div class="row">
        <label part="field">${l10n.term('showMinutes')}
          <input part="input" type="number" min="15" max="600" .value=${String(this.showMinutes)}
            @change=${(event: Event) => (this.showMinutes = clampNumber((event.target as HTMLInputElement).value, 15, 600, 90))} />
        </label>
        <button part="button secondary" class="secondary" @click=${() => this.planShow()}>${l10n.term('planShow')}</button>
        <button part="button secondary" class="secondary" @click=${() => this.addStep()}>${l10n.term('addStep')}</button>
        <button part="button" @click=${() => this.publishSchedule()} ?disabled=${this.desk.plan.length === 0}>${l10n.term('publishSchedule')}</button>
      </div>
      ${next
        ? html`<div part="next" class="next">
            <strong>${l10n.term('next')}:</strong>
            <span>${next.title === this.kindLabel(next.kind) ? next.title : `${this.kindLabel(next.kind)} — ${next.title}`}</span>
            <span>${l10n.time(next.at)} (${l10n.term('inTime', l10n.duration((next.at - now) / 1000))})</span>
            <button part="button" @click=${() => this.queue(next.title, () => this.fire(next), next.id)}>${l10n.term('fireNow')}</button>
          </div>`
        : html`<p part="hint" class="hint">${l10n.term('nothingPlanned')}</p>`}
      <ol part="steps" class="steps">
        ${this.desk.plan.map((step) => {
          const phase = fired.has(step.id) ? 'fired' : stepPhase(step, now);
          return html`<li part="step" class="step" data-phase=${phase}>
            <label part="field">${l10n.term('stepTime')}
              <input part="input" type="time" .value=${toTimeInput(step.at)}
                @change=${(event: Event) => this.editStep(step.id, { at: fromTimeInput((event.target as HTMLInputElement).value, step.at) })} />
            </label>
            <label part="field">${l10n.term('stepKind')}
              <select part="select" @change=${(event: Event) => this.editStep(step.id, { kind: (event.target as HTMLSelectElement).value as PerkKind })}>
                ${KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === step.kind}>${this.kindLabel(kind)}</option>`)}
              </select>
            </label>
            <label part="field">${l10n.term('stepTitle')}
              <input part="input" maxlength="200" .value=${step.title} @change=${(event: Event) => this.editStep(step.id, { title: (event.target as HTMLInputElement).value.slice(0, 200) })} />
            </label>
            <label part="field">${l10n.term('stepPrompt')}
              <input part="input" maxlength="200" .value=${step.prompt} @change=${(event: Event) => this.editStep(step.id, { prompt: (event.target as HTMLInputElement).value.slice(0, 200) })} />
            </label>
            <label part="field">${l10n.term('stepLead')}
              <input part="input" type="number" min="60" max="120" .value=${String(step.lead)}
                @change=${(event: Event) => this.editStep(step.id, { lead: clampLead(Number((event.target as HTMLInputElement).value) || 90) })} />
            </label>
            <label part="field">${l10n.term('stepCode')}
              <input part="input" maxlength="2048" .value=${step.code ?? ''} @change=${(event: Event) => this.editStep(step.id, { code: (event.target as HTMLInputElement).value.trim() })} />
            </label>
            ${step.kind === 'first-n'
              ? html`<label part="field">${l10n.term('stepRemaining')}
                  <input part="input" type="number" min="1" max="100000" .value=${String(step.remaining ?? 10)}
                    @change=${(event: Event) => this.editStep(step.id, { remaining: clampNumber((event.target as HTMLInputElement).value, 1, 100_000, 10) })} />
                </label>`
              : nothing}
            <span part="step-state" class="state">${l10n.term(phaseLabels[phase])}</span>
            <div class="row">
              <button part="button secondary" class="secondary" @click=${() => this.queue(step.title, () => this.fire(step))}>${l10n.term('fireNow')}</button>
              <button part="button secondary" class="secondary" @click=${() => this.updateDesk({ plan: this.desk.plan.filter((item) => item.id !== step.id) })}>
                ${l10n.term('removeStep')}
              </button>
            </div>
          </li>`;
        })}
      </ol>
    `;
  }

  private renderProducts(): TemplateResult {
    const { l10n } = this;
    const pinned = this.roomCtl.state!.pinned;
    return html`
      <label part="field">${l10n.term('importProducts')}
        <textarea part="textarea" id="products-json" spellcheck="false"></textarea>
      </label>
      <div class="row">
        <button part="button secondary" class="secondary" @click=${() => this.importProducts(this.renderRoot.querySelector<HTMLTextAreaElement>('#products-json')!.value)}>
          ${l10n.term('importJson')}
        </button>
        <label part="field">${l10n.term('shopifyHandle')}<input part="input" id="shop-handle" /></label>
        <button part="button secondary" class="secondary" @click=${() => void this.loadShopProduct(this.renderRoot.querySelector<HTMLInputElement>('#shop-handle')!.value)}>
          ${l10n.term('loadFromShop')}
        </button>
      </div>
      <ul part="steps" class="products">
        ${this.desk.products.map((product) => {
          const isPinned = pinned?.product.id === product.id;
          return html`<li part="step" ?data-pinned=${isPinned}>
            <span class="name">${product.title}${product.price ? html` · ${product.price}` : nothing}</span>
            <label part="field">${l10n.term('firstN')}
              <input part="input" type="number" min="0" max="1000000" .value=${String(isPinned ? (pinned?.remaining ?? '') : '')} id=${`remaining-${product.id}`} />
            </label>
            <label part="field" class="row"><input part="checkbox" type="checkbox" .checked=${Boolean(product.soldOut)}
              @change=${(event: Event) => this.toggleSoldOut(product, (event.target as HTMLInputElement).checked)} />${l10n.term('soldOut')}</label>
            ${isPinned
              ? html`<button part="button secondary" class="secondary" @click=${() => this.pin(null)}>${l10n.term('unpin')}</button>`
              : nothing}
            <button part="button" @click=${() => this.pin(product, this.remainingFor(product))}>${isPinned ? l10n.term('apply') : l10n.term('pin')}</button>
          </li>`;
        })}
      </ul>
    `;
  }

  private remainingFor(product: Product): number | null {
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#remaining-${CSS.escape(product.id)}`);
    return input?.value ? clampNumber(input.value, 0, 1_000_000, 0) : null;
  }

  private toggleSoldOut(product: Product, soldOut: boolean): void {
    const updated: Product = { ...product, soldOut };
    this.updateDesk({ products: this.desk.products.map((item) => (item.id === product.id ? updated : item)) });
    const pinned = this.roomCtl.state?.pinned;
    if (pinned?.product.id === product.id) this.pin(updated, pinned.remaining);
  }

  private renderChat(): TemplateResult {
    const { l10n } = this;
    const state = this.roomCtl.state!;
    const lines = [...state.chat].reverse().slice(0, 100);
    return html`
      <form class="row" @submit=${(event: Event) => this.submitAnnouncement(event)}>
        <label part="field">${l10n.term('announcement')}<input part="input" id="announce-text" name="text" maxlength="500" /></label>
        <label part="field">${l10n.term('stepKind')}
          <select part="select" name="kind">
            <option value="info">${l10n.term('info')}</option>
            <option value="perk-prompt">${l10n.term('perkPrompt')}</option>
          </select>
        </label>
        <button part="button" type="submit">${l10n.term('announce')}</button>
        ${state.announcement
          ? html`<button part="button secondary" type="button" class="secondary" @click=${() => this.send('announce', { text: '' })}>${l10n.term('clearAnnouncement')}</button>`
          : nothing}
      </form>
      <form class="row" @submit=${(event: Event) => this.submitModeration(event)}>
        <label part="field">${l10n.term('slowMode')}
          <input part="input" name="slowMode" type="number" min="0" max="600" .value=${String(state.moderation.slowMode)} />
        </label>
        <label part="field">${l10n.term('blockWords')}<input part="input" name="blockWords" .value=${state.moderation.blockWords.join(', ')} /></label>
        <button part="button secondary" type="submit" class="secondary">${l10n.term('apply')}</button>
      </form>
      ${lines.length === 0
        ? html`<p part="hint" class="hint">${l10n.term('noComments')}</p>`
        : html`<ul part="list" class="chat" aria-label=${l10n.term('tabChat')}>
            ${lines.map(
              (line) => html`<li part="list-item">
                <span class="who">${line.name || line.from}</span>
                <span class="text">${line.text}</span>
                <button part="button secondary" class="secondary" @click=${() => this.feature(line)}>${l10n.term('feature')}</button>
                <button part="button secondary" class="secondary" @click=${() => this.deleteLine(line)}>${l10n.term('deleteComment')}</button>
                ${line.from !== this.session?.userId
                  ? html`<button part="button secondary" class="secondary" @click=${() => this.muteViewer(line.from)}>${l10n.term('mute')}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
      ${state.moderation.muted.length > 0
        ? html`<h3 part="heading">${l10n.term('muted')}</h3>
            <ul part="list" class="chat">
              ${state.moderation.muted.map(
                (user) => html`<li part="list-item">
                  <span class="text">${user}</span>
                  <button part="button secondary" class="secondary" @click=${() => this.send('moderate', { unmute: [user] })}>${l10n.term('unmute')}</button>
                </li>`,
              )}
            </ul>`
        : nothing}
    `;
  }

  private submitAnnouncement(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    if (!text) return;
    if (this.send('announce', { text, kind: data.get('kind') === 'perk-prompt' ? 'perk-prompt' : 'info' })) form.reset();
  }

  private submitModeration(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const blockWords = String(data.get('blockWords') ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean)
      .slice(0, 100);
    this.send('moderate', { slowMode: clampNumber(String(data.get('slowMode')), 0, 600, 0), blockWords });
  }

  private renderFigures(figures: LiveFigures): TemplateResult {
    const points = sparklinePoints(figures.history, 300, 80);
    return html`<figure part="chart">
      <figcaption>${this.l10n.term('audienceChart')}</figcaption>
      <svg viewBox="0 0 300 80" preserveAspectRatio="none" role="img" aria-label=${this.l10n.term('audienceChart')}>
        ${svg`<polyline points=${points}></polyline>`}
      </svg>
    </figure>`;
  }
}

function clampNumber(value: string, min: number, max: number, fallback: number): number {
  const number = Math.round(Number(value));
  return Number.isFinite(number) ? Math.min(max, Math.max(min, number)) : fallback;
}

/** `HH:MM` in the operator's local time, for `<input part="input" type="time">`. */
function toTimeInput(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** The same day as `previous` at the chosen `HH:MM` (local time). */
function fromTimeInput(value: string, previous: number): number {
  const [hours, minutes] = value.split(':').map(Number);
  if (!Number.isFinite(hours) || !Number.isFinite(minutes)) return previous;
  const date = new Date(previous);
  date.setHours(hours!, minutes!, 0, 0);
  return date.getTime();
}
