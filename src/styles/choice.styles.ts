import { css } from 'lit';

// Not in the shared base chunk (rollup.config.mjs BASE_MODULES): only the quiz, vote and lottery use it.
/**
 * A card of choices, the quiz's and the vote's: a header (kicker and clock), a hint, the options
 * as full-width buttons (each draws its own share bar with `::before`), the status line.
 */
export const choiceStyles = css`
  .top {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
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
  .option.chosen {
    border-color: var(--_card-accent);
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
`;
