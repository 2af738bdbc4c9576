import { expect } from '@open-wc/testing';
import { EVENT_PROPS, EVENT_TYPES, TIMELINE_KINDS, eventJsonSchema } from '../../src/events/types.js';

describe('docs/events.md', () => {
  it('embeds exactly the JSON Schema generated from the TypeScript event table', async () => {
    const page = await (await fetch('/docs/events.md')).text();
    const block = /<!-- schema:start -->\s*```json\n([\s\S]*?)```\s*<!-- schema:end -->/.exec(page);
    expect(block, 'a schema block').to.not.equal(null);
    expect(JSON.parse(block![1]!), 'regenerate with `node scripts/…` or copy eventJsonSchema()').to.deep.equal(eventJsonSchema());
  });

  it('has a row for every event type, every prop and every timeline kind', async () => {
    const page = await (await fetch('/docs/events.md')).text();
    for (const type of EVENT_TYPES) {
      expect(page.includes(`| \`${type}\` |`), `row for ${type}`).to.equal(true);
      for (const prop of Object.keys(EVENT_PROPS[type])) expect(page.includes(`\`${prop}\``), `${type}.${prop} documented`).to.equal(true);
    }
    for (const kind of TIMELINE_KINDS) expect(page.includes(`\`${kind}\``), `timeline kind ${kind}`).to.equal(true);
  });
});
