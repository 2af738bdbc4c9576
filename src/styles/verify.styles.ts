import { css } from 'lit';

// Not in the shared base chunk (rollup.config.mjs BASE_MODULES): only the quiz, vote and lottery use it.
/** The "check this result" block under a lottery's draw and a vote's result. */
export const verifyStyles = css`
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
`;
