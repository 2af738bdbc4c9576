import { css } from 'lit';

export default css`
  /*
   * Two looks. On a panel (variant panel/list, the default) the overlay follows the page: its text
   * colour (or --linger-color-text), the page's background showing through, tints made of
   * currentColor — readable on a white page and on a dark one without a theme. Over video
   * (variant video/danmaku) text sits on the scrim (--linger-color-scrim, translucent dark by default).
   * Announcement and pinned product are cards on --_surface in both.
   */
  :host {
    --_danmaku-height: var(--linger-overlay-danmaku-height, 180px);
    --_list-height: var(--linger-overlay-list-height, 220px);
    --_heart: var(--linger-overlay-heart-color, var(--_accent));
    /* currentColor on color inherits: the page's text colour unless a theme sets one. */
    color: var(--linger-color-text, currentColor);
  }
  /* The first render comes a task after the upgrade: until then the host keeps the reserved box. */
  :host {
    min-block-size: 308px;
  }
  :host(:is([variant='danmaku'], [variant='video'])) {
    min-block-size: 268px;
  }
  .overlay.panel {
    --_fg: currentColor;
    --_tint: color-mix(in srgb, currentColor 8%, transparent);
    --_comment-bg: var(--linger-overlay-comment-background, var(--_tint));
    --_comment-color: var(--linger-overlay-comment-color, currentColor);
    --_name-color: var(--linger-overlay-name-color, currentColor);
    --_overlay-shadow: none;
    --_chip-bg: var(--_tint);
    --_chip-fg: currentColor;
    --_field-bg: transparent;
    --_field-border: color-mix(in srgb, currentColor 55%, transparent);
    --_note: currentColor;
    /* A self-contained pair of system colours: readable over comments on any page. */
    --_badge-bg: Canvas;
    --_badge-fg: CanvasText;
  }
  .overlay.video {
    --_fg: var(--_on-scrim);
    --_comment-bg: var(--linger-overlay-comment-background, var(--_scrim));
    --_comment-color: var(--linger-overlay-comment-color, var(--_on-scrim));
    --_name-color: var(--linger-overlay-name-color, var(--_highlight));
    --_overlay-shadow: var(--linger-overlay-text-shadow, 0 1px 2px rgb(0 0 0 / 0.7));
    --_chip-bg: var(--_scrim);
    --_chip-fg: var(--_on-scrim);
    --_field-bg: var(--_scrim);
    --_field-border: color-mix(in srgb, var(--_on-scrim) 25%, transparent);
    --_note: var(--_highlight);
    --_badge-bg: var(--_scrim);
    --_badge-fg: var(--_on-scrim);
    color: var(--_comment-color);
  }
  /* The box the page reserved before this code arrived (src/cdn/reserve.ts): whole pixels just above
     what the empty overlay draws, so the upgrade and the connect move nothing below it. */
  .overlay.panel {
    min-block-size: 308px;
  }
  .overlay.video {
    min-block-size: 268px;
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
    /* One chip line (line-height 1.4 + 2 × 2px padding) even while the connection status has
       nothing to say yet: the phase chip that replaces it moves nothing below (issue 14). */
    min-block-size: calc(1.4em + 4px);
  }
  /* Chips flow as text (inline-block), so a long prize wraps as one sentence; only the viewers chip,
     with its icon, is a flex row. A radius of 1em keeps a one-line chip a pill. */
  .now > span {
    display: inline-block;
    padding: 2px 8px;
    border-radius: 1em;
    background: var(--_chip-bg);
    color: var(--_chip-fg);
    unicode-bidi: isolate;
    min-inline-size: 0;
    max-inline-size: 100%;
    /* A long word (an 80-character prize) breaks inside the chip; what cannot wrap at all (a
       combining-mark flood) is clipped at the chip. */
    overflow-wrap: anywhere;
    overflow: clip;
    overflow-clip-margin: 0.25em;
  }
  .phase {
    font-weight: 700;
  }
  /* While the room is not connected its status takes the phase chip's place, on a line of its own,
     in the chips' colours (the outer rule wins over the element's own :host colour). */
  .now > linger-connection-status {
    flex-basis: 100%;
    /* A one-line status is as tall as a chip: nothing moves when the phase chip takes its place. */
    padding: 2px 10px;
    border-radius: var(--_radius);
    background: var(--_chip-bg);
    color: var(--_chip-fg);
    font: inherit;
    font-weight: 400;
  }
  .phase-live {
    background: var(--_accent) !important;
    color: var(--_on-accent) !important;
  }
  .now .next-perk {
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
  .now > .viewers {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .eye {
    inline-size: 1em;
    block-size: 1em;
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
  /* A member tier badge beside a commenter's name (docs/tiers.md). */
  .tier {
    padding: 0 5px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.75em;
    font-weight: 700;
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
  /* Name and text are separate isolates with a space between them in the sentence's direction. The
     name's margin is the same on both sides: its own direction (a Latin name in an Arabic line) must
     not put the gap on the side away from the text. */
  .name {
    color: var(--_name-color);
    font-weight: 600;
    unicode-bidi: isolate;
    margin-inline: 2px;
  }
  .text {
    unicode-bidi: isolate;
  }
  .empty {
    margin: 0;
    font-size: 0.9em;
    text-shadow: var(--_overlay-shadow);
  }
  /* On a panel the empty area says so in the middle of a faint frame, not as a blank gap. */
  .panel .comments.list:has(.empty) {
    justify-content: center;
    border: 1px dashed color-mix(in srgb, currentColor 30%, transparent);
    border-radius: var(--_radius);
    mask-image: none;
  }
  .panel .empty {
    align-self: center;
    padding: var(--_space);
    text-align: center;
  }
  /*
   * Over video every text sits on the scrim, its own or its field's: it then reads over any frame,
   * the brightest being a white page (the README's quick start puts danmaku below the player, on the
   * page). The empty message is a pill in the middle of the lanes; likes and hints get one when shown.
   */
  .video .comments:has(> .empty) {
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .video .empty,
  .video .likes:not(:empty),
  .video .hint {
    padding: 0 8px;
    border-radius: 1em;
    background: var(--_chip-bg);
    color: var(--_chip-fg);
  }
  .video .empty {
    padding: 4px 12px;
  }
  .video .hint {
    align-self: start;
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
    background: var(--_badge-bg);
    color: var(--_badge-fg);
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
    background: var(--_field-bg);
    border: 1px solid var(--_field-border);
  }
  input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 40px;
    border: 0;
    background: transparent;
    color: var(--_fg);
    /* The composer around it shows the focus ring. */
    outline: none;
  }
  input::placeholder {
    /* 90 %: ≥ 4.5:1 on the scrim over white, the brightest frame. */
    color: color-mix(in srgb, var(--_fg) 90%, transparent);
  }
  .counter {
    font-size: 0.8em;
    color: var(--_note);
    font-variant-numeric: tabular-nums;
  }
  button {
    cursor: pointer;
  }
  /* Two-tone focus ring: a light ring inside a dark one, visible on a white page, a dark page and
     any video frame. */
  button:focus-visible,
  .view:focus-visible,
  .composer:focus-within {
    outline: 2px solid #ffffff;
    outline-offset: 0;
    box-shadow: 0 0 0 4px #18181b;
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
    background: var(--_chip-bg);
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
    color: var(--_note);
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
