import { html, nothing, type TemplateResult } from 'lit';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { cssProps } from '../../styles/css-props.js';
import { secondsLeft } from '../../core/clock.js';
import { isHttpUrl } from '../../core/primitives.js';
import type { ShowState } from '../../core/state.js';
import type { ViewerRecord } from '../../core/session.js';
import type { VoteCheck } from '../../core/vote-tally.js';
import { LingerVoteRequestEvent } from '../../events/dom/linger-vote-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation, type en } from './vote.strings.js';
import styles from './vote.styles.js';

type Vote = NonNullable<ShowState['vote']>;
type Mine = ViewerRecord['votes'][string];

/**
 * The room's vote: the host's question with 2–6 options (text, or catalog products with their
 * image), live bars with each option's share of the votes and a countdown on the host's clock. A
 * tap sends the vote to the host, which counts one per viewer (the last one, when the host lets
 * viewers change it) and refuses late ones. At the close: the result, and the re-check on this
 * screen of the published ballot list against the counts, the winner and this viewer's own vote.
 *
 * @summary Live vote with share bars, a verifiable result and product options.
 * @tag linger-vote
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @fires linger-vote-request - The viewer tapped an option (`detail.vote`, `detail.choice`); the host counts it.
 * @csspart base - The card.
 * @csspart header - "Vote" and the time left.
 * @csspart kicker - "Vote".
 * @csspart clock - The time left.
 * @csspart question - The question.
 * @csspart hint - "Tap an option to vote".
 * @csspart options - The list of options.
 * @csspart option - Each option button (its background bar shows the share of votes).
 * @csspart option-image - A product option's image.
 * @csspart option-label - The option's text.
 * @csspart option-share - The option's share of the votes.
 * @csspart winner-mark - The ★ on the winning option.
 * @csspart rules - Who can vote (watch time, member tier).
 * @csspart status - This viewer's vote (sending, counted, too late).
 * @csspart total - The number of votes.
 * @csspart result - "Result: …" after the close.
 * @csspart verify - The result's verification badge and details.
 * @csspart verify-badge - "Verified result".
 * @csspart verify-summary - The "Result details" toggle.
 * @cssproperty --linger-vote-accent - Accent colour (bars, chosen option).
 * @cssproperty --linger-vote-surface - Card background.
 * @cssproperty --linger-vote-max-width - Widest the card grows (default 420px).
 */
export class LingerVote extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  constructor() {
    super(translation);
  }

  private readonly viewerCtl = new ViewerController(this, this.roomCtl);
  protected readonly ticker = new TickController(this, () => this.roomCtl.state?.vote?.status === 'open');

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  protected override render() {
    const vote = this.roomCtl.state?.vote;
    if (!vote) return nothing;
    const { localize } = this;
    const mine = this.viewerCtl.value?.votes[vote.id];
    const left = secondsLeft(vote.closesAt, this.now());
    const open = vote.status === 'open' && left > 0;
    const closed = vote.status === 'closed';
    // A replay shows what happened, never a vote button: nobody votes on a recording.
    const replay = !!this.roomCtl.session?.replay;
    const canVote = open && !replay && !!this.roomCtl.session && (!mine || mine.status === 'rejected' || !!vote.changeable);
    return html`<section part="base" class="card status-${vote.status}" lang=${localize.lang} dir=${localize.dir} aria-labelledby="question">
      <header part="header" class="top">
        <span part="kicker" class="kicker">${localize.term('vote')}</span>
        ${vote.status === 'open'
          ? html`<span class="time"><span class="visually-hidden">${localize.term('timeLeft')}</span><span part="clock" role="timer" class="clock">${localize.duration(left)}</span></span>`
          : nothing}
      </header>
      <h2 part="question" id="question" class="user-text" dir="auto">${vote.question}</h2>
      ${canVote && !mine ? html`<p part="hint" class="hint">${localize.term(vote.changeable ? 'hintChangeable' : 'hint')}</p>` : nothing}
      ${this.renderRules(vote)}
      <ol part="options" class="options">
        ${vote.options.map((option, index) => this.renderOption(vote, option, index, mine, canVote, replay))}
      </ol>
      ${replay
        ? html`<p part="status" class="status happened-live" role="note">${localize.term('happenedLive')}</p>`
        : html`<p part="status" class="status" role="status">${this.statusText(vote, mine, open)}</p>`}
      <p part="total" class="total">${localize.term('votes', localize.number(vote.total), localize.plural(vote.total))}</p>
      ${closed ? this.renderResult(vote, mine) : nothing}
    </section>`;
  }

  private renderOption(vote: Vote, option: Vote['options'][number], index: number, mine: Mine | undefined, canVote: boolean, replay: boolean): TemplateResult {
    const { localize } = this;
    const chosen = mine !== undefined && mine.status !== 'rejected' && mine.choice === index;
    const winner = vote.status === 'closed' && vote.winner === index;
    const share = vote.total > 0 ? (vote.counts[index] ?? 0) / vote.total : 0;
    const image = option.product?.image;
    const content = html`${image && isHttpUrl(image) ? html`<img part="option-image" class="image" src=${image} alt="" width="40" height="40" loading="lazy" decoding="async" />` : nothing}
      <span part="option-label" class="label user-text" dir="auto">${option.label}</span>
      ${winner ? html`<span part="winner-mark" class="mark">★ <span class="visually-hidden">${localize.term('winnerMark')}</span></span>` : nothing}
      <span part="option-share" class="share">${localize.number(share, { style: 'percent' })}</span>`;
    // A replay: the option and its share as a line, not a button.
    if (replay) return html`<li><div part="option" class=${['option', 'replayed', winner ? 'winner' : ''].join(' ')} ${cssProps({ '--_share': `${Math.round(share * 1000) / 10}%` })}>${content}</div></li>`;
    return html`<li>
      <button
        part="option"
        class=${['option', chosen ? 'chosen' : '', winner ? 'winner' : ''].join(' ')}
        type="button"
        aria-pressed=${chosen ? 'true' : 'false'}
        ?disabled=${!canVote}
        @click=${() => this.pick(vote.id, index)}
        ${cssProps({ '--_share': `${Math.round(share * 1000) / 10}%` })}
      >
        ${image && isHttpUrl(image) ? html`<img part="option-image" class="image" src=${image} alt="" width="40" height="40" loading="lazy" decoding="async" />` : nothing}
        <span part="option-label" class="label user-text" dir="auto">${option.label}</span>
        ${winner ? html`<span part="winner-mark" class="mark">★ <span class="visually-hidden">${localize.term('winnerMark')}</span></span>` : nothing}
        ${chosen ? html`<span class="visually-hidden">${localize.term('yourMark')}</span>` : nothing}
        <span part="option-share" class="share">${localize.number(share, { style: 'percent' })}</span>
      </button>
    </li>`;
  }

  private renderRules(vote: Vote): TemplateResult | typeof nothing {
    const rules = vote.eligibility;
    if (!rules?.minWatchMinutes && !rules?.tier) return nothing;
    const { localize } = this;
    return html`<div part="rules" class="rules">
      <h3 class="rules-title">${localize.term('rules')}</h3>
      <ul>
        ${rules.minWatchMinutes ? html`<li>${localize.term('ruleWatched', localize.number(rules.minWatchMinutes), localize.plural(rules.minWatchMinutes))}</li>` : nothing}
        ${rules.tier ? html`<li>${localize.term('ruleTier', `\u2068${rules.tier}\u2069`)}</li>` : nothing}
      </ul>
    </div>`;
  }

  private statusText(vote: Vote, mine: Mine | undefined, open: boolean): string {
    const { localize } = this;
    if (mine?.status === 'rejected') {
      if (mine.reason === 'late' || mine.reason === 'closed') return localize.term('refusedLate');
      if (mine.reason === 'tier') return localize.term('refusedTier', `\u2068${vote.eligibility?.tier ?? ''}\u2069`);
      return mine.reason === 'ineligible' ? localize.term('refusedIneligible') : localize.term('refusedOther');
    }
    if (mine?.status === 'counted') return localize.term('counted');
    if (mine?.status === 'sent') return localize.term('sending');
    return open || vote.status === 'closed' ? '' : localize.term('closed');
  }

  private renderResult(vote: Vote, mine: Mine | undefined): TemplateResult {
    const { localize } = this;
    const won = vote.winner !== undefined ? vote.options[vote.winner] : undefined;
    return html`
      <p part="result" class="result">${won ? localize.term('result', `\u2068${won.label}\u2069`) : localize.term('noVotes')}</p>
      ${this.renderVerify(vote, this.viewerCtl.value?.voteChecks[vote.id], mine)}
    `;
  }

  private renderVerify(vote: Vote, check: VoteCheck | undefined, mine: Mine | undefined): TemplateResult {
    const { localize } = this;
    const status = check?.status ?? 'checking';
    const label =
      status === 'verified' ? localize.term('verified') : status === 'partial' ? localize.term('verifiedPartial') : status === 'failed' ? localize.term('verifyFailed') : localize.term('checking');
    const icon = status === 'verified' || status === 'partial' ? '✓' : status === 'failed' ? '✕' : '…';
    const counted = mine?.status === 'counted';
    const listed = check?.digest === true && counted ? check.mine === mine.choice : null;
    return html`<div part="verify" class="verify verify-${status}" data-status=${status}>
      <p part="verify-badge" class="badge" role="status"><span aria-hidden="true">${icon}</span> ${label}</p>
      ${listed === true ? html`<p class="member">${localize.term('inList')}</p>` : nothing}
      ${listed === false ? html`<p class="member bad">${localize.term('notInList')}</p>` : nothing}
      <details>
        <summary part="verify-summary">${localize.term('details')}</summary>
        <dl dir="ltr">
          <dt>${localize.term('commitment')}</dt>
          <dd><code>${vote.commitment}</code></dd>
          <dt>${localize.term('seed')}</dt>
          <dd><code>${vote.seed ?? ''}</code></dd>
          <dt>${localize.term('digest')}</dt>
          <dd><code>${vote.digest ?? ''}</code></dd>
        </dl>
      </details>
    </div>`;
  }

  private pick(vote: string, choice: number): void {
    this.dispatchEvent(new LingerVoteRequestEvent({ vote, choice }));
    this.roomCtl.session?.castVote(vote, choice);
  }
}
