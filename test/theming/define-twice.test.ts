import { expect } from '@open-wc/testing';
import { define } from '../../src/utilities/define.js';

describe('define() (two copies of Linger on one page)', () => {
  const warnings: unknown[][] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = original;
  });

  it('a second definition with another class logs one warning, does not throw, and keeps the first', () => {
    const tag = `linger-twice-${Math.random().toString(36).slice(2, 8)}`;
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    define(tag, First);
    expect(warnings, 'first definition is silent').to.have.length(0);
    expect(() => define(tag, Second), 'no "already defined" error').to.not.throw();
    expect(warnings, 'exactly one warning').to.have.length(1);
    expect(String(warnings[0]![0]), 'the warning names the tag').to.contain(`<${tag}>`);
    expect(customElements.get(tag), 'the first copy stays').to.equal(First);
    expect(document.createElement(tag), 'elements use the first class').to.be.instanceOf(First);
  });

  it('defining the same class again is silent', () => {
    const tag = `linger-same-${Math.random().toString(36).slice(2, 8)}`;
    class Only extends HTMLElement {}
    define(tag, Only);
    define(tag, Only);
    expect(warnings, 'no warning for the same class').to.have.length(0);
  });
});
