import { css } from 'lit';

/** The card look shared by the lottery, quiz, countdown and product elements. */
export const cardStyles = css`
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    inline-size: 100%;
    max-inline-size: var(--_max-width, 420px);
    padding: calc(var(--_space) * 2);
    background: var(--_card-surface, var(--_surface));
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow-wrap: anywhere;
  }
  /*
   * Text a host or a viewer wrote. It wraps anywhere; what cannot wrap — one letter under hundreds
   * of combining marks is a single glyph cluster 500–900 px wide and as tall — is clipped at the
   * card's edge instead of widening the card past a phone screen. The clip margin keeps the marks
   * of ordinary text (Thai, Vietnamese, Arabic) that reach just past the line box.
   */
  .user-text {
    min-inline-size: 0;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    overflow: clip;
    overflow-clip-margin: 0.5em;
  }
  h2,
  h3,
  p,
  ol,
  ul,
  dl,
  dd {
    margin: 0;
  }
  h2 {
    font-size: 1.15em;
    font-weight: 700;
    line-height: 1.25;
  }
  h3 {
    font-size: 0.95em;
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
  }
  /* "Vote", "Quiz", "Pinned": the small label above or atop a card. */
  .kicker {
    font-size: 0.8em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--_card-accent);
  }
  button {
    min-block-size: 44px;
    padding-block: 0.5em;
    padding-inline: 1.2em;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_card-accent, var(--_accent));
    color: var(--_on-accent);
    font-weight: 600;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  button:focus-visible,
  a:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--_card-accent, var(--_accent));
    outline-offset: 2px;
  }
  a {
    color: inherit;
  }
  [role='timer'],
  .clock {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  progress {
    inline-size: 100%;
    block-size: 10px;
    accent-color: var(--_card-accent, var(--_accent));
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.8em;
    word-break: break-all;
  }
`;
