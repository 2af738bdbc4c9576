import { expect } from '@open-wc/testing';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION, checkBody, encode, isHttpUrl, parseMessage } from '../../src/core/protocol.js';

const isHost = (id: string) => id === 'host-1';
const envelope = (type: string, body: unknown, extra: object = {}) =>
  JSON.stringify({ v: PROTOCOL_VERSION, type, id: 'm1', at: 1000, body, ...extra });

describe('protocol: parseMessage', () => {
  it('accepts a valid chat from a viewer, with the sender from the transport', () => {
    const result = parseMessage(envelope('chat', { text: 'hi', sender: 'host-1' }), 'viewer-9', isHost);
    expect(result.ok, 'valid chat accepted').to.equal(true);
    if (!result.ok) return;
    expect(result.message.sender, 'sender is the authenticated id').to.equal('viewer-9');
    expect(result.message.fromHost, 'not a host').to.equal(false);
    expect((result.message.body as Record<string, unknown>).sender, 'unknown body keys are stripped').to.equal(undefined);
  });

  it('drops each kind of bad input with its own reason', () => {
    const cases: Array<[unknown, string, boolean, string]> = [
      ['{not json', 'viewer-1', false, 'malformed'],
      [42, 'viewer-1', false, 'malformed'],
      [JSON.stringify({ v: 1, type: 'chat' }), 'viewer-1', false, 'malformed'],
      [envelope('chat', { text: 'x' }, { v: 2 }), 'viewer-1', false, 'version'],
      [envelope('teleport', {}), 'viewer-1', false, 'unknown-type'],
      [envelope('lottery.open', {}), 'viewer-1', false, 'unauthorized'],
      [envelope('chat', { text: 5 }), 'viewer-1', false, 'invalid'],
      [envelope('chat', { text: '' }), 'viewer-1', false, 'invalid'],
      [envelope('likes', { n: -3 }), 'viewer-1', false, 'invalid'],
      [envelope('enter', { lottery: 'l1' }), 'viewer-1', false, 'misrouted'],
      [envelope('chat', { text: 'x'.repeat(MAX_MESSAGE_BYTES) }), 'viewer-1', false, 'oversized'],
      [envelope('chat', { text: '中'.repeat(11_000) }), 'viewer-1', false, 'oversized'],
      [envelope('pin', { product: { id: 'p', title: 'T', url: 'javascript:alert(1)' } }, { seq: 1, ep: 'abc' }), 'host-1', false, 'invalid'],
    ];
    for (const [raw, sender, direct, reason] of cases) {
      const result = parseMessage(raw, sender, isHost, direct);
      expect(result.ok, `${String(raw).slice(0, 60)} is dropped`).to.equal(false);
      if (!result.ok) expect(result.reason, `reason for ${String(raw).slice(0, 60)}`).to.equal(reason);
    }
  });

  it('accepts host-only types from a host id', () => {
    const raw = envelope('announce', { text: 'Flash sale in 2 minutes' }, { seq: 1, ep: 'abc' });
    const result = parseMessage(raw, 'host-1', isHost);
    expect(result.ok, 'host announce accepted').to.equal(true);
  });

  it('allows only http(s) URLs', () => {
    expect(isHttpUrl('https://shop.example/p/1'), 'https').to.equal(true);
    expect(isHttpUrl('javascript:alert(1)'), 'javascript:').to.equal(false);
    expect(isHttpUrl('data:text/html,x'), 'data:').to.equal(false);
    expect(isHttpUrl('/relative'), 'relative').to.equal(false);
  });

  it('checkBody gives a developer a clear error', () => {
    expect(() => checkBody('announce', { text: 7 }), 'bad body throws').to.throw(TypeError, /Invalid "announce"/);
    expect(() => checkBody('nope' as 'announce', {}), 'unknown type throws').to.throw(TypeError, /Unknown message type/);
  });

  it('encode refuses an envelope over the size limit', () => {
    const big = { v: 1, type: 'chat' as const, id: 'x', at: 0, body: { text: 'y'.repeat(40_000) } };
    expect(() => encode(big), 'oversized encode throws').to.throw(RangeError, /limit is 32768/);
  });
});
