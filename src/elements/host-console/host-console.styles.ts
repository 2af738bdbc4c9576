import { css } from 'lit';

export default css`
  :host {
    --_console-surface: var(--linger-host-console-surface, var(--_surface));
    --_console-max: var(--linger-host-console-max-width, 1200px);
    max-inline-size: var(--_console-max);
  }
  .console {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    background: var(--_console-surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  h2 {
    font-size: 1.15em;
    margin: 0;
    margin-inline-end: auto;
  }
  h3 {
    font-size: 1em;
    margin: 0 0 var(--_space);
  }
  .phase {
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--_surface-alt);
    font-size: 0.85em;
  }
  .phase[data-phase='live'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
    gap: var(--_space);
    margin: 0;
  }
  .summary div {
    background: var(--_surface-alt);
    border-radius: calc(var(--_radius) / 1.5);
    padding: var(--_space);
  }
  .summary dt {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .summary dd {
    margin: 0;
    font-size: 1.35em;
    font-variant-numeric: tabular-nums;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    border-block-end: 1px solid var(--_border);
  }
  [role='tab'] {
    border: 0;
    border-block-end: 3px solid transparent;
    background: none;
    padding: 8px 12px;
    cursor: pointer;
    color: var(--_muted);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-block-end-color: var(--_accent);
    font-weight: 600;
  }
  [role='tabpanel'] {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  button {
    padding: 6px 12px;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_text);
    background: var(--_text);
    color: var(--_surface);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_text);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [role='tab']:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  input,
  select,
  textarea {
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    min-inline-size: 0;
  }
  textarea {
    inline-size: 100%;
    min-block-size: 6em;
    font-family: ui-monospace, monospace;
  }
  label {
    display: grid;
    gap: 2px;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .row > label {
    flex: 1 1 140px;
  }
  .next,
  .pending {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface-alt);
  }
  .pending {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
  }
  .steps {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .step {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(110px, 1fr));
    gap: var(--_space);
    align-items: end;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .step[data-phase='announce'],
  .step[data-phase='due'] {
    border-color: var(--_accent);
  }
  .state {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .chat {
    display: grid;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: 420px;
    overflow-y: auto;
  }
  .chat li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: 6px var(--_space);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-alt);
  }
  .chat .text {
    flex: 1 1 200px;
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
  }
  .who {
    color: var(--_muted);
    font-size: 0.85em;
    unicode-bidi: isolate;
  }
  .products {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .products li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .products li[data-pinned] {
    border-color: var(--_accent);
  }
  .products .name {
    flex: 1 1 180px;
    overflow-wrap: anywhere;
  }
  .products input[type='number'] {
    inline-size: 6em;
  }
  .error {
    color: var(--_danger);
  }
  .connection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_danger);
    border-radius: calc(var(--_radius) / 1.5);
  }
  .connection .detail {
    flex: 1 1 100%;
    overflow-wrap: anywhere;
  }
  .waiting ul {
    flex: 1 1 100%;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }
  svg {
    inline-size: 100%;
    block-size: 80px;
  }
  polyline {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    max-inline-size: min(420px, 90vw);
    color: var(--_text);
    background: var(--_surface);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  /* A member tier badge beside a name (docs/tiers.md). */
  .tier {
    padding: 0 5px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
  }
  .replay-preview {
    display: grid;
    gap: 8px;
    max-inline-size: 40rem;
  }
`;
