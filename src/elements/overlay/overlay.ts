import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { RoomElement } from '../../controllers/room-element.js';
import { ChatFeed, lanesFor } from '../../controllers/danmaku-scheduler.js';
import { DisconnectGrace } from '../../controllers/disconnect-grace.js';
import { LazyView } from '../../controllers/lazy-view.js';
import { hostStyles } from '../../styles/host.styles.js';
import { cssProps } from '../../styles/css-props.js';
import { MAX_CHAT_LENGTH, tierOf } from '../../core/primitives.js';
import type { RoomHandle } from '../../core/registry.js';
import type { ChatLine, ShowState } from '../../core/state.js';
import type { ChatResult } from '../../core/session.js';
import { LingerChatRejectedEvent } from '../../events/dom/linger-chat-rejected.js';
import { connectionStatusFor } from '../connection-status/on-demand.js';
import { translation, type en } from './overlay.strings.js';
import { MARK, eyeIcon, heartIcon, isolate, sendIcon } from './overlay.templates.js';
import styles from './overlay.styles.js';

export { DANMAKU_CAP, LIST_CAP } from '../../controllers/danmaku-scheduler.js';

/** Hearts floating at once. */
const HEART_CAP = 12;

type Pricing = typeof import('./pinned-price.js');
/** The pinned price (formatter, the storefront's market price) arrives with the first pinned product, not on first paint. */
/** Why a comment was refused → the hint shown (slow mode, with its seconds, is drawn apart). */
const HINT_TERMS = { muted: 'muted', blocked: 'blocked', offline: 'offline', 'too-long': 'tooLong' } as const;

/** `panel` (the default) and `list` sit beside the video in the page's colours; `video` and `danmaku` sit over it. */
export type OverlayVariant = 'panel' | 'video' | 'danmaku' | 'list';

interface Heart {
  id: number;
  drift: number;
}
type Hint = { reason: Exclude<Extract<ChatResult, { ok: false }>['reason'], 'empty'>; until: number } | null;

/**
 * The live conversation over (or beside) the player: comments as a list or as danmaku, a composer
 * with a character limit and the room's send throttle, a like button with hearts (the room batches
 * likes to at most one message per second), host announcements and the perk prompt, the pinned
 * product, the viewer count, and a "what's on now" line from the first render (viewers, next perk
 * in mm:ss, an open giveaway or quiz).
 *
 * Chat comes from the show state only: the lines after the overlay's cursor (`ChatLine.n`), so a
 * message the room drops (block word, delete, mute) never shows. Under a flood it stays smooth:
 * one render per animation frame at most (danmaku renders only when a comment can take a lane, or
 * to refresh "+N more" a few times a second), at most `LIST_CAP` (40) comment nodes or
 * `DANMAKU_CAP` (14) bullets, the rest counted in "+N more" (the scheduling lives in
 * `src/controllers/danmaku-scheduler.ts`). `prefers-reduced-motion: reduce` turns danmaku into
 * the list. Everything viewers and hosts wrote is rendered as isolated text; nothing is linkified.
 *
 * @summary Live comments (list or danmaku), composer, likes, announcements, pinned product.
 * @tag linger-overlay
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr variant - `panel` (default; `list` is the same): comments beside the video in the page's colours. `video`: the list over the video. `danmaku`: comments flying over the video.
 * @attr name - The viewer's display name sent with their comments.
 * @attr max-length - Character limit of the composer (default 150, at most 300).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @attr hide-composer - Boolean: no composer (a read-only overlay).
 * @attr currency - ISO 4217 currency for the pinned product's price when it has none (default: Shopify's active currency), as on `<linger-product>`.
 * @attr money-format - The shop's money format (`{{ shop.money_format }}`, e.g. `Rs. {{amount}}`) for the pinned price in the viewer's currency, as on `<linger-product>` (else the room's `money-format`).
 * @fires linger-chat-rejected - The room refused a comment (`detail.reason`, `detail.retryInMs`).
 * @csspart base - The whole overlay.
 * @csspart now - The "what's on now" line.
 * @csspart now-item - Each chip of that line (each also has its own name below).
 * @csspart phase - The LIVE / Starting soon / Ended chip (while the room is not connected: its connection status).
 * @csspart viewers - The "N watching" chip.
 * @csspart returning - "3rd show you're watching": this browser's own count, shown to this viewer only, with consent (docs/tiers.md).
 * @csspart next-perk - The "next perk in mm:ss" chip.
 * @csspart activity - An open giveaway, quiz, vote or live perk chip.
 * @csspart comment-tier - A commenter's member tier badge (docs/tiers.md).
 * @csspart topic - The host's topic, pinned above the comments.
 * @csspart topic-text - The topic's text.
 * @csspart topic-reply - "Reply to topic": the next comment answers the topic.
 * @csspart topic-featured - The answer the host featured.
 * @csspart announcement - The host's announcement / perk prompt.
 * @csspart announcement-text - The announcement's text.
 * @csspart keyword-button - The perk prompt's "send 1" button.
 * @csspart pinned - The pinned product line.
 * @csspart pinned-image - The pinned product's image.
 * @csspart pinned-title - The pinned product's title.
 * @csspart pinned-price - The pinned product's price.
 * @csspart pinned-stock - Left / sold out.
 * @csspart pinned-link - The "View" link.
 * @csspart comments - The comment area (list or danmaku stage).
 * @csspart comment - One comment.
 * @csspart comment-name - A commenter's name.
 * @csspart comment-text - A comment's text.
 * @csspart more - The "+N more" counter.
 * @csspart empty - "No comments yet".
 * @csspart composer - The comment form.
 * @csspart input - The comment field.
 * @csspart send-button - The send button.
 * @csspart counter - Characters left (near the limit).
 * @csspart like-button - The like button.
 * @csspart likes - The like count.
 * @csspart heart - Each floating heart.
 * @csspart hint - Why a comment was not sent (slow mode, muted…).
 * @csspart stage-panel - Co-hosting: "Ask to join", the ask form, "request sent" and "on stage" (docs/studio.md § Co-hosting).
 * @csspart stage-ask - The "Ask to join" button (only while the host lets viewers ask).
 * @csspart stage-request - The ask form's request text.
 * @csspart stage-send - Sends the ask.
 * @csspart stage-cancel - Closes the ask form.
 * @csspart stage-withdraw - Withdraws a sent ask.
 * @csspart stage-dialog - The invitation: what going on stage means, the device check and the self-preview.
 * @csspart stage-check - Checks the camera and microphone (asks the browser for them).
 * @csspart stage-preview - The viewer's own camera, before going on stage.
 * @csspart stage-problem - Why the camera or microphone cannot be used (blocked, missing, busy).
 * @csspart stage-accept - "Go on stage" (after the device check).
 * @csspart stage-decline - "Not now".
 * @csspart stage-muted - "The host muted your microphone".
 * @csspart stage-leave - "Leave stage".
 * @cssproperty --linger-overlay-comment-background - Behind each comment (default: a faint tint of the text colour on a panel, the scrim `--linger-color-scrim` over video).
 * @cssproperty --linger-overlay-comment-color - Comment text colour (default: the page's text colour on a panel, `--linger-color-on-scrim` over video).
 * @cssproperty --linger-overlay-name-color - Commenter name colour (default: the text colour on a panel, `--linger-color-highlight` over video).
 * @cssproperty --linger-overlay-text-shadow - Shadow of text that sits straight on the video (default a soft dark shadow over video, none on a panel).
 * @cssproperty --linger-overlay-danmaku-height - Height of the danmaku stage (default `180px`).
 * @cssproperty --linger-overlay-list-height - Height of the list (default `220px`).
 * @cssproperty --linger-overlay-heart-color - Hearts and the like button (default the accent).
 */
export class LingerOverlay extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  /**
   * `panel` (default; `list` is the same): the comment list beside the video, in the page's own
   * colours. `video`: the list styled to sit over the video. `danmaku`: comments fly across the video.
   */
  @property() variant: OverlayVariant = 'panel';
  /** The viewer's display name. */
  @property() name = '';
  @property({ type: Number, attribute: 'max-length' }) maxLength = 150;
  @property({ type: Boolean, attribute: 'hide-composer' }) hideComposer = false;
  /** Currency of the pinned price when the product has none (as `<linger-product currency>`). */
  @property() currency = '';
  /** The shop's money format (as `<linger-product money-format>`; else the room's). */
  @property({ attribute: 'money-format' }) moneyFormat = '';
  private pinPrice: InstanceType<Pricing['PinnedPrice']> | undefined;
  /** The pinned product's row and its pricing: their code comes with the first pin. */
  private readonly pinnedView = new LazyView(this, () => import('./pinned-price.js'));

  @state() private draft = '';
  /** The topic the composer answers ("Reply to topic"), until the answer is sent. */
  @state() private replying: string | null = null;
  /** The host's cards (announcement, topic): their code comes with the first of them. */
  private readonly cards = new LazyView(this, () => import('./overlay-cards.js'));
  /** "Ask to join" and the consent dialog (co-hosting): their code comes when the host first opens the stage. */
  private readonly stageView = new LazyView(this, () => import('../stage/stage-join.js'));
  /** The merchant's tier names (docs/tiers.md): their code comes with the first comment that carries a tier. */
  private readonly tierNames = new LazyView(this, () => import('../../core/tier-label.js'));
  @state() private hint: Hint = null;
  @state() private hearts: Heart[] = [];
  @state() private reducedMotion = false;

  /** Follows the session's chat; its scheduler decides what is shown (lines after a cursor, lanes, "+N more"). */
  private readonly chat = new ChatFeed(this, () => this.layout);
  private readonly feed = this.chat.scheduler;
  private heartSeq = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private motionQuery: MediaQueryList | null = null;
  private resize: ResizeObserver | null = null;
  /** The danmaku stage the ResizeObserver watches (the shadow root survives a re-insertion). */
  private observedStage: HTMLElement | null = null;
  private stageWidth = 360;
  private readonly onMotion = () => {
    this.reducedMotion = !!this.motionQuery?.matches;
  };

  constructor() {
    // Chat-only state changes do not re-render: `ChatFeed` decides when a new line is worth a render.
    // It follows the session from the moment the room has one (the first render may come a task
    // later); out of the document it keeps following (DisconnectGrace ends it).
    super(translation, { chatUpdates: 'none', onSession: (session) => this.isConnected && this.chat.follow(session) });
  }

  /** Nodes the comment area currently holds (for tests and benchmarks). */
  get commentNodeCount(): number {
    return this.shadowRoot?.querySelectorAll('[part~=comment]').length ?? 0;
  }
  /** The current "+N more" figure. */
  get moreCount(): number {
    return this.feed.more;
  }

  /** @internal A theme that re-renders its section moves the overlay: chat and timers survive a short absence. */
  protected readonly grace = new DisconnectGrace(this, () => this.teardown());

  override connectedCallback(): void {
    super.connectedCallback();
    this.motionQuery ??= typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
    this.motionQuery?.addEventListener('change', this.onMotion);
    this.onMotion();
    // Countdowns ("next perk in 04:12", slow mode) move once a second. Kept while moved by a theme.
    this.ticker ??= setInterval(() => this.requestUpdate(), 1000);
    if (!this.resize && typeof ResizeObserver === 'function') {
      this.resize = new ResizeObserver((entries) => {
        for (const entry of entries) {
          this.stageWidth = entry.contentRect.width || this.stageWidth;
          this.feed.lanes = lanesFor(entry.contentRect.height);
          // A custom property set through CSSOM: allowed under a strict `style-src` CSP.
          (entry.target as HTMLElement).style.setProperty('--_stage-width', `${Math.round(this.stageWidth)}px`);
        }
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.motionQuery?.removeEventListener('change', this.onMotion);
    // The ticker, the chat subscription and the stage observer wait for DisconnectGrace.
  }

  /** Out of the document past the grace period: stop every timer, observer and subscription. */
  private teardown(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.resize?.disconnect();
    this.resize = null;
    this.observedStage = null;
    this.chat.stop();
  }

  /**
   * One render per animation frame at most, however many messages arrive (a timer backs up a
   * throttled frame). The first two renders are RoomElement's: a task each (see `settled`).
   */
  protected override beforeRender(): Promise<void> {
    if (!this.settled) return super.beforeRender();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 100);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** How comments are laid out: danmaku only when asked for and motion is welcome. */
  private get layout(): 'list' | 'danmaku' {
    return this.variant === 'danmaku' && !this.reducedMotion ? 'danmaku' : 'list';
  }

  /** What the overlay is drawn on: the video (scrim, light text) or the page (its own colours). */
  private get look(): 'video' | 'panel' {
    return this.variant === 'video' || this.variant === 'danmaku' ? 'video' : 'panel';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Out of the document the room controller lets go; keep the feed as it is.
    if (!this.isConnected) return;
    this.feed.advance(this.roomCtl.state, this.layout, performance.now());
  }

  protected override updated(): void {
    const stage = this.shadowRoot?.querySelector<HTMLElement>('.stage');
    if (stage) this.launchBullets(stage);
    this.chat.rendered();
    if (stage && this.resize && this.observedStage !== stage) {
      if (this.observedStage) this.resize.unobserve(this.observedStage);
      this.observedStage = stage;
      this.resize.observe(stage);
    }
  }

  /**
   * Starts each new bullet's flight with the Web Animations API in pixels (one layout read per
   * frame for the new bullet): a plain px transform runs on the compositor, off the main thread.
   */
  private launchBullets(stage: HTMLElement): void {
    const fresh = [...stage.querySelectorAll<HTMLElement>('.bullet:not([data-flying])')];
    if (fresh.length === 0) return;
    const stageWidth = stage.clientWidth || this.stageWidth;
    const widths = fresh.map((node) => node.offsetWidth);
    const sign = this.localize.dir === 'rtl' ? 1 : -1;
    fresh.forEach((node, i) => {
      node.dataset.flying = '1';
      const distance = sign * (stageWidth + widths[i]!);
      const flight = node.animate([{ transform: 'translateX(0)' }, { transform: `translateX(${distance}px)` }], {
        duration: this.feed.flightMs,
        easing: 'linear',
        fill: 'forwards',
      });
      flight.onfinish = () => {
        if (this.feed.landed(node.dataset.id ?? '')) this.requestUpdate();
      };
    });
  }

  // ── Actions ─────────────────────────────────────────────────────────────────────────────────

  private send(event?: Event): void {
    event?.preventDefault();
    const session = this.roomCtl.session;
    const text = this.draft.trim();
    if (!text) return;
    if (text.length > this.limit) return this.refuse({ ok: false, reason: 'too-long' });
    if (!session) return this.refuse({ ok: false, reason: 'offline' });
    const topic = this.replying !== null && this.replying === session.state.topic?.id ? { topic: this.replying } : {};
    const result = session.chat(text, { ...(this.name ? { name: this.name } : {}), locale: this.localize.lang, ...topic });
    if (result.ok) this.replying = null;
    if (result.ok) {
      this.draft = '';
      this.hint = null;
    } else this.refuse(result);
  }

  /** Sends a one-word reply (the perk prompt's keyword). */
  private sendKeyword(keyword: string): void {
    this.draft = keyword;
    this.send();
  }

  private refuse(result: Extract<ChatResult, { ok: false }>): void {
    if (result.reason === 'empty') return;
    this.hint = { reason: result.reason, until: performance.now() + (result.retryInMs ?? 4000) };
    this.dispatchEvent(new LingerChatRejectedEvent({ reason: result.reason, ...(result.retryInMs !== undefined ? { retryInMs: result.retryInMs } : {}) }));
  }

  private like(): void {
    this.roomCtl.session?.like(1);
    if (this.reducedMotion) return;
    const heart = { id: ++this.heartSeq, drift: Math.round((Math.random() - 0.5) * 40) };
    this.hearts = [...this.hearts.slice(-(HEART_CAP - 1)), heart];
  }

  private heartDone(id: number): void {
    this.hearts = this.hearts.filter((heart) => heart.id !== id);
  }

  private get limit(): number {
    return Math.max(1, Math.min(MAX_CHAT_LENGTH, Math.floor(this.maxLength) || 150));
  }

  // ── Render ──────────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const t = this.localize;
    const state = this.roomCtl.state;
    const layout = this.layout;
    const more = this.feed.more;
    return html`
      <section part="base" class="overlay ${this.look} layout-${layout}" aria-label=${t.term('region')} lang=${t.lang} dir=${t.dir}>
        ${this.renderNow(state)} ${this.renderAnnouncement(state)} ${this.renderPinned(state)} ${this.renderTopic(state)} ${state?.stage?.open || state?.stage?.guests.length ? (this.stageView.get()?.join(this, this.roomCtl, this.name) ?? nothing) : nothing}
        <div part="comments" class="comments ${layout}" role="log" aria-live="off" aria-label=${t.term('comments')}>
          ${layout === 'list' ? this.renderList() : this.renderDanmaku(state)}
          ${more > 0 ? html`<span part="more" class="more">${t.term('more', t.number(more), t.plural(more))}</span>` : nothing}
        </div>
        ${this.settled ? this.renderActions(state) : nothing}
      </section>
    `;
  }

  /** The phase chip, or — while the room is not connected — what the connection is doing and why. */
  private renderPhase(state: ShowState | null) {
    const t = this.localize;
    const status = this.roomCtl.connection?.status;
    connectionStatusFor(status);
    if (status && status !== 'connected' && status !== 'closed') {
      return html`<linger-connection-status part="now-item phase" class="phase connection" .room=${this.room} .locale=${this.locale}>${t.term('connecting')}</linger-connection-status>`;
    }
    const phase = state?.show.phase ?? 'upcoming';
    return html`<span part="now-item phase" class="phase phase-${phase}">${t.term(phase === 'live' ? 'live' : phase === 'ended' ? 'ended' : 'upcoming')}</span>`;
  }

  private renderNow(state: ShowState | null) {
    const t = this.localize;
    const session = this.roomCtl.session;
    const viewers = this.roomCtl.presence;
    const items: unknown[] = [this.renderPhase(state)];
    if (viewers !== null) items.push(html`<span part="now-item viewers" class="viewers">${eyeIcon()}${t.term('watching', t.number(viewers))}</span>`);
    // This browser's own count of shows (kept only with consent, docs/tiers.md): for this viewer's eyes only.
    const shows = (this.roomCtl.room as RoomHandle | null)?.showsWatched ?? 0;
    if (shows > 1) items.push(html`<span part="now-item returning" class="returning">${t.term('returningViewer', t.number(shows), new Intl.PluralRules(t.lang, { type: 'ordinal' }).select(shows))}</span>`);
    if (state && session) {
      const now = session.clock.now();
      const next = state.schedule.filter((perk) => perk.at > now).sort((a, b) => a.at - b.at)[0];
      if (next) {
        const left = t.duration((next.at - now) / 1000);
        items.push(html`<span part="now-item next-perk" class="next-perk">${next.title ? isolate(t.term('nextPerk', MARK, left), next.title, 'next') : t.term('nextPerkUntitled', left)}</span>`);
      }
      const lottery = state.lottery;
      if (lottery?.status === 'open') {
        items.push(html`<span part="now-item activity" class="active"
          >${isolate(t.term('lotteryOpen', MARK), lottery.prize)}${lottery.keyword ? html` · ${isolate(t.term('lotteryKeyword', MARK), lottery.keyword)}` : nothing}</span
        >`);
      }
      if (state.quiz?.status === 'open') items.push(html`<span part="now-item activity" class="active">${t.term('quizOpen')}</span>`);
      if (state.vote?.status === 'open') items.push(html`<span part="now-item activity" class="active">${isolate(t.term('voteOpen', MARK), state.vote.question, 'vote')}</span>`);
      if (state.perk) items.push(html`<span part="now-item activity" class="active">${isolate(t.term('perkLive', MARK), state.perk.title)}</span>`);
    }
    return html`<div part="now" class="now">${items}</div>`;
  }

  /** The host's announcement, once the cards' code is here (it comes with the first card). */
  private renderAnnouncement(state: ShowState | null) {
    const announcement = state?.announcement;
    const cards = announcement ? this.cards.get() : null;
    if (!announcement || !cards) return nothing;
    return cards.renderAnnouncement(this.localize, announcement, this.hideComposer ? null : (keyword) => this.sendKeyword(keyword));
  }

  /** The pinned product, once its row's code is here (it comes with the first pin, with its pricing). */
  private renderPinned(state: ShowState | null) {
    const pinned = state?.pinned;
    const view = pinned ? this.pinnedView.get() : null;
    if (!pinned || !view) return nothing;
    this.pinPrice ??= new view.PinnedPrice(this);
    return view.renderPinned(this.localize, pinned, () => this.pinPrice!.text(this.localize, pinned.product, this.currency, this.moneyFormat, this.roomCtl.room));
  }

  /** The host's topic, once the cards' code is here (it comes with the first card). */
  private renderTopic(state: ShowState | null) {
    const topic = state?.topic;
    if (!topic) return nothing;
    const view = { replying: this.replying === topic.id, canReply: !this.hideComposer, reply: () => this.replyToTopic(topic.id) };
    return this.cards.get()?.renderTopic(this.localize, topic, view) ?? nothing;
  }

  /** One tap: the composer answers the topic (the line carries its id) and takes the focus. */
  private replyToTopic(id: string): void {
    this.replying = this.replying === id ? null : id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part~="input"]')?.focus());
  }

  /** Name and text, each isolated in its own direction, apart whichever side the name is on (see `.name`). */
  private renderComment(line: ChatLine) {
    const state = this.roomCtl.state;
    const tier = state ? tierOf(state, line.from) : undefined;
    return html`<bdi class="name" part="comment-name" dir="auto">${line.name || this.localize.term('viewer')}</bdi>${tier ? this.renderTier(tier) : nothing} <bdi class="text" part="comment-text" dir="auto"
        >${line.text}</bdi
      >`;
  }

  private renderTier(tier: string) {
    const names = this.tierNames.get();
    return names ? html` <span part="comment-tier" class="tier" dir="auto">${names.tierLabel(tier, this.roomCtl.room, this.localize.lang)}</span>` : nothing;
  }

  private renderList() {
    const lines = this.feed.list;
    if (lines.length === 0) return html`<p part="empty" class="empty">${this.localize.term('empty')}</p>`;
    // Newest at the bottom; column-reverse keeps the view pinned to it without scripted scrolling.
    const reversed = [...lines].reverse();
    return html`<ol class="list">
      ${repeat(
        reversed,
        (line) => line.id,
        (line) => html`<li part="comment" class="comment" data-id=${line.id}>${this.renderComment(line)}</li>`,
      )}
    </ol>`;
  }

  private renderDanmaku(state: ShowState | null) {
    const bullets = this.feed.bullets;
    // Nothing said yet: the lanes say so instead of standing empty (a blank gap on a page). The
    // stage stays: its size gives the lanes.
    const empty = bullets.length === 0 && !state?.chat.length;
    return html`${empty ? html`<p part="empty" class="empty">${this.localize.term('empty')}</p>` : nothing}<div class="stage" aria-hidden="true">
        ${repeat(
          bullets,
          (bullet) => bullet.line.id,
          (bullet) => html`<span part="comment" class="bullet" data-id=${bullet.line.id} ${cssProps({ '--lane': bullet.lane })}>${this.renderComment(bullet.line)}</span>`,
        )}
      </div>
      <ol class="visually-hidden">
        ${repeat(
          bullets.slice(-5),
          (bullet) => bullet.line.id,
          (bullet) => html`<li><bdi>${bullet.line.name || this.localize.term('viewer')}</bdi>: <bdi>${bullet.line.text}</bdi></li>`,
        )}
      </ol>`;
  }

  private renderActions(state: ShowState | null) {
    const t = this.localize;
    const session = this.roomCtl.session;
    const now = performance.now();
    const hint = this.hint && this.hint.until > now ? this.hint : null;
    const mutedNow = !!(state && session && state.moderation.muted.includes(session.userId));
    const left = this.limit - this.draft.length;
    const slowWait = hint?.reason === 'slow-mode' ? Math.ceil((hint.until - now) / 1000) : 0;
    let hintText = '';
    if (mutedNow) hintText = t.term('muted');
    else if (hint?.reason === 'slow-mode') hintText = t.term('slowMode', t.number(Math.max(1, slowWait)));
    else if (hint) hintText = t.term(HINT_TERMS[hint.reason]);
    else if (state && state.moderation.slowMode > 0) hintText = t.term('slowModeOn', t.number(state.moderation.slowMode));
    const likes = state?.likes ?? 0;
    // A replay: the conversation happened live; nothing to send, nothing to like.
    if (this.roomCtl.session?.replay) return html`<div class="actions"><p part="hint" class="hint replay-note" role="note">${t.term('replayNote')}</p></div>`;
    return html`<div class="actions">
        ${this.hideComposer
          ? html`<span class="spacer"></span>`
          : html`<form part="composer" class="composer" @submit=${(event: Event) => this.send(event)}>
              <input
                part="input"
                type="text"
                enterkeyhint="send"
                autocomplete="off"
                dir="auto"
                .value=${this.draft}
                maxlength=${this.limit}
                placeholder=${t.term(this.replying !== null && this.replying === state?.topic?.id ? 'answerPlaceholder' : 'placeholder')}
                aria-label=${t.term(this.replying !== null && this.replying === state?.topic?.id ? 'answerPlaceholder' : 'placeholder')}
                aria-describedby="hint"
                ?disabled=${mutedNow}
                @input=${(event: Event) => (this.draft = (event.target as HTMLInputElement).value)}
              />
              ${left <= 20 ? html`<span part="counter" class="counter" aria-live="polite"><span aria-hidden="true">${t.number(left)}</span><span class="visually-hidden">${t.term('charsLeft', t.number(left), t.plural(left))}</span></span>` : nothing}
              <button part="send-button" class="send" type="submit" aria-label=${t.term('send')} title=${t.term('send')} ?disabled=${mutedNow || slowWait > 0 || !this.draft.trim()}>
                ${sendIcon()}
              </button>
            </form>`}
        <span class="like-wrap">
          <button part="like-button" class="like" type="button" aria-label=${t.term('like')} title=${t.term('like')} @click=${() => this.like()}>
            ${heartIcon()}
          </button>
          <span part="likes" class="likes" aria-hidden="true">${likes > 0 ? t.number(likes, { notation: 'compact' }) : ''}</span>
          <span class="visually-hidden" aria-live="off">${t.term('likes', t.number(likes), t.plural(likes))}</span>
          <span class="hearts" aria-hidden="true">
            ${repeat(
              this.hearts,
              (heart) => heart.id,
              (heart) => html`<span part="heart" class="heart" ${cssProps({ '--drift': `${heart.drift}px` })} @animationend=${() => this.heartDone(heart.id)}>${heartIcon()}</span>`,
            )}
          </span>
        </span>
      </div>
      <p part="hint" id="hint" class="hint" role="status">${hintText}</p>`;
  }
}
