import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';
import { choiceStyles } from '../../styles/choice.styles.js';
import { verifyStyles } from '../../styles/verify.styles.js';

export default [
  cardStyles,
  choiceStyles,
  verifyStyles,
  css`
    :host {
      --_card-accent: var(--linger-vote-accent, var(--_accent));
      --_card-surface: var(--linger-vote-surface, var(--_surface));
      --_max-width: var(--linger-vote-max-width, 420px);
    }
    .total {
      color: var(--_muted);
      font-size: 0.9em;
    }
    /* The live bar: the option's share of the votes. */
    .option::before {
      content: '';
      position: absolute;
      inset-block: 0;
      inset-inline-start: 0;
      inline-size: var(--_share, 0%);
      background: color-mix(in srgb, var(--_card-accent) 18%, transparent);
      z-index: -1;
      transition: inline-size 0.4s ease;
    }
    @media (prefers-reduced-motion: reduce) {
      .option::before {
        transition: none;
      }
    }
    /* A replay's option: the same line as the button, not one to press. */
    .option.replayed {
      box-sizing: border-box;
      min-block-size: 44px;
      padding-block: 0.5em;
      padding-inline: 1.2em;
      border-radius: calc(var(--_radius) * 0.75);
    }
    .option.winner {
      border-color: var(--_success);
    }
    .image {
      flex: none;
      inline-size: 40px;
      block-size: 40px;
      object-fit: cover;
      border-radius: calc(var(--_radius) * 0.5);
    }
    .rules {
      font-size: 0.9em;
    }
    .rules-title {
      font-size: 1em;
    }
    .rules ul {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    .result {
      font-weight: 600;
    }
  `,
];
