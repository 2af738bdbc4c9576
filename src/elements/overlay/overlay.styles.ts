import { css } from 'lit';

export default css`
  /* Made to sit over video: text on the scrim (translucent dark by default; the light preset makes it
     translucent white with dark text). Announcement and pinned product are cards on --_surface. */
  :host {
    --_comment-bg: var(--linger-overlay-comment-background, var(--_scrim));
    --_comment-color: var(--linger-overlay-comment-color, var(--_on-scrim));
    --_name-color: var(--linger-overlay-name-color, var(--_highlight));
    --_overlay-shadow: var(--linger-overlay-text-shadow, 0 1px 2px rgb(0 0 0 / 0.7));
    --_danmaku-height: var(--linger-overlay-danmaku-height, 180px);
    --_list-height: var(--linger-overlay-list-height, 220px);
    --_heart: var(--linger-overlay-heart-color, var(--_accent));
    --_flight: 8s;
    color: var(--_comment-color);
  }
  .overlay {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    min-inline-size: 0;
  }
  .now {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 6px;
    font-size: 0.85em;
  }
  .now > span {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border-radius: 999px;
    background: var(--_scrim);
    color: var(--_on-scrim);
    unicode-bidi: isolate;
    max-inline-size: 100%;
    /* A perk title or prize that cannot wrap (a combining-mark flood) is clipped at the chip. */
    overflow: clip;
    overflow-clip-margin: 0.25em;
  }
  .phase {
    font-weight: 700;
  }
  .phase-live {
    background: var(--_accent) !important;
    color: var(--_on-accent) !important;
  }
  .now .next {
    background: rgb(250 204 21 / 0.92);
    color: #1c1917;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .now .active {
    background: rgb(34 197 94 / 0.9);
    color: #052e16;
    font-weight: 600;
  }
  .icon {
    inline-size: 1.2em;
    block-size: 1.2em;
    fill: currentColor;
    flex: none;
  }
  .eye {
    inline-size: 1em;
    block-size: 1em;
  }
  .announcement {
    display: flex;
    flex-direction: column;
    gap: 4px;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .announcement-text {
    /* What cannot wrap (one letter under hundreds of combining marks) is clipped, not let out. */
    min-inline-size: 0;
    overflow: clip;
    overflow-clip-margin: 0.5em;
  }
  .announcement.prompt {
    background: color-mix(in srgb, #f59e0b 18%, var(--_surface));
    border-inline-start: 4px solid #f59e0b;
  }
  .prompt-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    font-weight: 400;
  }
  .chip {
    min-block-size: 32px;
    padding: 2px 12px;
    border: 0;
    border-radius: 999px;
    background: #f59e0b;
    color: #1c1917;
    font-weight: 700;
    cursor: pointer;
  }
  .pinned {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: 6px var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    min-inline-size: 0;
  }
  .pinned img {
    inline-size: 40px;
    block-size: 40px;
    border-radius: 6px;
    object-fit: cover;
    flex: none;
  }
  .pinned-body {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    flex: 1;
  }
  .pinned-label {
    font-size: 0.75em;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .pinned-title {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pinned-meta {
    display: flex;
    gap: 8px;
    font-size: 0.85em;
    min-inline-size: 0;
    overflow: clip;
    overflow-clip-margin: 0.25em;
  }
  .price {
    font-weight: 700;
  }
  .stock {
    color: var(--_warning);
  }
  .stock.out {
    color: var(--_danger);
  }
  .view {
    flex: none;
    padding: 6px 12px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    text-decoration: none;
    font-weight: 600;
  }
  .comments {
    position: relative;
    min-inline-size: 0;
  }
  .comments.list {
    block-size: var(--_list-height);
    overflow-y: auto;
    display: flex;
    flex-direction: column-reverse;
    mask-image: linear-gradient(to bottom, transparent, #000 24px);
    overscroll-behavior: contain;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column-reverse;
    align-items: flex-start;
    gap: 4px;
  }
  ol.list {
    /*
     * As wide as the comment area, never wider: each comment's max-inline-size is a share of this
     * list, so a comment that cannot wrap (a combining-mark flood) must not widen it.
     */
    align-self: stretch;
    min-inline-size: 0;
  }
  .comment {
    /* At most the list's width; contain: content clips what cannot wrap, across and down. */
    max-inline-size: 100%;
    padding: 3px 10px;
    border-radius: 14px;
    background: var(--_comment-bg);
    color: var(--_comment-color);
    overflow-wrap: anywhere;
    contain: content;
  }
  .name {
    color: var(--_name-color);
    font-weight: 600;
    margin-inline-end: 6px;
    unicode-bidi: isolate;
  }
  .text {
    unicode-bidi: isolate;
  }
  .empty {
    margin: 0;
    opacity: 0.8;
    font-size: 0.9em;
    text-shadow: var(--_overlay-shadow);
  }
  .comments.danmaku {
    block-size: var(--_danmaku-height);
    overflow: hidden;
  }
  .stage {
    position: absolute;
    inset: 0;
    overflow: hidden;
    --_stage-width: 360px;
  }
  .bullet {
    position: absolute;
    inset-block-start: calc(var(--lane) * 30px);
    inset-inline-start: 100%;
    white-space: nowrap;
    padding: 2px 10px;
    border-radius: 14px;
    background: var(--_comment-bg);
    color: var(--_comment-color);
    contain: layout style paint;
  }
  /*
   * Animated elements and everything inside them get their box-sizing directly, not through the
   * shared "* { box-sizing: inherit }" rule: a child that inherits a non-inherited property explicitly is
   * restyled whenever its parent is, and an animation restyles its element every frame.
   */
  .bullet,
  .bullet *,
  .heart,
  .heart * {
    box-sizing: border-box;
  }
  .more {
    position: absolute;
    inset-block-end: 4px;
    inset-inline-end: 4px;
    padding: 2px 8px;
    border-radius: 999px;
    background: var(--_scrim);
    color: var(--_on-scrim);
    font-size: 0.8em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .spacer {
    flex: 1;
  }
  .composer {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 4px;
    min-inline-size: 0;
    padding-inline: 12px 4px;
    border-radius: 999px;
    background: var(--_scrim);
    border: 1px solid color-mix(in srgb, var(--_on-scrim) 25%, transparent);
  }
  .composer:focus-within {
    border-color: var(--_on-scrim);
  }
  input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 40px;
    border: 0;
    background: transparent;
    color: var(--_on-scrim);
    outline: none;
  }
  input::placeholder {
    color: color-mix(in srgb, var(--_on-scrim) 75%, transparent);
  }
  .counter {
    font-size: 0.8em;
    color: var(--_highlight);
    font-variant-numeric: tabular-nums;
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  .view:focus-visible {
    outline: 3px solid var(--_on-scrim);
    outline-offset: 2px;
  }
  .send {
    inline-size: 36px;
    block-size: 36px;
    display: grid;
    place-items: center;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .send:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .overlay[dir='rtl'] .send-icon {
    transform: scaleX(-1);
  }
  .like-wrap {
    position: relative;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
  }
  .like {
    inline-size: 44px;
    block-size: 44px;
    display: grid;
    place-items: center;
    border: 0;
    border-radius: 50%;
    background: var(--_scrim);
    color: var(--_heart);
  }
  .like:active {
    transform: scale(0.92);
  }
  .like .icon {
    inline-size: 26px;
    block-size: 26px;
  }
  .likes {
    font-size: 0.75em;
    font-weight: 600;
    min-block-size: 1em;
    text-shadow: var(--_overlay-shadow);
  }
  .hearts {
    position: absolute;
    inset-block-end: 100%;
    inset-inline-start: 50%;
    inline-size: 0;
    block-size: 0;
    pointer-events: none;
  }
  .heart {
    position: absolute;
    inset-block-end: 0;
    inset-inline-start: -12px;
    color: var(--_heart);
    animation: float 1.2s ease-out forwards;
  }
  .heart .icon {
    inline-size: 24px;
    block-size: 24px;
  }
  @keyframes float {
    from {
      transform: translate(0, 0) scale(0.6);
      opacity: 1;
    }
    to {
      transform: translate(var(--drift), -140px) scale(1.1);
      opacity: 0;
    }
  }
  .hint {
    margin: 0;
    min-block-size: 1.2em;
    font-size: 0.85em;
    color: var(--_highlight);
    text-shadow: var(--_overlay-shadow);
  }
  .hint:empty {
    display: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .bullet,
    .heart {
      animation: none;
    }
  }
`;
