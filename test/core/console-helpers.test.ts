import { expect } from '@open-wc/testing';
import { quizLeaderboard } from '../../src/core/leaderboard.js';
import { loadShopProduct, shopHandle } from '../../src/core/shop-catalog.js';
import { connectionReason, connectionView, effectiveConnection } from '../../src/core/console-connection.js';
import { fetchAgoraToken } from '../../src/transports/agora-rtm-token.js';
import type { TransportError } from '../../src/transports/transport.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('quiz leaderboard', () => {
  it('counts right answers over revealed quizzes only, best first, ties by id', () => {
    const answers = new Map([
      ['q1', new Map([['b', 1], ['a', 1], ['c', 0]])],
      ['q2', new Map([['b', 2], ['c', 2]])],
      ['q3', new Map([['c', 1]])], // not revealed yet
    ]);
    expect(quizLeaderboard({ q1: 1, q2: 2 }, answers)).to.deep.equal([
      ['b', 2],
      ['a', 1],
      ['c', 1],
    ]);
    expect(quizLeaderboard({ q1: 1, q2: 2 }, answers, 1)).to.deep.equal([['b', 2]]);
    expect(quizLeaderboard({}, answers)).to.deep.equal([]);
  });
});

describe('shop catalog', () => {
  it('reads /products/<handle>.js into a pinnable product: a variant id, and a plain price with its currency', async () => {
    const asked: string[] = [];
    const product = await loadShopProduct(' Silk-Scarf ', {
      origin: 'https://shop.example',
      currency: 'EUR',
      fetch: async (input) => {
        asked.push(String(input));
        return json({ id: 42, title: 'Silk scarf', price: 4900, available: false, featured_image: '//cdn.example/scarf.jpg' });
      },
    });
    expect(asked).to.deep.equal(['https://shop.example/products/silk-scarf.js']);
    expect(product).to.deep.equal({ id: '42', title: 'Silk scarf', price: '49.00', currency: 'EUR', url: 'https://shop.example/products/silk-scarf', image: 'https://cdn.example/scarf.jpg', soldOut: true });
    const variants = [
      { id: 501, price: 5200, available: false },
      { id: 502, price: 4990, available: true },
    ];
    const shirt = await loadShopProduct('shirt', { origin: 'https://shop.example', currency: 'INR', fetch: async () => json({ id: 7, title: 'Shirt', price: 4990, variants }) });
    expect(shirt.variantId, 'the first available variant').to.equal('502');
    expect(shirt.price, "that variant's price, not formatted in the host's language").to.equal('49.90');
    expect(shirt.currency).to.equal('INR');
  });

  it('refuses a bad handle without a request, and says what the shop answered', async () => {
    let requests = 0;
    const options = (response: Response) => ({ origin: 'https://shop.example', fetch: async () => (requests++, response) });
    expect(shopHandle('../admin')).to.equal(null);
    const failure = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);
    expect(await failure(loadShopProduct('../admin', options(json({}))))).to.match(/not a product handle/);
    expect(requests, 'no request for a bad handle').to.equal(0);
    expect(await failure(loadShopProduct('scarf', options(json({}, 404))))).to.equal('HTTP 404');
    expect(await failure(loadShopProduct('scarf', options(new Response('<html>'))))).to.equal('the shop did not answer JSON');
    expect(await failure(loadShopProduct('scarf', options(json({ title: 'x' }))))).to.equal('the shop did not answer a product');
    const evil = await loadShopProduct('scarf', options(json({ id: 1, title: 'x', price: 100, featured_image: 'javascript:alert(1)' })));
    expect(evil.image, 'only http(s) images').to.equal(undefined);
  });
});

describe('console connection', () => {
  it('names the cause of each transport failure', async () => {
    const forbidden = await fetchAgoraToken('https://shop.example/token', { channel: 'c', role: 'host' }, async () => json({ error: 'wrong key' }, 403)).then(() => null, (error: TransportError) => error);
    const down = await fetchAgoraToken('https://shop.example/token', { channel: 'c', role: 'host' }, async () => json({}, 502)).then(() => null, (error: TransportError) => error);
    const unreachable = await fetchAgoraToken('https://shop.example/token', { channel: 'c', role: 'host' }, async () => {
      throw new TypeError('Failed to fetch');
    }).then(() => null, (error: TransportError) => error);
    expect(connectionReason(forbidden), 'a 403 from the token endpoint').to.equal('forbidden');
    expect(connectionReason(down), 'a 502').to.equal('endpoint');
    expect(connectionReason(unreachable), 'no answer').to.equal('endpoint');
    expect(connectionReason({ code: 'agora-unreachable', message: '' })).to.equal('agora');
    expect(connectionReason({ code: 'sdk-load-failed', message: '' })).to.equal('agora');
    expect(connectionReason({ code: 'agora-credentials', message: '' })).to.equal('credentials');
    expect(connectionReason({ code: 'missing-channel', message: '' })).to.equal('channel');
    expect(connectionReason({ code: 'invalid-channel', message: '' })).to.equal('channel');
    expect(connectionReason({ code: 'transport-failed', message: '' })).to.equal('other');
    expect(connectionReason(null)).to.equal(null);
  });

  it('counts down to a planned retry and drops the error once connected', () => {
    const error = { code: 'agora-unreachable', message: '[linger] Agora is unreachable.' };
    expect(connectionView({ status: 'reconnecting', error, retryAt: 10_500 }, 6_000)).to.deep.equal({ status: 'reconnecting', retryIn: 5, reason: 'agora', detail: 'Agora is unreachable.' });
    expect(connectionView({ status: 'reconnecting', error, retryAt: 5_000 }, 6_000).retryIn, 'due: at least 1').to.equal(1);
    expect(connectionView({ status: 'connected', error, retryAt: null }, 0)).to.deep.equal({ status: 'connected', retryIn: null, reason: null, detail: '' });
    const sessionSays = { status: 'failed' as const, error };
    expect(effectiveConnection({ status: 'idle', error: null, retryAt: null }, sessionSays).status, 'a room that does not track it: the session').to.equal('failed');
    expect(effectiveConnection({ status: 'reconnecting', error, retryAt: 1 }, sessionSays).retryAt, 'the room’s own').to.equal(1);
    expect(effectiveConnection(null, null).status).to.equal('idle');
  });
});
