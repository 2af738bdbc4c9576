import { expect, waitUntil } from '@open-wc/testing';
import { BroadcastTransport } from '../../src/transports/broadcast.js';

const channel = () => `t-${Math.random().toString(36).slice(2)}`;

describe('broadcast transport', () => {
  it('delivers to all peers and to one peer, with the sender id, never to itself', async () => {
    const name = channel();
    const [a, b, c] = ['a', 'b', 'c'].map((userId) => new BroadcastTransport({ channel: name, userId }));
    const got: Record<string, Array<[string, string, boolean]>> = { a: [], b: [], c: [] };
    for (const [id, peer] of [['a', a], ['b', b], ['c', c]] as const) {
      peer!.onMessage((data, sender, direct) => got[id]!.push([data, sender, direct]));
      await peer!.connect();
    }
    await a!.publish('to-all');
    await a!.sendTo('c', 'to-c');
    await waitUntil(() => got.c!.length === 2 && got.b!.length === 1, 'delivered');
    expect(got.b, 'b got the broadcast only').to.deep.equal([['to-all', 'a', false]]);
    expect(got.c, 'c got both, the second direct').to.deep.equal([['to-all', 'a', false], ['to-c', 'a', true]]);
    expect(got.a, 'no echo').to.deep.equal([]);
    await waitUntil(() => a!.presence === 3, 'presence counts three peers');
    await c!.close();
    await waitUntil(() => a!.presence === 2, 'a leaving peer is uncounted');
    await Promise.all([a!.close(), b!.close()]);
    expect(a!.status, 'closed').to.equal('closed');
  });

  it('refuses oversized payloads and sends before connect', async () => {
    const peer = new BroadcastTransport({ channel: channel(), userId: 'x' });
    let error: unknown;
    await peer.publish('x').catch((e) => (error = e));
    expect((error as { code: string }).code, 'not connected').to.equal('not-connected');
    await peer.connect();
    await peer.publish('x'.repeat(40_000)).catch((e) => (error = e));
    expect((error as { code: string }).code, 'too large').to.equal('payload-too-large');
    await peer.close();
  });

  it('stores the snapshot in localStorage with its author', async () => {
    const peer = new BroadcastTransport({ channel: channel(), userId: 'host-1' });
    await peer.storage.write('k', 'v1');
    expect(await peer.storage.read('k'), 'read back with author').to.deep.equal({ value: 'v1', authorId: 'host-1' });
    expect(await peer.storage.read('missing'), 'missing key').to.equal(null);
  });
});
