import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';

export default [
  cardStyles,
  css`
    :host {
      --_card-accent: var(--linger-quiz-accent, var(--_accent));
      --_card-surface: var(--linger-quiz-surface, var(--_surface));
      --_max-width: var(--linger-quiz-max-width, 420px);
    }
    .top {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_space);
    }
    .kicker {
      font-size: 0.8em;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--_card-accent);
    }
    .time .clock {
      font-size: 1.1em;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: 0;
      list-style: none;
    }
    .option {
      position: relative;
      display: flex;
      align-items: center;
      gap: var(--_space);
      inline-size: 100%;
      text-align: start;
      background: var(--_surface-alt);
      color: var(--_text);
      border: 2px solid transparent;
      font-weight: 500;
      overflow: hidden;
      isolation: isolate;
    }
    .option:disabled {
      opacity: 1;
    }
    .revealed .option::before {
      content: '';
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      inline-size: var(--_share, 0%);
      background: color-mix(in srgb, var(--_card-accent) 14%, transparent);
      z-index: -1;
    }
    .option.chosen {
      border-color: var(--_card-accent);
    }
    .option.correct {
      border-color: var(--_success);
    }
    .option.wrong {
      border-color: var(--_danger);
    }
    .letter {
      display: inline-grid;
      place-items: center;
      flex: none;
      inline-size: 1.8em;
      block-size: 1.8em;
      border-radius: 50%;
      background: var(--_surface);
      font-weight: 700;
    }
    .label {
      flex: 1;
    }
    .mark {
      color: var(--_success);
      font-weight: 700;
    }
    .share {
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .status {
      font-weight: 600;
    }
    .status:empty {
      display: none;
    }
    .explanation {
      padding: var(--_space);
      border-radius: calc(var(--_radius) * 0.5);
      background: var(--_surface-alt);
    }
    .score {
      font-weight: 700;
    }
    .verify {
      font-size: 0.85em;
    }
    .verify.ok {
      color: var(--_success);
    }
    .verify.bad {
      color: var(--_danger);
      font-weight: 700;
    }
  `,
];
