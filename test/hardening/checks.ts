/** Assertions shared by the hardening tests: text stays text, boxes stay in their containers. */
import { expect, waitUntil } from '@open-wc/testing';

export const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Every element below `root` (its shadow root when it has one), itself excluded. */
export function elementCount(root: Element | ShadowRoot): number {
  return root.querySelectorAll('*').length;
}

/**
 * A node holding user text must hold nothing but text: an element child means the string was
 * parsed as markup somewhere.
 */
export function expectTextOnly(leaf: Element, expected: string, label: string): void {
  expect(leaf.childElementCount, `${label}: no element inside user text`).to.equal(0);
  expect(leaf.textContent ?? '', `${label}: shown verbatim`).to.include(expected);
}

/** `inner`'s border box lies inside `outer`'s along the inline axis (1 px of rounding allowed). */
export function expectWithin(inner: Element, outer: Element, label: string): void {
  const a = inner.getBoundingClientRect();
  const b = outer.getBoundingClientRect();
  if (a.width === 0 && a.height === 0) return; // not laid out (hidden, empty)
  const what = `${label} ${JSON.stringify((inner.textContent ?? '').trim().slice(0, 30))}`;
  expect(a.left, `${what}: left edge inside (${a.left} ≥ ${b.left})`).to.be.at.least(b.left - 1);
  expect(a.right, `${what}: right edge inside (${a.right} ≤ ${b.right})`).to.be.at.most(b.right + 1);
}

let probes = 0;

/**
 * Waits for the page to have run what an injected payload would have queued: a probe image with
 * a broken source (the commonest payload) fires its error, then two frames pass. Payloads load the
 * same way and earlier, so by then their handlers would have run.
 */
export async function settle(): Promise<void> {
  const id = ++probes;
  const flag = `__lingerProbe${id}`;
  const probe = document.createElement('img');
  probe.onerror = () => ((window as unknown as Record<string, unknown>)[flag] = true);
  probe.src = `x-probe-${id}`;
  probe.hidden = true;
  document.body.append(probe);
  await waitUntil(() => (window as unknown as Record<string, unknown>)[flag] === true, 'probe image error fired', { timeout: 5000 });
  probe.remove();
  await frame();
  await frame();
}

/** X positions of each character of a text node, in logical order. */
export function glyphLefts(textNode: Text): number[] {
  const lefts: number[] = [];
  const range = document.createRange();
  for (let i = 0; i < textNode.length; i++) {
    range.setStart(textNode, i);
    range.setEnd(textNode, i + 1);
    lefts.push(range.getBoundingClientRect().left);
  }
  return lefts;
}

/** The first text node below `element` whose data contains `needle`. */
export function textNodeWith(element: Element | ShadowRoot, needle: string): Text | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.includes(needle)) return node as Text;
  return null;
}
