import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';
import { verifyStyles } from '../../styles/verify.styles.js';

export default [
  cardStyles,
  verifyStyles,
  css`
    :host {
      --_card-accent: var(--linger-lottery-accent, var(--_accent));
      --_card-surface: var(--linger-lottery-surface, var(--_surface));
      --_max-width: var(--linger-lottery-max-width, 420px);
    }
    .prize {
      font-weight: 600;
    }
    .how {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      align-items: flex-start;
    }
    .progress-row {
      display: flex;
      flex-direction: column;
      gap: 4px;
      inline-size: 100%;
    }
    .progress-label,
    .meta,
    .rules,
    .time {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .rules ul {
      padding-inline-start: 1.2em;
    }
    .entry:empty {
      display: none;
    }
    .entry-in {
      color: var(--_success);
      font-weight: 700;
    }
    .entry-late,
    .entry-ineligible,
    .entry-closed,
    .entry-mode,
    .entry-unknown,
    .entry-invalid {
      color: var(--_danger);
    }
    .draw {
      display: flex;
      align-items: center;
      gap: var(--_space);
      font-weight: 700;
    }
    .reel {
      inline-size: 1.4em;
      block-size: 1.4em;
      border-radius: 50%;
      border: 3px solid var(--_card-accent);
      border-inline-end-color: transparent;
      animation: spin 0.6s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    .headline {
      font-weight: 700;
      font-size: 1.05em;
    }
    .headline.won {
      color: var(--_card-accent);
      font-size: 1.3em;
    }
    .claim {
      padding: var(--_space);
      border-radius: calc(var(--_radius) * 0.5);
      background: var(--_surface-alt);
    }
    .winners ol {
      padding-inline-start: 1.4em;
    }
    .tier {
      padding: 0 6px;
      border-radius: 999px;
      background: var(--_card-accent);
      color: var(--_on-accent, #fff);
      font-size: 0.8em;
      font-weight: 700;
    }
    .winners li.me {
      color: var(--_card-accent);
    }
  `,
];
