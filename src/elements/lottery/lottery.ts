import { html, nothing, type TemplateResult, type PropertyValues } from 'lit';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { secondsLeft } from '../../core/clock.js';
import type { ShowState } from '../../core/state.js';
import { tierOf } from '../../core/primitives.js';
import { tierLabel } from '../../core/tier-label.js';
import type { DrawCheck } from '../../core/draw.js';
import { LingerEnterRequestEvent } from '../../events/dom/linger-enter-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation, type en } from './lottery.strings.js';
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
 * @csspart winner-tier - A winner's member tier badge (docs/tiers.md).
 * @csspart verify - The draw's verification badge and details.
 * @csspart verify-badge - "Draw verified on this screen".
 * @csspart verify-summary - The "How was this drawn?" toggle.
 * @cssproperty --linger-lottery-accent - Accent colour (default: `--linger-color-accent`).
 * @cssproperty --linger-lottery-surface - Card background.
 * @cssproperty --linger-lottery-max-width - Widest the card grows (default 420px).
 */
export class LingerLottery extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  constructor() {
    super(translation);
  }


  private readonly viewerCtl = new ViewerController(this, this.roomCtl);
  protected readonly ticker = new TickController(this, () => {
    const status = this.roomCtl.state?.lottery?.status;
    return status === 'open' || (status === 'drawn' && this.animating());
  });
  private drawSeen: { id: string; at: number } | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
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
    const { localize } = this;
    return html`<section part="base" class="card status-${lottery.status}" lang=${localize.lang} dir=${localize.dir} aria-labelledby="title">
      <header part="header">
        <h2 part="title" id="title" class="title">${localize.term('giveaway')}</h2>
        <p part="prize" class="prize user-text">${localize.term('prize', `\u2068${lottery.prize}\u2069`)}</p>
      </header>
      ${lottery.status === 'open' ? this.renderOpen(lottery, state) : nothing}
      ${lottery.status === 'closed' ? html`<p part="phase" class="phase" role="status">${localize.term('closed')}</p>` : nothing}
      ${lottery.status === 'unlocked' ? this.renderUnlocked(lottery) : nothing}
      ${lottery.status === 'drawn' ? this.renderDrawn(lottery) : nothing}
      ${lottery.status !== 'unlocked' && lottery.mode !== 'like-goal'
        ? html`<p part="meta" class="meta"><span>${localize.term('entrants', localize.number(lottery.entrants))}</span></p>`
        : nothing}
    </section>`;
  }

  private renderOpen(lottery: Lottery, state: ShowState): TemplateResult {
    const { localize } = this;
    const viewer = this.viewerCtl.value;
    const entry = viewer?.entries[lottery.id];
    const left = secondsLeft(lottery.closesAt, this.now());
    return html`
      <div part="how" class="how">${this.renderHow(lottery, state)}</div>
      ${this.renderRules(lottery)}
      ${this.roomCtl.session?.replay
        ? html`<p part="status" class="entry happened-live" role="note">${localize.term('happenedLive')}</p>`
        : html`<p part="status" class="entry entry-${entry ?? 'none'}" role="status">${this.entryText(entry, lottery.eligibility?.tier)}</p>`}
      <p part="time" class="time"><span>${localize.term('timeLeft')}</span> <span part="clock" role="timer" class="clock">${localize.duration(left)}</span></p>
    `;
  }

  private renderHow(lottery: Lottery, state: ShowState): TemplateResult {
    const { localize } = this;
    const viewer = this.viewerCtl.value;
    switch (lottery.mode) {
      case 'keyword':
        return html`<p>${localize.term('howKeyword', lottery.keyword ?? '')}</p>`;
      case 'tap': {
        const entry = viewer?.entries[lottery.id];
        const done = entry === 'in' || entry === 'sent';
        if (this.roomCtl.session?.replay) return html`<p>${localize.term('howTap')}</p>`;
        return html`<p>${localize.term('howTap')}</p>
          <button part="enter-button" class="enter" type="button" ?disabled=${done || !this.roomCtl.session} @click=${() => this.enter(lottery.id)}>
            ${localize.term('enter')}
          </button>`;
      }
      case 'watch-time': {
        const minutes = Math.max(lottery.minutes ?? 0, lottery.eligibility?.minWatchMinutes ?? 0);
        const watched = Math.min(minutes, (viewer?.watched ?? 0) / 60);
        return html`<p>${localize.term('howWatch', localize.number(minutes), localize.plural(minutes))}</p>
          ${this.progress(watched, minutes, localize.term('watchProgress', localize.number(Math.floor(watched)), localize.number(minutes), localize.plural(minutes)))}`;
      }
      case 'like-goal': {
        const goal = lottery.goal ?? 0;
        const count = Math.max(0, state.likes - (lottery.likesFrom ?? 0));
        return html`<p>${localize.term('howLikes', localize.number(goal), localize.plural(goal))}</p>
          ${this.progress(Math.min(count, goal), goal, localize.term('likeProgress', localize.number(Math.min(count, goal)), localize.number(goal), localize.plural(goal)))}`;
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
    if (!rules || (!rules.newWinnersOnly && !rules.minWatchMinutes && !rules.commented && !rules.tier)) return nothing;
    const { localize } = this;
    return html`<div part="rules" class="rules">
      <h3 class="rules-title">${localize.term('rules')}</h3>
      <ul>
        ${rules.newWinnersOnly ? html`<li>${localize.term('ruleNewWinners')}</li>` : nothing}
        ${rules.minWatchMinutes ? html`<li>${localize.term('ruleWatched', localize.number(rules.minWatchMinutes), localize.plural(rules.minWatchMinutes))}</li>` : nothing}
        ${rules.commented ? html`<li>${localize.term('ruleCommented')}</li>` : nothing}
        ${rules.tier ? html`<li>${localize.term('ruleTier', `\u2068${tierLabel(rules.tier, this.roomCtl.room, localize.lang)}\u2069`)}</li>` : nothing}
      </ul>
    </div>`;
  }

  private entryText(entry: string | undefined, tier = ''): string {
    const { localize } = this;
    if (entry === undefined) return '';
    if (entry === 'sent') return localize.term('sending');
    if (entry === 'in') return localize.term('youreIn');
    if (entry === 'late' || entry === 'closed') return localize.term('refusedLate');
    if (entry === 'ineligible') return localize.term('refusedIneligible');
    if (entry === 'tier') return localize.term('refusedTier', `\u2068${tier ? tierLabel(tier, this.roomCtl.room, localize.lang) : tier}\u2069`);
    return localize.term('refusedOther');
  }

  private renderUnlocked(lottery: Lottery): TemplateResult {
    return html`<div part="winners" class="unlocked" role="status">
      <p part="headline" class="headline">${this.localize.term('unlocked')}</p>
      ${lottery.claim ? html`<p part="claim" class="claim user-text">${lottery.claim}</p>` : nothing}
    </div>`;
  }

  private renderDrawn(lottery: Lottery): TemplateResult {
    const { localize } = this;
    if (this.animating()) {
      return html`<div part="draw" class="draw" role="status"><span class="reel" aria-hidden="true"></span>${localize.term('drawing')}</div>`;
    }
    const me = this.roomCtl.session?.userId;
    const winners = lottery.winnerIds ?? [];
    const won = me !== undefined && winners.includes(me);
    return html`
      <div part="winners" class="winners" role="status">
        ${this.roomCtl.session?.replay && winners.length
          ? nothing
          : html`<p part="headline" class="headline ${won ? 'won' : ''}">${won ? localize.term('youWon') : winners.length ? localize.term('notWon') : localize.term('noEntrants')}</p>`}
        ${won && lottery.claim ? html`<p part="claim" class="claim user-text">${lottery.claim}</p>` : nothing}
        ${winners.length
          ? html`<h3 class="winners-title">${localize.term('winners')}</h3>
              <ol>
                ${winners.map((id) => {
                  const tier = tierOf(this.roomCtl.state!, id);
                  return html`<li part="winner" class=${id === me ? 'me' : ''}>${id === me ? html`<strong>${localize.term('you')}</strong> (${id})` : id}${tier ? html` <span part="winner-tier" class="tier" dir="auto">${tierLabel(tier, this.roomCtl.room, localize.lang)}</span>` : nothing}</li>`;
                })}
              </ol>`
          : nothing}
      </div>
      ${this.renderVerify(lottery, this.viewerCtl.value?.draws[lottery.id])}
    `;
  }

  private renderVerify(lottery: Lottery, check: DrawCheck | undefined): TemplateResult {
    const { localize } = this;
    const status = check?.status ?? 'checking';
    const label =
      status === 'verified' ? localize.term('verified') : status === 'partial' ? localize.term('verifiedPartial') : status === 'failed' ? localize.term('verifyFailed') : localize.term('checking');
    const icon = status === 'verified' || status === 'partial' ? '✓' : status === 'failed' ? '✕' : '…';
    return html`<div part="verify" class="verify verify-${status}" data-status=${status}>
      <p part="verify-badge" class="badge" role="status"><span aria-hidden="true">${icon}</span> ${label}</p>
      ${check?.member === true ? html`<p class="member">${localize.term('inList')}</p>` : nothing}
      ${check?.member === false && this.viewerCtl.value?.entries[lottery.id] === 'in' ? html`<p class="member bad">${localize.term('notInList')}</p>` : nothing}
      <details>
        <summary part="verify-summary">${localize.term('details')}</summary>
        <dl dir="ltr">
          <dt>${localize.term('commitment')}</dt>
          <dd><code>${lottery.commitment}</code></dd>
          <dt>${localize.term('seed')}</dt>
          <dd><code>${lottery.seed ?? ''}</code></dd>
          <dt>${localize.term('digest')}</dt>
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
