import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { tierLabel } from '../../core/tier-label.js';
import { query, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { TickController } from '../../controllers/viewer-controller.js';
import { ConsoleDeskStore } from '../../controllers/console-desk.js';
import { ConsoleDrafts } from '../../controllers/console-drafts.js';
import { ActionOutbox } from '../../controllers/console-outbox.js';
import { PlanRunner } from '../../controllers/plan-runner.js';
import { hostStyles } from '../../styles/host.styles.js';
import { nextStep } from '../../core/rhythm.js';
import { FiguresTracker } from '../../core/figures.js';
import { TopicAnswers } from '../../core/topic-answers.js';
import { connectionView, effectiveConnection, type ConnectionView } from '../../core/console-connection.js';
import { nextQuestion, type ConsoleStep } from '../../core/console-desk.js';
import { featureBody, formReader, parseAnnouncementForm, parseLotteryForm, parseModerationForm, parseVoteForm, perkDropBody, preAnnounceBody, scheduleBody, type LotteryOptions, type VoteOptions } from '../../core/console-forms.js';
import type { BankQuestion } from '../../core/quiz-bank.js';
import { randomId, type BodyOf, type Product } from '../../core/protocol.js';
import type { RoomHandle } from '../../core/registry.js';
import type { RoomSession } from '../../core/session.js';
import type { ChatLine } from '../../core/state.js';
import { translation } from './host-console.strings.js';
import { deskActions } from './desk-actions.js';
import { arrowStep, shortcutOf } from './shortcuts.js';
import { TABS, renderDialog, renderTabs, type Tab } from './tabs.js';
import { reasonOf, type ConsoleActions, type PanelContext, type Strings } from './panel-context.js';
import { renderConnection, renderFigures, renderHeader, renderPending, renderSummary, renderWaiting } from './status-panel.js';
import { renderRhythm } from './rhythm-panel.js';
import { renderLottery } from './lottery-panel.js';
import { renderQuiz } from './quiz-panel.js';
import { renderProducts } from './products-panel.js';
import { renderChat } from './chat-panel.js';
import { renderVote } from './vote-panel.js';
import { renderStage } from './stage-panel.js';
import { renderTimeline } from './replay-panel.js';
import { TimelineCapture } from '../../controllers/replay-recorder.js';
import styles from './host-console.styles.js';

/** The channel whose desk the console keeps: the room's property (set by frameworks), else its attribute. */
function channelOf(room: RoomHandle | null): string {
  const value = (room as { channel?: unknown } | null)?.channel;
  return typeof value === 'string' && value ? value : (room?.getAttribute('channel') ?? '');
}

/**
 * The operator's cockpit: plan the show's rhythm and fire each step on time (with undo), pin
 * products, moderate the conversation, announce, and watch live figures. Only a host id of the room
 * may drive it; on a viewer identity it says so and sends nothing. While the room is not connected
 * it says why (with Reconnect), and every action taken meanwhile waits visibly and goes out on
 * reconnect — or is refused with its reason; forms keep what was typed. The plan, fired steps and
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
 * @csspart status-line - The connection status in the header ("Reconnecting in 4 seconds").
 * @csspart summary - The live figures strip.
 * @csspart summary-item - One live figure.
 * @csspart pending - "Sending in 5 s" with its undo button; the actions waiting for the connection, each with Discard.
 * @csspart error - The last problem (invalid JSON, refused action); why the room cannot connect, with Reconnect.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - The active tab's panel.
 * @csspart next - The next step / open lottery / open quiz banner.
 * @csspart steps - A list of plan steps, questions or products.
 * @csspart step - One plan step, question or product.
 * @csspart step-state - A plan step's state (planned, announcing, due, fired).
 * @csspart list - A list of comments, entrants, muted viewers, scores or waiting actions.
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
 * @csspart hint - Help text (keyboard shortcuts, empty states, a connection failure's details).
 * @csspart dialog - The confirmation dialog.
 * @csspart not-host - The message shown to a viewer identity.
 * @cssproperty --linger-host-console-surface - Background of the console.
 * @cssproperty --linger-host-console-max-width - Widest the console grows (default 1200px).
 */
export class LingerHostConsole extends RoomElement<Strings> {
  static override styles = [hostStyles, styles];

  @state() private tab: Tab = 'rhythm';
  @state() private problem = '';
  @state() private confirming: { text: string; run: () => void } | null = null;
  @state() private showMinutes = 90;

  @query('dialog') private dialog?: HTMLDialogElement;

  private figures = new FiguresTracker();
  private topicAnswers = new TopicAnswers();
  private readonly desk = new ConsoleDeskStore(() => this.requestUpdate());
  private readonly drafts = new ConsoleDrafts();
  private readonly outbox = new ActionOutbox<RoomSession>();
  private readonly runner = new PlanRunner({
    announce: (step) => this.perform(step.prompt || step.title, (session) => session.act('announce', preAnnounceBody(step))),
    fire: (step) => this.fire(step),
    markFired: (id) => this.desk.markFired(id),
    label: ({ kind, step }) => (kind === 'announce' ? step.prompt || step.title : step.title),
  });
  private followedSession: RoomSession | null = null;
  /**
   * The last host session of this room: between two connection attempts the room has none for a
   * moment, and the console keeps showing the show (and the operator's fields) instead of blinking.
   */
  private lastHostSession: RoomSession | null = null;
  private followedRoom: RoomHandle | null = null;
  /** The room the console last drove (kept while the console is out of the document). */
  private lastRoom: RoomHandle | null = null;
  private stopSession: Array<() => void> = [];
  private stopRoom: (() => void) | undefined;
  /** Records the show's timeline; sent to the webhook and downloadable once the show ended (docs/replay.md). */
  private readonly timeline = new TimelineCapture({
    show: () => {
      const room = this.roomCtl.room as { show?: string } | null;
      return room?.show || channelOf(this.roomCtl.room);
    },
    webhook: () => (this.roomCtl.room as { webhook?: string } | null)?.webhook ?? '',
    changed: () => this.requestUpdate(),
  });

  constructor() {
    super(translation, { chatUpdates: 'frame' });
    // The one ticker (src/controllers/viewer-controller.ts), every half second: the plan runs, an
    // action whose undo window closed goes out, waiting actions go out once connected; then a render.
    new TickController(
      this,
      () => {
        this.tick();
        return true;
      },
      500,
    );
    this.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.stopSession.splice(0)) stop();
    this.stopRoom?.();
    this.stopRoom = undefined;
    this.followedSession = null;
    this.followedRoom = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.follow();
  }

  protected override updated(): void {
    if (this.confirming && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  // ── Room, session, desk and clock ───────────────────────────────────────────────────────────

  /** The room's session when this peer is one of its hosts. */
  private get hostSession(): RoomSession | null {
    const session = this.roomCtl.session;
    return session && session.isHost ? session : null;
  }

  /** Whether a host action can go out now. */
  private get online(): boolean {
    return this.roomCtl.session?.$status.get() === 'connected';
  }

  private get connection(): ConnectionView {
    const session = this.roomCtl.session;
    const state = effectiveConnection(this.roomCtl.room?.$connection?.get() ?? null, session ? { status: session.$status.get(), error: session.$error.get() } : null);
    return connectionView(state, Date.now());
  }

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  /** Follows the room (its connection) and its session (figures from its messages, the desk of its channel). */
  private follow(): void {
    const room = this.roomCtl.room;
    if (room !== this.followedRoom) {
      this.stopRoom?.();
      this.stopRoom = room?.$connection?.listen(() => this.requestUpdate());
      if (room && this.lastRoom && room !== this.lastRoom) {
        // Another room: actions queued for the previous one must not go out here, nor its figures mix in.
        this.runner.drop();
        this.outbox.clear();
        this.figures = new FiguresTracker();
        this.topicAnswers = new TopicAnswers();
        this.lastHostSession = null;
      }
      this.followedRoom = room;
      if (room) this.lastRoom = room;
    }
    const session = this.roomCtl.session;
    if (session === this.followedSession) return;
    for (const stop of this.stopSession.splice(0)) stop();
    this.followedSession = session;
    if (!session) return;
    if (session.isHost) this.lastHostSession = session;
    // Co-hosting on Agora: the console records each invitation with the token endpoint, so the
    // invited viewer (and only it) can get a guest publisher token (docs/tokens.md § Co-hosting).
    const tokenUrl = (room as { tokenUrl?: string } | null)?.tokenUrl;
    if (tokenUrl && session.isHost) {
      // Through the session code the room loaded: a static import would make the token module a
      // chunk of its own that every viewer's page then loads (test/build/cdn.node.test.mjs).
      const record = async (viewer: string, revoke: boolean) =>
        (await import('../room/live.js')).recordStageInvitation(tokenUrl, { channel: session.transport.channel, uid: session.userId, viewer, revoke });
      session.stage.beforeInvite = (viewer) => record(viewer, false);
      session.stage.afterLeave = (viewer) => void record(viewer, true).catch((error: unknown) => console.warn('[linger] stage: the invitation could not be taken back', error));
    }
    this.timeline.follow(session);
    this.stopSession.push(
      session.onMessage((message) => {
        this.figures.message(message, this.now());
        this.topicAnswers.message(message);
      }),
      session.$presence.subscribe((count) => this.figures.presence(count ?? 1, this.now())),
      session.$error.listen(() => this.requestUpdate()),
      session.stage.$queue.listen(() => this.requestUpdate()),
      session.stage.$invited.listen(() => this.requestUpdate()),
    );
    this.desk.open(channelOf(room));
  }

  private tick(): void {
    const now = this.now();
    const session = this.hostSession;
    if (session) {
      this.desk.restoreSecrets(session);
      this.desk.keepSecrets(session, now);
    }
    this.runner.tick(now, session ? this.desk.desk.plan : null, new Set(this.desk.desk.fired));
    this.timeline.tick();
    const settled = this.outbox.observe(this.online, Date.now());
    const current = this.roomCtl.session;
    if (settled && current && this.outbox.items.length > 0) {
      void this.outbox.flush(current, (item, error) => this.refuse(error, item.label)).then(() => this.requestUpdate());
    }
  }

  // ── Sending ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Sends a host action now while the room is connected; otherwise it waits, visibly, and goes out
   * on reconnect. A refusal (bad input, not a host, too large) shows its reason, and the form it
   * came from keeps its fields; `sent` runs once it went out.
   */
  private perform(label: string, run: (session: RoomSession) => unknown, sent?: () => void): void {
    const session = this.roomCtl.session;
    if (!session || !this.online) {
      this.outbox.add(label, run, sent);
      this.requestUpdate();
      return;
    }
    let result: unknown;
    try {
      result = run(session);
    } catch (error) {
      this.refuse(error);
      return;
    }
    const done = () => {
      this.problem = '';
      sent?.();
    };
    if (result instanceof Promise) result.then(done, (error: unknown) => this.refuse(error));
    else done();
  }

  private refuse(error: unknown, label?: string): void {
    this.problem = label ? this.localize.term('refused', label, reasonOf(error)) : this.localize.term('actionFailed', reasonOf(error));
  }

  /** Copies a form's fields into the drafts (a field set by script fires no input event); returns the copy. */
  private keepForm(prefix: string, form: HTMLFormElement): Map<string, string> {
    const copy = new Map<string, string>();
    for (const field of form.elements as unknown as Iterable<HTMLInputElement>) {
      if (!field.name) continue;
      const value = field.type === 'checkbox' ? (field.checked ? 'on' : '') : field.value;
      this.drafts.set(`${prefix}${field.name}`, value);
      copy.set(`${prefix}${field.name}`, value);
    }
    return copy;
  }

  /** Once a form's action went out: its drafts go, unless the operator has typed something else since. */
  private forgetForm(prefix: string, copy: Map<string, string>, form?: HTMLFormElement): void {
    if ([...copy].some(([key, value]) => this.drafts.value(key) !== value)) return;
    this.drafts.clear(prefix);
    if (form?.isConnected) form.reset();
    this.requestUpdate();
  }

  private readonly actions: ConsoleActions = {
    setPhase: (phase) =>
      this.perform(this.localize.term(phase === 'live' ? 'goLive' : 'endShow'), (session) => {
        // Read when it goes out: after a reconnect the show is the one the room restored.
        const { show } = session.state;
        const body: BodyOf<'show'> = { phase };
        if (show.title) body.title = show.title;
        body.startedAt = phase === 'live' ? Math.round(show.startedAt ?? session.clock.now()) : (show.startedAt ?? null);
        return session.act('show', body);
      }),
    confirm: (text, run) => (this.confirming = { text, run }),
    ...deskActions({
      localize: this.localize,
      desk: this.desk,
      drafts: this.drafts,
      now: () => this.now(),
      startedAt: () => this.roomCtl.state?.show.startedAt ?? null,
      showMinutes: () => this.showMinutes,
      setShowMinutes: (minutes) => (this.showMinutes = minutes),
      setProblem: (text) => (this.problem = text),
    }),
    publishSchedule: () => this.perform(this.localize.term('publishSchedule'), (session) => session.act('schedule', scheduleBody(this.desk.desk.plan))),
    queueStep: (step, handles) => {
      this.runner.queue(step.title, () => this.fire(step), this.now(), handles);
      this.requestUpdate();
    },
    submitLottery: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const options = parseLotteryForm(formReader(new FormData(form)));
      const copy = this.keepForm('lottery.', form);
      this.openLottery(options, () => this.forgetForm('lottery.', copy));
    },
    closeLottery: () => this.perform(this.localize.term('closeEntries'), (session) => session.closeLottery()),
    drawLottery: () => {
      const claim = (this.renderRoot.querySelector<HTMLInputElement>('#claim')?.value ?? this.drafts.value('claim')).trim();
      this.perform(this.localize.term('draw'), (session) => session.drawLottery(claim || undefined), () => this.drafts.clear('claim'));
    },
    ask: (question) => this.ask(question),
    reveal: () =>
      this.perform(this.localize.term('reveal'), (session) => {
        const quiz = session.state.quiz;
        const sent = session.revealQuiz(quiz ? (this.desk.explanations[quiz.id] ?? '') : '');
        this.desk.setExtra('revealed', { ...this.desk.revealed, [sent.body.id]: sent.body.correct });
      }),
    submitTopic: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const text = String(new FormData(form).get('text') ?? '').trim();
      if (!text) return;
      const copy = this.keepForm('topic.', form);
      this.postTopic(text, () => this.forgetForm('topic.', copy, form));
    },
    clearTopic: () => this.perform(this.localize.term('clearTopic'), (session) => session.act('topic', { id: session.state.topic?.id ?? `topic-${randomId(8)}`, text: '' })),
    featureAnswer: (answer) =>
      this.perform(`${this.localize.term('featureAnswer')} — ${answer.text.slice(0, 80)}`, (session) => {
        const topic = session.state.topic;
        if (!topic) return;
        const featured: NonNullable<BodyOf<'topic.feature'>['answer']> = { line: answer.id, from: answer.from, text: answer.text };
        if (answer.name) featured.name = answer.name;
        session.act('topic.feature', { id: topic.id, answer: featured });
      }),
    submitVote: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      let options: VoteOptions;
      try {
        options = parseVoteForm(formReader(new FormData(form)), this.desk.desk.products);
      } catch {
        this.problem = this.localize.term('voteNeedsOptions');
        return;
      }
      const copy = this.keepForm('vote.', form);
      this.perform(
        `${this.localize.term('openVote')} — ${options.question}`,
        async (session) => {
          await session.openVote(options);
          this.desk.keepSecrets(session, this.now(), true);
        },
        () => this.forgetForm('vote.', copy),
      );
    },
    closeVote: () => this.perform(this.localize.term('closeVote'), (session) => session.closeVote()),
    pinWinner: () => {
      const vote = this.roomCtl.state?.vote;
      const product = vote?.status === 'closed' && vote.winner !== undefined ? vote.options[vote.winner]?.product : undefined;
      if (product) this.pin(product, null);
    },
    pin: (product, remaining = null) => this.pin(product, remaining),
    toggleSoldOut: (product, soldOut) => {
      const updated: Product = { ...product, soldOut };
      this.desk.update({ products: this.desk.desk.products.map((item) => (item.id === product.id ? updated : item)) });
      const pinned = this.roomCtl.state?.pinned;
      if (pinned?.product.id === product.id) this.pin(updated, pinned.remaining);
    },
    submitAnnouncement: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const body = parseAnnouncementForm(formReader(new FormData(form)));
      if (!body) return;
      const copy = this.keepForm('announce.', form);
      this.perform(`${this.localize.term('announce')} — ${body.text.slice(0, 80)}`, (session) => session.act('announce', body), () => this.forgetForm('announce.', copy, form));
    },
    clearAnnouncement: () => this.perform(this.localize.term('clearAnnouncement'), (session) => session.act('announce', { text: '' })),
    submitModeration: (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const body = parseModerationForm(formReader(new FormData(form)));
      const copy = this.keepForm('moderation.', form);
      this.perform(this.localize.term('apply'), (session) => session.act('moderate', body), () => this.forgetForm('moderation.', copy));
    },
    feature: (line) => this.perform(`${this.localize.term('feature')} — ${line.text.slice(0, 80)}`, (session) => session.act('announce', featureBody(line))),
    deleteLine: (line: ChatLine) =>
      this.actions.confirm(this.localize.term('confirmDelete', line.text.slice(0, 80)), () =>
        this.perform(`${this.localize.term('deleteComment')} — ${line.text.slice(0, 80)}`, (session) => session.act('moderate', { deleteIds: [line.id] })),
      ),
    mute: (user) =>
      this.actions.confirm(this.localize.term('confirmMute', user), () =>
        this.perform(`${this.localize.term('mute')} — ${user}`, (session) => session.act('moderate', { mute: [user] })),
      ),
    unmute: (user) => this.perform(`${this.localize.term('unmute')} — ${user}`, (session) => session.act('moderate', { unmute: [user] })),
  };

  /** Fires one planned step now: perks drop; lotteries and quizzes open in their panels. */
  private fire(step: ConsoleStep): void {
    this.desk.markFired(step.id);
    if (step.kind === 'lottery') {
      // The pre-announce said "type 1": a keyword lottery on "1" for two minutes.
      this.openLottery({ mode: 'keyword', keyword: '1', prize: step.title, winners: 1, seconds: 120 });
      return;
    }
    if (step.kind === 'quiz') {
      const question = nextQuestion(this.desk.desk);
      if (question) this.ask(question);
      else {
        this.tab = 'quiz';
        this.problem = this.localize.term('bankEmpty');
      }
      return;
    }
    if (step.kind === 'topic') return this.postTopic(step.title);
    this.perform(step.title, (session) => session.act('perk.drop', perkDropBody(step)));
  }

  /** Pins a topic above every viewer's chat (a new one replaces the last, its answers apart). */
  private postTopic(text: string, sent?: () => void): void {
    this.perform(`${this.localize.term('postTopic')} — ${text.slice(0, 80)}`, (session) => session.act('topic', { id: `topic-${randomId(8)}`, text: text.slice(0, 200) }), sent);
  }

  /** Opens a lottery; its seed goes on the desk at once, so a reload before the draw keeps it. */
  private openLottery(options: LotteryOptions, sent?: () => void): void {
    this.perform(
      `${this.localize.term('openLottery')} — ${options.prize}`,
      async (session) => {
        await session.openLottery(options);
        this.desk.keepSecrets(session, this.now(), true);
        this.tab = 'lottery';
      },
      sent,
    );
  }

  private ask(question: BankQuestion): void {
    this.perform(`${this.localize.term('ask')} — ${question.question}`, async (session) => {
      const sent = await session.askQuiz({ question: question.question, options: question.options, correct: question.correct, seconds: question.seconds });
      this.desk.update({
        extra: {
          ...this.desk.desk.extra,
          asked: [...this.desk.asked, question.question],
          explanations: { ...this.desk.explanations, [sent.body.id]: question.explanation },
        },
      });
      this.desk.keepSecrets(session, this.now(), true);
      this.tab = 'quiz';
    });
  }

  private pin(product: Product | null, remaining: number | null): void {
    const label = product ? `${this.localize.term('pin')} — ${product.title}` : this.localize.term('unpin');
    this.perform(label, (session) => session.act('pin', { product, remaining }));
  }

  private closeDialog(confirmed: boolean): void {
    const confirming = this.confirming;
    this.confirming = null;
    this.dialog?.close();
    if (confirmed) confirming?.run();
  }

  // ── Keyboard ────────────────────────────────────────────────────────────────────────────────

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const shortcut = shortcutOf(event);
    if (!shortcut) return;
    event.preventDefault();
    if ('tab' in shortcut) this.tab = TABS[shortcut.tab]!;
    else if (shortcut.action === 'undo') this.runner.undo();
    else if (shortcut.action === 'next') {
      const step = nextStep(this.desk.desk.plan, new Set(this.desk.desk.fired), this.now());
      if (step) this.actions.queueStep(step, step.id);
    } else {
      this.tab = 'chat';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#announce-text')?.focus());
    }
    this.requestUpdate();
  };

  private moveTab(event: KeyboardEvent, index: number): void {
    const step = arrowStep(event.key, this.localize.dir);
    if (!step) return;
    this.tab = TABS[(index + step + TABS.length) % TABS.length]!;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
  }

  // ── Render ──────────────────────────────────────────────────────────────────────────────────

  /**
   * The Studio tab's `<linger-studio>` (docs/studio.md): loaded the first time the tab opens, then kept
   * in the page, hidden on the other tabs and whatever the console shows, so switching tabs never
   * ends a broadcast.
   */
  @state() private studioLoaded = false;
  private studioLoading = false;

  private frame(content: unknown): TemplateResult {
    if (this.tab === 'studio' && !this.studioLoading) {
      this.studioLoading = true;
      void import('../studio/linger-studio.js').then(
        () => (this.studioLoaded = true),
        (error: unknown) => console.warn('[linger] the studio could not be loaded', error),
      );
    }
    return html`<div part="base" class="console" dir=${this.localize.dir} lang=${this.localize.lang}>
      ${content}${this.studioLoaded ? html`<linger-studio .locale=${this.locale} ?hidden=${this.tab !== 'studio'}></linger-studio>` : nothing}
    </div>`;
  }

  protected override render() {
    const { localize } = this;
    const room = this.roomCtl.room;
    const session = this.roomCtl.session;
    if (!room) return this.frame(html`<p part="hint" role="status">${localize.term('connecting')}</p>`);
    const view = this.connection;
    const reconnect = () => room.reconnect();
    const discard = (id: number) => {
      this.outbox.discard(id);
      this.requestUpdate();
    };
    if (session && !session.isHost && view.status === 'connected') {
      return this.frame(html`<p role="alert" part="not-host">${localize.term('notHost', session.userId)}</p>`);
    }
    const shown = session ?? this.lastHostSession;
    if (!shown || !shown.isHost) {
      // No host session yet (connecting, between attempts, or failing before it knows who we are).
      return this.frame(html`<p part="hint" role="status">${localize.term('connecting')}</p>
        ${renderConnection(localize, view, reconnect)} ${renderWaiting(localize, this.outbox.items, discard)}`);
    }
    const now = this.now();
    const figures = this.figures.read(now);
    const state = shown.state;
    const context: PanelContext = { localize, state, session: shown, desk: this.desk, drafts: this.drafts, now, showMinutes: this.showMinutes, topicAnswers: this.topicAnswers, actions: this.actions, tierName: (tier) => tierLabel(tier, this.roomCtl.room, localize.lang) };
    return this.frame(html`
      ${renderHeader(localize, state.show, view, this.actions)} ${renderConnection(localize, view, reconnect)}
      ${renderTimeline(localize, state.show.phase, this.timeline)}
      ${renderSummary(localize, figures, state, shown)} ${renderWaiting(localize, this.outbox.items, discard)}
      ${renderPending(localize, this.runner.pending, this.runner.secondsLeft(now), () => {
        this.runner.undo();
        this.requestUpdate();
      })}
      ${this.problem ? html`<p part="error" class="error" role="alert">${this.problem}</p>` : nothing}
      ${renderTabs(localize, this.tab, (tab) => (this.tab = tab), (event, index) => this.moveTab(event, index))}
      <section role="tabpanel" id=${`panel-${this.tab}`} aria-labelledby=${`tab-${this.tab}`} part="panel">
        ${this.tab === 'rhythm' ? renderRhythm(context) : nothing} ${this.tab === 'lottery' ? renderLottery(context) : nothing}
        ${this.tab === 'quiz' ? renderQuiz(context) : nothing} ${this.tab === 'products' ? renderProducts(context) : nothing}
        ${this.tab === 'chat' ? renderChat(context) : nothing} ${this.tab === 'figures' ? renderFigures(localize, figures) : nothing}
        ${this.tab === 'vote' ? renderVote(context) : nothing} ${this.tab === 'stage' ? renderStage(context) : nothing}
      </section>
      <p part="hint" class="hint">${localize.term('shortcuts')}</p>
      ${renderDialog(localize, this.confirming?.text ?? null, (confirmed) => this.closeDialog(confirmed))}
    `);
  }
}
