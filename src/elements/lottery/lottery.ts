import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { RoomController } from '../../controllers/room-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import { secondsLeft } from '../../core/clock.js';
import type { ShowState } from '../../core/state.js';
import type { DrawCheck } from '../../core/draw.js';
import { LingerEnterRequestEvent } from '../../events/dom/linger-enter-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation } from './lottery.strings.js';
import styles from './lottery.styles.js';

type Lottery = NonNullable<ShowState['lottery']>;
/** How long the draw animation plays before the winners show (0 with reduced motion). */
const DRAW_ANIMATION_MS = 1600;

/**
 * The room's giveaway: how to enter (comment keyword, tap, watch time, like goal), whether the host
 * has you in, entrant count and time left, then the draw — a short animation, the winners (yours
 * highlighted, with the host's claim instruction) and the re-check of the verifiable draw on this
 * screen. Renders only what the host's messages say; the "Enter" tap is a request to the host.
 *
 * @summary Comment-keyword, tap, watch-time or like-goal giveaway with a verifiable draw.
 * @tag linger-lottery
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @fires linger-enter-request - The viewer tapped "Enter" (`detail.lottery`); the host decides.
 * @csspart base - The card.
 * @csspart header - Title and prize.
 * @csspart title - "Giveaway".
 * @csspart prize - The prize.
 * @csspart phase - "Entries closed".
 * @csspart how - What to do to enter.
 * @csspart enter-button - The tap-to-enter button.
 * @csspart progress - Like-goal or watch-time progress bar.
 * @csspart progress-label - The figures under that bar.
 * @csspart rules - Who may win (eligibility rules).
 * @csspart time - The "time left" line.
 * @csspart clock - Its digits.
 * @csspart status - The viewer's entry status ("You're in!").
 * @csspart meta - Entrant count and time left.
 * @csspart draw - The draw animation.
 * @csspart winners - The winners list (or the unlocked reward).
 * @csspart headline - "You won!" / "Not this time" / "Unlocked".
 * @csspart claim - The host's claim instruction.
 * @csspart winner - Each winner.
 * @csspart verify - The draw's verification badge and details.
 * @csspart verify-badge - "Draw verified on this screen".
 * @csspart verify-summary - The "How was this drawn?" toggle.
 * @cssproperty --linger-lottery-accent - Accent colour (default: `--linger-color-accent`).
 * @cssproperty --linger-lottery-surface - Card background.
 * @cssproperty --linger-lottery-max-width - Widest the card grows (default 420px).
 */
export class LingerLottery extends LitElement {
  static override styles = [hostStyles, styles];

  /** Language, e.g. `ar`; else the room's `locale`, else `<html lang>`. */
  @property({ reflect: true }) locale = '';
  /** Id of the `<linger-room>` to follow. */
  @property({ reflect: true }) room = '';

  private readonly roomCtl = new RoomController(this);
  private readonly viewerCtl = new ViewerController(this, this.roomCtl);
  private readonly l10n = new LocalizeController(this, translation, () => this.roomCtl.room);
  protected readonly ticker = new TickController(this, () => {
    const status = this.roomCtl.state?.lottery?.status;
    return status === 'open' || (status === 'drawn' && this.animating());
  });
  private drawSeen: { id: string; at: number } | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('locale')) this.l10n.update();
    if (changed.has('room')) this.roomCtl.resolve();
    const lottery = this.roomCtl.state?.lottery;
    if (lottery?.status === 'drawn' && this.drawSeen?.id !== lottery.id) {
      this.drawSeen = { id: lottery.id, at: this.reducedMotion() ? -Infinity : performance.now() };
    }
  }

  private reducedMotion(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  private animating(): boolean {
    return this.drawSeen !== null && performance.now() - this.drawSeen.at < DRAW_ANIMATION_MS;
  }

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  protected override render() {
    const state = this.roomCtl.state;
    const lottery = state?.lottery;
    if (!state || !lottery) return nothing;
    const { l10n } = this;
    return html`<section part="base" class="card status-${lottery.status}" lang=${l10n.lang} dir=${l10n.dir} aria-labelledby="title">
      <header part="header">
        <h2 part="title" id="title" class="title">${l10n.term('giveaway')}</h2>
        <p part="prize" class="prize user-text">${l10n.term('prize', lottery.prize)}</p>
      </header>
      ${lottery.status === 'open' ? this.renderOpen(lottery, state) : nothing}
      ${lottery.status === 'closed' ? html`<p part="phase" class="phase" role="status">${l10n.term('closed')}</p>` : nothing}
      ${lottery.status === 'unlocked' ? this.renderUnlocked(lottery) : nothing}
      ${lottery.status === 'drawn' ? this.renderDrawn(lottery) : nothing}
      ${lottery.status !== 'unlocked' && lottery.mode !== 'like-goal'
        ? html`<p part="meta" class="meta"><span>${l10n.term('entrants', l10n.number(lottery.entrants))}</span></p>`
        : nothing}
    </section>`;
  }

  private renderOpen(lottery: Lottery, state: ShowState): TemplateResult {
    const { l10n } = this;
    const viewer = this.viewerCtl.value;
    const entry = viewer?.entries[lottery.id];
    const left = secondsLeft(lottery.closesAt, this.now());
    return html`
      <div part="how" class="how">${this.renderHow(lottery, state)}</div>
      ${this.renderRules(lottery)}
      <p part="status" class="entry entry-${entry ?? 'none'}" role="status">${this.entryText(entry)}</p>
      <p part="time" class="time"><span>${l10n.term('timeLeft')}</span> <span part="clock" role="timer" class="clock">${l10n.duration(left)}</span></p>
    `;
  }

  private renderHow(lottery: Lottery, state: ShowState): TemplateResult {
    const { l10n } = this;
    const viewer = this.viewerCtl.value;
    switch (lottery.mode) {
      case 'keyword':
        return html`<p>${l10n.term('howKeyword', lottery.keyword ?? '')}</p>`;
      case 'tap': {
        const entry = viewer?.entries[lottery.id];
        const done = entry === 'in' || entry === 'sent';
        return html`<p>${l10n.term('howTap')}</p>
          <button part="enter-button" class="enter" type="button" ?disabled=${done || !this.roomCtl.session} @click=${() => this.enter(lottery.id)}>
            ${l10n.term('enter')}
          </button>`;
      }
      case 'watch-time': {
        const minutes = Math.max(lottery.minutes ?? 0, lottery.eligibility?.minWatchMinutes ?? 0);
        const watched = Math.min(minutes, (viewer?.watched ?? 0) / 60);
        return html`<p>${l10n.term('howWatch', l10n.number(minutes), l10n.plural(minutes))}</p>
          ${this.progress(watched, minutes, l10n.term('watchProgress', l10n.number(Math.floor(watched)), l10n.number(minutes), l10n.plural(minutes)))}`;
      }
      case 'like-goal': {
        const goal = lottery.goal ?? 0;
        const count = Math.max(0, state.likes - (lottery.likesFrom ?? 0));
        return html`<p>${l10n.term('howLikes', l10n.number(goal), l10n.plural(goal))}</p>
          ${this.progress(Math.min(count, goal), goal, l10n.term('likeProgress', l10n.number(Math.min(count, goal)), l10n.number(goal), l10n.plural(goal)))}`;
      }
    }
  }

  private progress(value: number, max: number, label: string): TemplateResult {
    return html`<div class="progress-row">
      <progress part="progress" max=${Math.max(1, max)} .value=${value} aria-label=${label}></progress>
      <span part="progress-label" class="progress-label">${label}</span>
    </div>`;
  }

  private renderRules(lottery: Lottery): TemplateResult | typeof nothing {
    const rules = lottery.eligibility;
    if (!rules || (!rules.newWinnersOnly && !rules.minWatchMinutes && !rules.commented)) return nothing;
    const { l10n } = this;
    return html`<div part="rules" class="rules">
      <h3 class="rules-title">${l10n.term('rules')}</h3>
      <ul>
        ${rules.newWinnersOnly ? html`<li>${l10n.term('ruleNewWinners')}</li>` : nothing}
        ${rules.minWatchMinutes ? html`<li>${l10n.term('ruleWatched', l10n.number(rules.minWatchMinutes), l10n.plural(rules.minWatchMinutes))}</li>` : nothing}
        ${rules.commented ? html`<li>${l10n.term('ruleCommented')}</li>` : nothing}
      </ul>
    </div>`;
  }

  private entryText(entry: string | undefined): string {
    const { l10n } = this;
    if (entry === undefined) return '';
    if (entry === 'sent') return l10n.term('sending');
    if (entry === 'in') return l10n.term('youreIn');
    if (entry === 'late' || entry === 'closed') return l10n.term('refusedLate');
    if (entry === 'ineligible') return l10n.term('refusedIneligible');
    return l10n.term('refusedOther');
  }

  private renderUnlocked(lottery: Lottery): TemplateResult {
    return html`<div part="winners" class="unlocked" role="status">
      <p part="headline" class="headline">${this.l10n.term('unlocked')}</p>
      ${lottery.claim ? html`<p part="claim" class="claim user-text">${lottery.claim}</p>` : nothing}
    </div>`;
  }

  private renderDrawn(lottery: Lottery): TemplateResult {
    const { l10n } = this;
    if (this.animating()) {
      return html`<div part="draw" class="draw" role="status"><span class="reel" aria-hidden="true"></span>${l10n.term('drawing')}</div>`;
    }
    const me = this.roomCtl.session?.userId;
    const winners = lottery.winnerIds ?? [];
    const won = me !== undefined && winners.includes(me);
    return html`
      <div part="winners" class="winners" role="status">
        <p part="headline" class="headline ${won ? 'won' : ''}">${won ? l10n.term('youWon') : winners.length ? l10n.term('notWon') : l10n.term('noEntrants')}</p>
        ${won && lottery.claim ? html`<p part="claim" class="claim user-text">${lottery.claim}</p>` : nothing}
        ${winners.length
          ? html`<h3 class="winners-title">${l10n.term('winners')}</h3>
              <ol>
                ${winners.map((id) => html`<li part="winner" class=${id === me ? 'me' : ''}>${id === me ? html`<strong>${l10n.term('you')}</strong> (${id})` : id}</li>`)}
              </ol>`
          : nothing}
      </div>
      ${this.renderVerify(lottery, this.viewerCtl.value?.draws[lottery.id])}
    `;
  }

  private renderVerify(lottery: Lottery, check: DrawCheck | undefined): TemplateResult {
    const { l10n } = this;
    const status = check?.status ?? 'checking';
    const label =
      status === 'verified' ? l10n.term('verified') : status === 'partial' ? l10n.term('verifiedPartial') : status === 'failed' ? l10n.term('verifyFailed') : l10n.term('checking');
    const icon = status === 'verified' || status === 'partial' ? '✓' : status === 'failed' ? '✕' : '…';
    return html`<div part="verify" class="verify verify-${status}" data-status=${status}>
      <p part="verify-badge" class="badge" role="status"><span aria-hidden="true">${icon}</span> ${label}</p>
      ${check?.member === true ? html`<p class="member">${l10n.term('inList')}</p>` : nothing}
      ${check?.member === false && this.viewerCtl.value?.entries[lottery.id] === 'in' ? html`<p class="member bad">${l10n.term('notInList')}</p>` : nothing}
      <details>
        <summary part="verify-summary">${l10n.term('details')}</summary>
        <dl dir="ltr">
          <dt>${l10n.term('commitment')}</dt>
          <dd><code>${lottery.commitment}</code></dd>
          <dt>${l10n.term('seed')}</dt>
          <dd><code>${lottery.seed ?? ''}</code></dd>
          <dt>${l10n.term('digest')}</dt>
          <dd><code>${lottery.digest ?? ''}</code></dd>
        </dl>
      </details>
    </div>`;
  }

  private enter(id: string): void {
    this.dispatchEvent(new LingerEnterRequestEvent({ lottery: id }));
    this.roomCtl.session?.enter(id);
  }
}
