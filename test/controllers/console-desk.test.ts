import { expect } from '@open-wc/testing';
import { ConsoleDeskStore, SECRETS_EVERY_MS, type SecretsSession } from '../../src/controllers/console-desk.js';
import { deskKey, keptSecrets, loadDesk, nextQuestion, saveDesk, KEPT_SECRETS, type HostSecrets } from '../../src/core/console-desk.js';

/** A Storage over a Map (the desk takes any Storage). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

/** A host session with an open lottery, a seed and two entrants. */
function hostSession(seed?: string) {
  const restored: Array<[string, unknown]> = [];
  const secrets = new Map<string, HostSecrets>(seed ? [['lot-1', { seed, entrants: ['v1', 'v2'], answers: [] }]] : []);
  const session = {
    state: { lottery: { id: 'lot-1', status: 'open' }, quiz: null },
    hostSecrets: (id: string) => secrets.get(id) ?? { entrants: [], answers: [] },
    restoreHostSecrets: (id: string, saved: unknown) => restored.push([id, saved]),
  } as unknown as SecretsSession;
  return { session, restored, secrets };
}

describe('console desk', () => {
  it('loads what was saved per channel and reads a damaged desk as empty', () => {
    const storage = memoryStorage();
    saveDesk('spring', { plan: [], fired: ['a'], products: [{ id: 'p', title: 'Scarf' }], extra: { bank: [] } }, storage);
    expect(loadDesk('spring', storage)).to.deep.equal({ plan: [], fired: ['a'], products: [{ id: 'p', title: 'Scarf' }], extra: { bank: [] } });
    expect(loadDesk('autumn', storage).fired, 'another channel').to.deep.equal([]);
    storage.setItem(deskKey('broken'), '{"plan": 3, "fired": [1, "x"], "extra": []');
    expect(loadDesk('broken', storage), 'not JSON').to.deep.equal({ plan: [], fired: [], products: [], extra: {} });
    storage.setItem(deskKey('odd'), '{"plan": 3, "fired": [1, "x"], "products": [null, {"id": "p"}], "extra": []}');
    expect(loadDesk('odd', storage)).to.deep.equal({ plan: [], fired: ['x'], products: [{ id: 'p' }], extra: {} });
    expect(loadDesk('none', null), 'no storage at all').to.deep.equal({ plan: [], fired: [], products: [], extra: {} });
  });

  it('the next planned quiz is the first question not asked yet', () => {
    const bank = [1, 2].map((n) => ({ question: `Q${n}`, options: ['a', 'b'], correct: 0, explanation: '', seconds: 30 }));
    expect(nextQuestion({ plan: [], fired: [], products: [], extra: { bank, asked: ['Q1'] } })?.question).to.equal('Q2');
    expect(nextQuestion({ plan: [], fired: [], products: [], extra: { bank, asked: ['Q1', 'Q2'] } })).to.equal(undefined);
  });

  it('keeps the open lottery’s secrets, forgets a drawn one, keeps the newest five', () => {
    const secretsOf = (id: string): HostSecrets => ({ seed: `seed-${id}`, entrants: [], answers: [] });
    const kept = keptSecrets({}, { lottery: { id: 'l1', done: false }, quiz: null, secretsOf });
    expect(kept).to.deep.equal({ l1: secretsOf('l1') });
    expect(keptSecrets(kept!, { lottery: { id: 'l1', done: false }, secretsOf }), 'unchanged').to.equal(null);
    expect(keptSecrets(kept!, { lottery: { id: 'l1', done: true }, secretsOf }), 'drawn').to.deep.equal({});
    expect(keptSecrets({}, { lottery: { id: 'l2', done: false }, secretsOf: () => ({ entrants: [], answers: [] }) }), 'nothing secret yet').to.equal(null);
    const many = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`old${n}`, secretsOf(`old${n}`)]));
    expect(Object.keys(keptSecrets(many, { quiz: { id: 'q', done: false }, secretsOf })!)).to.have.length(KEPT_SECRETS);
  });

  it('the store saves on change, copies a seed at most every 2 s (or at once when told), and hands it to a reloaded session once', () => {
    const storage = memoryStorage();
    let changes = 0;
    const store = new ConsoleDeskStore(() => changes++, storage);
    store.open('show');
    store.markFired('a');
    store.markFired('a');
    expect(loadDesk('show', storage).fired, 'saved, once').to.deep.equal(['a']);
    expect(changes).to.be.greaterThan(0);

    const host = hostSession('s3cret');
    store.keepSecrets(host.session, 1000);
    expect(loadDesk('show', storage).extra['secrets']).to.deep.equal({ 'lot-1': { seed: 's3cret', entrants: ['v1', 'v2'], answers: [] } });
    host.secrets.set('lot-1', { seed: 's3cret', entrants: ['v1', 'v2', 'v3'], answers: [] });
    store.keepSecrets(host.session, 1000 + SECRETS_EVERY_MS - 1);
    expect((loadDesk('show', storage).extra['secrets'] as Record<string, HostSecrets>)['lot-1']!.entrants, 'not yet').to.have.length(2);
    store.keepSecrets(host.session, 1000 + SECRETS_EVERY_MS - 1, true);
    expect((loadDesk('show', storage).extra['secrets'] as Record<string, HostSecrets>)['lot-1']!.entrants, 'forced').to.have.length(3);

    // The host tab reloads: a new store, a new session without the seed.
    const reloaded = new ConsoleDeskStore(() => {}, storage);
    reloaded.open('show');
    const fresh = hostSession();
    reloaded.restoreSecrets(fresh.session);
    reloaded.restoreSecrets(fresh.session);
    expect(fresh.restored, 'handed back once').to.deep.equal([['lot-1', { seed: 's3cret', entrants: ['v1', 'v2', 'v3'], answers: [] }]]);
    const live = hostSession('own-seed');
    reloaded.open('show'); // a new session of the same channel: offered again…
    reloaded.restoreSecrets(live.session);
    expect(live.restored, '…but a session that has its own seed keeps it').to.deep.equal([]);
  });
});
