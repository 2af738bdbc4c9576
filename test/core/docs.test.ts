import { expect } from '@open-wc/testing';
import { MESSAGES } from '../../src/core/protocol.js';

describe('docs/protocol.md', () => {
  it('documents every message type of the protocol table', async () => {
    const page = await (await fetch('/docs/protocol.md')).text();
    for (const type of Object.keys(MESSAGES)) {
      expect(page.includes(`| \`${type}\` |`), `docs/protocol.md has a row for "${type}"`).to.equal(true);
    }
  });
});
