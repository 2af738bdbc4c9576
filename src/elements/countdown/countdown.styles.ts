import { css } from 'lit';
import { cardStyles } from '../../styles/card.styles.js';

export default [
  cardStyles,
  css`
    :host {
      --_card-accent: var(--linger-countdown-accent, var(--_accent));
      --_card-surface: var(--linger-countdown-surface, var(--_surface));
      --_max-width: var(--linger-countdown-max-width, 420px);
    }
    .label {
      font-size: 0.8em;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--_card-accent);
    }
    .phase-announce,
    .phase-drop {
      border-color: var(--_card-accent);
      border-width: 2px;
    }
    .clock-row {
      display: flex;
      align-items: baseline;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .clock {
      font-size: 2.2em;
      line-height: 1;
    }
    .at,
    .when {
      color: var(--_muted);
    }
    .when,
    .tier {
      font-weight: 600;
    }
    .prompt {
      font-weight: 700;
      font-size: 1.1em;
      color: var(--_card-accent);
    }
    /* The pulse grows the prompt a little instead of fading it: its colour, and so its contrast
       (≥ 4.5:1), holds through the whole animation (issue 14). A transform moves nothing around it. */
    .phase-announce .prompt {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
    @keyframes pulse {
      to {
        transform: scale(1.03);
      }
    }
    .drop {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      align-items: flex-start;
    }
    .code-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
    }
    .code {
      padding-block: 0.3em;
      padding-inline: 0.6em;
      border: 1px dashed var(--_card-accent);
      border-radius: 6px;
      font-size: 1.1em;
      font-weight: 700;
    }
    .remaining {
      font-weight: 700;
    }
    .remaining.gone,
    .refused {
      color: var(--_danger);
    }
    .claimed {
      color: var(--_success);
      font-weight: 700;
    }
    .offer {
      font-weight: 700;
    }
    button.secondary {
      background: var(--_surface-alt);
      color: var(--_text);
      border: 1px solid var(--_border);
    }
    .remind-button {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
    }
    .remind {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      align-items: flex-start;
    }
    .reminders {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      padding: 0;
      list-style: none;
    }
    .reminders a {
      display: inline-block;
      padding-block: 0.4em;
      padding-inline: 0.8em;
      border-radius: 999px;
      background: var(--_surface-alt);
      text-decoration: none;
    }
  `,
];
