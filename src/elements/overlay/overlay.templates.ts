/** Small pieces of the overlay's markup: its icons, and host text isolated inside a localized sentence. */
import { html, nothing, svg } from 'lit';

/** Stands for host-written text inside a localized sentence, so it can be drawn in its own `<bdi>`. */
export const MARK = '\uE000';

export function heartIcon() {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d="M12 21s-7.5-4.6-9.5-9.2C1.1 8.4 3.3 5 6.7 5c2 0 3.4 1.1 4.3 2.5h2C13.9 6.1 15.3 5 17.3 5c3.4 0 5.6 3.4 4.2 6.8C19.5 16.4 12 21 12 21z"></path>`}</svg>`;
}
export function sendIcon() {
  return html`<svg class="icon send-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"></path>`}</svg>`;
}
export function eyeIcon() {
  return html`<svg class="icon eye" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d="M12 5C6.5 5 2.7 9.3 1.5 12c1.2 2.7 5 7 10.5 7s9.3-4.3 10.5-7C21.3 9.3 17.5 5 12 5zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8z"></path>`}</svg>`;
}

/** A localized sentence whose {@link MARK} stands for host-written `value`: drawn in its own `<bdi>`. */
export function isolate(sentence: string, value: string, className = '') {
  const at = sentence.indexOf(MARK);
  if (at < 0) return sentence;
  return html`${sentence.slice(0, at)}<bdi class=${className || nothing}>${value}</bdi>${sentence.slice(at + MARK.length)}`;
}
