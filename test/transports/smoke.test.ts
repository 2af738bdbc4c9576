import { expect } from '@open-wc/testing';
import { utf8Length } from '../../src/transports/transport.js';
describe('utf8Length', () => {
  it('counts multi-byte characters', () => {
    expect(utf8Length('a'), 'ascii').to.equal(1);
    expect(utf8Length('é'), 'two bytes').to.equal(2);
    expect(utf8Length('中'), 'three bytes').to.equal(3);
    expect(utf8Length('😀'), 'surrogate pair').to.equal(4);
    expect(utf8Length('😀'), 'matches TextEncoder').to.equal(new TextEncoder().encode('😀').length);
  });
});
