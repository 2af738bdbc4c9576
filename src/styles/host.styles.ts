import { css } from 'lit';

/**
 * Shared by every element: resets the text styles a storefront theme would leak in through
 * inheritance, maps the global `--linger-*` tokens to private `--_*` variables (each element adds its
 * own `--linger-<name>-*` hooks on top), and honours `prefers-reduced-motion`. Sizes in px/em,
 * never rem: themes such as Dawn set `html { font-size: 62.5% }`.
 *
 * The defaults are the light look; `src/themes/light.css` and `dark.css` set the same tokens
 * (docs/theming.md lists them). "Scrim" tokens are for text sitting over video: the player's
 * badges and the overlay's comments, chips and composer.
 */
export const hostStyles = css`
  :host {
    --_font: var(--linger-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Thai', sans-serif);
    --_font-size: var(--linger-font-size, 14px);
    --_text: var(--linger-color-text, #18181b);
    --_muted: var(--linger-color-muted, #52525b);
    --_surface: var(--linger-color-surface, #ffffff);
    --_surface-alt: var(--linger-color-surface-alt, #f4f4f5);
    --_border: var(--linger-color-border, #e4e4e7);
    --_accent: var(--linger-color-accent, #e11d48);
    --_on-accent: var(--linger-color-on-accent, #ffffff);
    --_success: var(--linger-color-success, #15803d);
    --_danger: var(--linger-color-danger, #b91c1c);
    --_warning: var(--linger-color-warning, #b45309);
    --_scrim: var(--linger-color-scrim, rgb(0 0 0 / 0.6));
    --_on-scrim: var(--linger-color-on-scrim, #ffffff);
    --_highlight: var(--linger-color-highlight, #fde68a);
    --_radius: var(--linger-radius, 12px);
    --_space: var(--linger-space, 8px);
    --_shadow: var(--linger-shadow, 0 1px 3px rgb(0 0 0 / 0.12));

    display: block;
    box-sizing: border-box;
    /* Every inherited text property a theme may set on body or a section (Dawn: uppercase,
       letter-spacing in rem, line-height 1.8), reset so the shadow tree starts clean. */
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-weight: 400;
    font-style: normal;
    font-variant: normal;
    font-stretch: normal;
    font-feature-settings: normal;
    font-variation-settings: normal;
    font-kerning: auto;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    word-break: normal;
    overflow-wrap: normal;
    hyphens: manual;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    text-rendering: auto;
    white-space: normal;
    cursor: auto;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Set, not inherited from the host: a theme's "* { box-sizing: inherit }" reaches the host, which
     then inherits through the flat tree — from a <linger-room>'s <slot>, whose box-sizing is
     content-box — and every padded box inside would grow. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
