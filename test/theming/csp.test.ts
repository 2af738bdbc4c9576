/**
 * Strict CSP: the demo is served with `style-src 'self'` (no 'unsafe-inline'). Style *attributes*
 * from markup and `<style>` elements created at run time are blocked there; adopted stylesheets and
 * CSSOM (`el.style.setProperty`, lit's styleMap) are not. Every element, in its busy states, must
 * cause no violation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LingerOverlay } from '../../src/elements/overlay/overlay.js';
import { CLIP, goLive, mountShowcase, reveal, type Showcase } from './showcase.js';

const violations: SecurityPolicyViolationEvent[] = [];

/** Every shadow root under `root`, however deep. */
function shadowRoots(root: ParentNode): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(element.shadowRoot, ...shadowRoots(element.shadowRoot));
  }
  return found;
}

describe('strict CSP (style-src \'self\')', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src 'self'";
    document.head.prepend(meta);
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event));
  });

  it('catches a style attribute set from script (the check can fail)', async () => {
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.setAttribute('style', 'color: red');
    await waitUntil(() => violations.length === 1, 'the deliberate violation is reported');
    expect(violations[0]!.effectiveDirective, 'blocked as a style attribute').to.match(/^style-src/);
    expect(getComputedStyle(probe).color, 'and the style did not apply').to.not.equal('rgb(255, 0, 0)');
    probe.remove();
    violations.length = 0;
  });

  it('every element in its busy states — danmaku bullets and hearts, quiz bars, report chart, video — causes no violation', async function () {
    this.timeout(30_000);
    let s: Showcase | null = null;
    try {
      s = await mountShowcase({ variant: 'danmaku', src: CLIP });
      await goLive(s);
      const overlay = s.get<LingerOverlay>('linger-overlay');
      const like = overlay.shadowRoot!.querySelector<HTMLButtonElement>('[part~=like-button]')!;
      for (let i = 0; i < 3; i++) like.click();
      await waitUntil(() => overlay.shadowRoot!.querySelectorAll('[part~=heart]').length > 0, 'hearts float');
      await waitUntil(() => overlay.shadowRoot!.querySelectorAll('.bullet[data-flying]').length > 0, 'danmaku bullets fly');
      const bullet = overlay.shadowRoot!.querySelector<HTMLElement>('.bullet')!;
      expect(getComputedStyle(bullet).getPropertyValue('--lane').trim(), 'lane set through CSSOM').to.match(/^\d+$/);
      expect(bullet.style.getPropertyValue('--lane'), 'the lane is a CSSOM property').to.match(/^\d+$/);
      await reveal(s);
      const quiz = s.get('linger-quiz');
      const share = getComputedStyle(quiz.shadowRoot!.querySelector('[part~=option]')!).getPropertyValue('--_share').trim();
      expect(share, 'the answer bar width reached the option').to.equal('100%');
      const report = s.get('linger-report');
      await waitUntil(() => report.shadowRoot!.querySelector('.uplot canvas'), 'the report chart is drawn');
      const video = s.get('linger-player').shadowRoot!.querySelector('video')!;
      await waitUntil(() => video.readyState >= 2, 'the video has frames', { timeout: 8000 });
      // Violations are reported asynchronously: give the last renders a frame to report theirs.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      const described = violations.map((event) => `${event.effectiveDirective} ${event.sample || event.sourceFile}`);
      expect(described, 'no CSP violations').to.deep.equal([]);
      const styleElements = [document, ...shadowRoots(document)].flatMap((root) => [...root.querySelectorAll('style')]);
      expect(styleElements.length, 'no <style> element created at run time').to.equal(0);
    } finally {
      await s?.close();
    }
  });
});
