import { css } from 'lit';

/**
 * Shared by every element: resets the text styles a storefront theme would leak in through
 * inheritance, maps the global `--linger-*` tokens to private `--_*` variables (each element adds its
 * own `--linger-<name>-*` hooks on top), and honours `prefers-reduced-motion`. Sizes in px/em,
 * never rem: themes such as Dawn set `html { font-size: 62.5% }`.
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
    --_radius: var(--linger-radius, 12px);
    --_space: var(--linger-space, 8px);
    --_shadow: var(--linger-shadow, 0 1px 3px rgb(0 0 0 / 0.12));

    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    font-weight: 400;
    font-style: normal;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
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
