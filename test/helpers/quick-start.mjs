// The README's one-script-tag quick start as a merchant pastes it, on a plain product page with
// Dawn-like global CSS (test/build/reserve.node.test.mjs, test/build/quick-start-look.node.test.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

/** The script tag (pointed at the local dist/cdn) and the room markup from README.md. */
export async function quickStart() {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const found = /```html\n(<script type="module"[^\n]*linger\.js"><\/script>)\n\n(<linger-room[\s\S]*?<\/linger-room>)\n```/.exec(readme);
  if (!found) throw new Error('README.md: the one-script-tag quick start was not found');
  return {
    script: found[1].replace(/src="[^"]*"/, 'src="/dist/cdn/linger.js"'),
    // Trying it first, as the README says: no Agora, no webhook (nothing leaves loopback).
    markup: found[2].replace(/\s+(app-id|token-url|webhook)="[^"]*"/g, ''),
  };
}

export const PAGE_COLOURS = {
  white: { color: '#121212', background: '#ffffff' },
  dark: { color: '#f3f3f3', background: '#121212' },
};

/** A product page: rem-based type on a 62.5 % root, a narrow column, the page's colours on body. */
export function storefront({ script, body, lang = 'en', page = 'white' }) {
  const { color, background } = PAGE_COLOURS[page];
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Linen shirt</title>
<style>html{font-size:62.5%}body{margin:0;font:1.6rem/1.8 system-ui,sans-serif;color:${color};background:${background};letter-spacing:.06rem}
main{max-inline-size:390px;margin:0 auto;padding:0 1.5rem}h1{font-size:3rem;margin:1rem 0}</style>
${script}</head><body><main>
<h1>Linen shirt</h1><p>Breathable linen, cut for summer.</p>
${body}
<p id="below">Free returns within 30 days.</p>
</main></body></html>`;
}
