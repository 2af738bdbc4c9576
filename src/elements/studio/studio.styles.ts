import { css } from 'lit';

export default css`
  .desk {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .desk.live {
    border-color: var(--_accent);
  }
  .screen {
    position: relative;
    aspect-ratio: var(--linger-studio-aspect-ratio, 16 / 9);
    background: #000;
    border-radius: calc(var(--_radius) - 4px);
    overflow: hidden;
  }
  .preview {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  .preview.dark {
    visibility: hidden;
  }
  .badge,
  .watching,
  .uplink {
    position: absolute;
    inset-block-start: var(--_space);
    padding: 0.15em 0.6em;
    border-radius: 999px;
    background: var(--_scrim);
    color: var(--_on-scrim);
    font-size: 0.85em;
  }
  .badge {
    inset-inline-start: var(--_space);
  }
  .badge.on {
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .watching {
    inset-inline-end: var(--_space);
  }
  /* The upload's grade, below the badge; the colour only repeats what the words say. */
  .uplink {
    inset-block-start: calc(var(--_space) * 3.5);
    inset-inline-start: var(--_space);
  }
  .uplink::before {
    content: '';
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: #4ade80;
  }
  .uplink-fair::before {
    background: #facc15;
  }
  .uplink-poor::before {
    background: #f87171;
  }
  .problems:empty {
    display: none;
  }
  .problem {
    margin: 0;
    padding: 0.4em 0.6em;
    border-radius: 6px;
    color: var(--_danger);
    background: var(--_surface-alt);
    overflow-wrap: anywhere;
  }
  .devices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  label {
    display: grid;
    gap: 2px;
    flex: 1 1 10em;
    min-width: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0.3em;
    min-width: 0;
    max-width: 100%;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .spacer {
    flex: 1;
  }
  button {
    font: inherit;
    padding: 0.45em 1em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_surface-alt);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
