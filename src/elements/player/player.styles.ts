import { css } from 'lit';

export default css`
  :host {
    --_aspect: var(--linger-player-aspect-ratio, 16 / 9);
    --_bg: var(--linger-player-background, #000);
    --_player-radius: var(--linger-player-radius, var(--_radius));
    --_fit: var(--linger-player-fit, contain);
    --_live: var(--linger-player-live-color, var(--_accent));
    /* Video is dark whatever the page: the player's chrome stays light-on-dark in every preset. */
    --_player-scrim: var(--linger-player-scrim, rgb(0 0 0 / 0.6));
    position: relative;
    inline-size: 100%;
    aspect-ratio: var(--_aspect);
    contain: layout paint;
    color: #fff;
  }
  :host(:fullscreen) {
    aspect-ratio: auto;
  }
  .frame {
    position: absolute;
    inset: 0;
    overflow: hidden;
    border-radius: var(--_player-radius);
    background: var(--_bg);
  }
  :host(:fullscreen) .frame {
    border-radius: 0;
  }
  .media,
  .rtc,
  .poster,
  video {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
  }
  video,
  .poster,
  .rtc video {
    object-fit: var(--_fit);
  }
  .poster {
    object-fit: cover;
  }
  .top {
    position: absolute;
    inset-block-start: calc(var(--_space) * 1.25);
    inset-inline: calc(var(--_space) * 1.25);
    display: flex;
    align-items: center;
    gap: var(--_space);
    pointer-events: none;
  }
  .status:empty {
    display: none;
  }
  .status {
    padding: 0.2em 0.6em;
    border-radius: 4px;
    background: var(--_player-scrim);
    font-size: 0.8em;
    font-weight: 700;
    letter-spacing: 0.03em;
  }
  .status-live,
  .status-reconnecting {
    background: var(--_live);
    color: var(--_on-accent);
  }
  .message {
    position: absolute;
    inset-inline: 10%;
    inset-block-start: 50%;
    transform: translateY(-50%);
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
    text-align: center;
    font-size: 1.05em;
    font-weight: 600;
    text-shadow: 0 1px 2px rgb(0 0 0 / 0.8);
  }
  /* On the scrim: readable over a light poster or frame too (a shadow alone is not). */
  .message > :not(.spinner) {
    padding: 4px 12px;
    border-radius: 1em;
    background: var(--_player-scrim);
  }
  .spinner {
    inline-size: 28px;
    block-size: 28px;
    border: 3px solid rgb(255 255 255 / 0.3);
    border-block-start-color: #fff;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  button {
    cursor: pointer;
    border: 0;
    color: #fff;
    -webkit-tap-highlight-color: transparent;
  }
  button:focus-visible {
    outline: 3px solid #fff;
    outline-offset: 2px;
  }
  .icon {
    inline-size: 24px;
    block-size: 24px;
    fill: currentColor;
    flex: none;
  }
  .big-play {
    position: absolute;
    inset-inline-start: 50%;
    inset-block-start: 50%;
    translate: -50% -50%;
    inline-size: 76px;
    block-size: 76px;
    border-radius: 50%;
    background: rgb(0 0 0 / 0.65);
    display: grid;
    place-items: center;
  }
  :host(:dir(rtl)) .big-play,
  .frame[dir='rtl'] .big-play {
    translate: 50% -50%;
  }
  .big-play .icon {
    inline-size: 44px;
    block-size: 44px;
  }
  .unmute {
    position: absolute;
    inset-block-start: calc(var(--_space) * 5);
    inset-inline-start: calc(var(--_space) * 1.25);
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-block-size: 40px;
    padding: 0.4em 0.9em 0.4em 0.6em;
    border-radius: 999px;
    background: rgb(255 255 255 / 0.92);
    color: #111;
    font-weight: 600;
    box-shadow: var(--_shadow);
  }
  .controls {
    position: absolute;
    inset-inline: 0;
    inset-block-end: 0;
    display: flex;
    align-items: center;
    gap: 2px;
    padding: calc(var(--_space) * 2) var(--_space) calc(var(--_space) * 0.5);
    background: linear-gradient(to top, rgb(0 0 0 / 0.55), transparent);
  }
  .controls button {
    inline-size: 44px;
    block-size: 44px;
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: transparent;
  }
  .controls button:hover {
    background: rgb(255 255 255 / 0.15);
  }
  .spacer {
    flex: 1;
  }
`;
