import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';

export default [
  cardStyles,
  css`
    :host {
      --_card-accent: var(--linger-vote-accent, var(--_accent));
      --_card-surface: var(--linger-vote-surface, var(--_surface));
      --_max-width: var(--linger-vote-max-width, 420px);
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
    .hint,
    .total {
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
    .option.chosen {
      border-color: var(--_card-accent);
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
    .status,
    .result {
      font-weight: 600;
    }
    .status:empty {
      display: none;
    }
    .verify {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding-block-start: var(--_space);
      border-block-start: 1px solid var(--_border);
      font-size: 0.9em;
    }
    .verify-verified .badge,
    .verify-partial .badge {
      color: var(--_success);
      font-weight: 700;
    }
    .verify-failed .badge,
    .member.bad {
      color: var(--_danger);
      font-weight: 700;
    }
    summary {
      cursor: pointer;
      color: var(--_muted);
    }
    dt {
      font-weight: 600;
      margin-block-start: 4px;
    }
  `,
];
