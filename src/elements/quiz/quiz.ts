import { html, nothing, type TemplateResult } from 'lit';
import { RoomElement } from '../../controllers/room-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { cssProps } from '../../styles/css-props.js';
import { secondsLeft } from '../../core/clock.js';
import type { ShowState } from '../../core/state.js';
import type { ViewerRecord } from '../../core/session.js';
import { LingerAnswerRequestEvent } from '../../events/dom/linger-answer-request.js';
import { TickController, ViewerController } from '../../controllers/viewer-controller.js';
import { translation, type en } from './quiz.strings.js';
import styles from './quiz.styles.js';

type Quiz = NonNullable<ShowState['quiz']>;
type Answer = ViewerRecord['answers'][string];
const LETTERS = ['A', 'B', 'C', 'D'];

/**
 * The room's quiz card: the question with 2–4 options and a countdown on the host's clock. A tap
 * locks the answer and sends it to the host, which refuses late ones; at the reveal the card shows
 * the correct option, why, the share of answers per option, right/wrong, the running score and
 * whether the revealed answer matches the salted hash published with the question.
 *
 * @summary Timed quiz card with locked answers, reveal, explanation and score.
 * @tag linger-quiz
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language (else the room's, else `<html lang>`).
 * @fires linger-answer-request - The viewer picked an option (`detail.quiz`, `detail.choice`).
 * @csspart base - The card.
 * @csspart header - "Quiz" and the time left.
 * @csspart kicker - "Quiz".
 * @csspart clock - The time left.
 * @csspart question - The question.
 * @csspart hint - "Choose one answer".
 * @csspart options - The list of options.
 * @csspart option - Each option button (after the reveal its background bar shows the share of answers).
 * @csspart option-letter - The A/B/C/D badge.
 * @csspart option-label - The option's text.
 * @csspart option-share - The share of answers (after the reveal).
 * @csspart correct-mark - The ✓ on the correct option.
 * @csspart status - The answer's status (locked, late, right/wrong).
 * @csspart correct-is - "The answer: …" after the reveal.
 * @csspart explanation - The "why" after the reveal.
 * @csspart score - The running score.
 * @csspart verify - The answer-hash check.
 * @cssproperty --linger-quiz-accent - Accent colour.
 * @cssproperty --linger-quiz-surface - Card background.
 * @cssproperty --linger-quiz-max-width - Widest the card grows (default 420px).
 */
export class LingerQuiz extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  constructor() {
    super(translation);
  }


  private readonly viewerCtl = new ViewerController(this, this.roomCtl);
  protected readonly ticker = new TickController(this, () => this.roomCtl.state?.quiz?.status === 'open');

  private now(): number {
    return this.roomCtl.session?.clock.now() ?? Date.now();
  }

  protected override render() {
    const quiz = this.roomCtl.state?.quiz;
    if (!quiz) return nothing;
    const { localize } = this;
    const viewer = this.viewerCtl.value;
    const mine = viewer?.answers[quiz.id];
    const left = secondsLeft(quiz.closesAt, this.now());
    const open = quiz.status === 'open' && left > 0;
    const revealed = quiz.status === 'revealed';
    return html`<section part="base" class="card ${revealed ? 'revealed' : ''}" lang=${localize.lang} dir=${localize.dir} aria-labelledby="question">
      <header part="header" class="top">
        <span part="kicker" class="kicker">${localize.term('quiz')}</span>
        ${quiz.status === 'open'
          ? html`<span class="time"><span class="visually-hidden">${localize.term('timeLeft')}</span><span part="clock" role="timer" class="clock">${localize.duration(left)}</span></span>`
          : nothing}
      </header>
      <h2 part="question" id="question" class="user-text" dir="auto">${quiz.question}</h2>
      ${open && !mine ? html`<p part="hint" class="hint">${localize.term('chooseOne')}</p>` : nothing}
      <ol part="options" class="options">
        ${quiz.options.map((option, index) => this.renderOption(quiz, option, index, mine, open))}
      </ol>
      <p part="status" class="status" role="status">${this.statusText(quiz, mine, open)}</p>
      ${revealed ? this.renderReveal(quiz, viewer) : nothing}
    </section>`;
  }

  private renderOption(quiz: Quiz, option: string, index: number, mine: Answer | undefined, open: boolean): TemplateResult {
    const { localize } = this;
    const revealed = quiz.status === 'revealed';
    const chosen = mine?.choice === index;
    const correct = revealed && quiz.correct === index;
    const share = revealed ? (quiz.shares?.[index] ?? 0) : null;
    const classes = ['option', chosen ? 'chosen' : '', correct ? 'correct' : '', revealed && chosen && !correct ? 'wrong' : ''].join(' ');
    return html`<li>
      <button
        part="option"
        class=${classes}
        type="button"
        aria-pressed=${chosen ? 'true' : 'false'}
        ?disabled=${!open || mine !== undefined || !this.roomCtl.session || this.roomCtl.session.replay}
        @click=${() => this.pick(quiz.id, index)}
        ${cssProps({ '--_share': share !== null ? `${Math.round(share * 100)}%` : null })}
      >
        <span part="option-letter" class="letter" aria-hidden="true">${LETTERS[index]}</span>
        <span part="option-label" class="label user-text" dir="auto">${option}</span>
        ${correct ? html`<span part="correct-mark" class="mark">✓ <span class="visually-hidden">${localize.term('correctMark')}</span></span>` : nothing}
        ${chosen && !correct ? html`<span class="visually-hidden">${localize.term('yourMark')}</span>` : nothing}
        ${share !== null ? html`<span part="option-share" class="share">${localize.number(share, { style: 'percent' })}</span>` : nothing}
      </button>
    </li>`;
  }

  private statusText(quiz: Quiz, mine: Answer | undefined, open: boolean): string {
    const { localize } = this;
    if (this.roomCtl.session?.replay) return quiz.status === 'revealed' ? '' : localize.term('happenedLive');
    if (quiz.status === 'revealed') {
      if (!mine || mine.status !== 'locked') return localize.term('noAnswer');
      return mine.choice === quiz.correct ? localize.term('right') : localize.term('wrong');
    }
    if (mine?.status === 'rejected') return mine.reason === 'late' || mine.reason === 'closed' ? localize.term('lateRejected') : localize.term('rejected');
    if (mine?.status === 'locked') return localize.term('locked');
    if (mine?.status === 'sent') return localize.term('sending');
    return open ? '' : localize.term('closed');
  }

  private renderReveal(quiz: Quiz, viewer: ViewerRecord | null): TemplateResult {
    const { localize } = this;
    const check = viewer?.quizChecks[quiz.id];
    const score = viewer?.score ?? { right: 0, revealed: 0 };
    return html`
      <p part="correct-is" class="correct-is">${localize.term('correctIs', quiz.options[quiz.correct ?? 0] ?? '')}</p>
      ${quiz.explanation
        ? html`<div part="explanation" class="explanation"><h3>${localize.term('why')}</h3><p class="user-text">${quiz.explanation}</p></div>`
        : nothing}
      <p part="score" class="score">${localize.term('score', localize.number(score.right), localize.number(score.revealed))}</p>
      ${check === undefined
        ? nothing
        : html`<p part="verify" class="verify ${check ? 'ok' : 'bad'}" data-status=${check ? 'verified' : 'failed'}>
            <span aria-hidden="true">${check ? '✓' : '✕'}</span> ${check ? localize.term('verified') : localize.term('verifyFailed')}
          </p>`}
    `;
  }

  private pick(quiz: string, choice: number): void {
    this.dispatchEvent(new LingerAnswerRequestEvent({ quiz, choice }));
    this.roomCtl.session?.answer(quiz, choice);
  }
}
