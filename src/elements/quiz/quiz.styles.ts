import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';
import { choiceStyles } from '../../styles/choice.styles.js';

export default [
  cardStyles,
  choiceStyles,
  css`
    :host {
      --_card-accent: var(--linger-quiz-accent, var(--_accent));
      --_card-surface: var(--linger-quiz-surface, var(--_surface));
      --_max-width: var(--linger-quiz-max-width, 420px);
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
