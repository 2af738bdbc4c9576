// The Shopify app block for a shoppable replay (integrations/shopify/extensions/linger/blocks/
// linger-replay.liquid, docs/replay.md): a room replaying the timeline over the recording, opening at
// the product page's product; every value escaped; only attributes the elements declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTags, renderBlock, root, shopContext } from './shopify-helpers.mjs';

const declared = (() => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const byTag = new Map();
  for (const module of manifest.modules) for (const declaration of module.declarations ?? []) if (declaration.tagName) byTag.set(declaration.tagName, new Set((declaration.attributes ?? []).map((a) => a.name)));
  return byTag;
})();

const settings = { timeline: ' https://cdn.shop.example/replays/spring-timeline.json ', src: 'https://cdn.shop.example/replays/spring.m3u8', offset: -45, heading: 'Watch the live demo "><script>alert(1)</script>' };
const product = { id: 8123456789, title: 'Jade scarf', url: '/products/jade-scarf', selected_or_first_available_variant: { id: 1, price: 1900, available: true } };

test('on a product page the replay opens at that product, with the player, the comments and the product card', () => {
  const html = renderBlock('linger-replay', settings, shopContext({ product }));
  const [room] = findTags(html, 'linger-room');
  assert.equal(room.replay, 'https://cdn.shop.example/replays/spring-timeline.json');
  assert.equal(room['replay-offset'], '-45');
  assert.equal(room.chapter, '8123456789');
  assert.equal(room.id, 'linger-replay-linger-replay-1');
  assert.equal(findTags(html, 'linger-player')[0].src, settings.src);
  assert.equal(findTags(html, 'linger-overlay').length, 1);
  assert.equal(findTags(html, 'linger-product').length, 1);
  assert.ok(!html.includes('<script>'), 'the heading is escaped');
  for (const tag of ['linger-room', 'linger-player']) {
    for (const name of Object.keys(findTags(html, tag)[0])) if (name !== 'id') assert.ok(declared.get(tag).has(name), `<${tag}> declares ${name}`);
  }
});

test('without a timeline or a recording the block renders nothing; off a product page it opens at the start', () => {
  assert.equal(findTags(renderBlock('linger-replay', { src: settings.src }), 'linger-room').length, 0);
  assert.equal(findTags(renderBlock('linger-replay', { timeline: settings.timeline }), 'linger-room').length, 0);
  const [room] = findTags(renderBlock('linger-replay', settings), 'linger-room');
  assert.equal(room.chapter, undefined);
});
