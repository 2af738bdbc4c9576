import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.6em;
    margin: 0;
    color: inherit;
  }
  .reason {
    opacity: 0.85;
  }
  button {
    font: inherit;
    padding: 0.2em 0.8em;
    border-radius: 999px;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_focus-ring, #1d4ed8);
    outline-offset: 2px;
    box-shadow: 0 0 0 4px #ffffff;
  }
`;
