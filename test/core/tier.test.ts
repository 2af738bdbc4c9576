import { expect, waitUntil } from '@open-wc/testing';
import { signTierClaim, verifyTierClaim } from '../../src/core/tier-claim.js';
import { tierOf } from '../../src/core/state.js';
import { RoomSession } from '../../src/core/session.js';
import { MemoryNetwork } from '../../src/transports/memory.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const keyPair = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('member tiers: signed claims', () => {
  it('verifies an ES256 claim for its viewer and refuses forged, expired and other viewers\u2019 claims', async () => {
    const merchant = await keyPair();
    const forger = await keyPair();
    const token = await signTierClaim(merchant.privateKey, 'viewer-1', { tier: 'vip', name: 'Mai', exp: inAnHour() });
    expect(await verifyTierClaim(token, merchant.publicKey, 'viewer-1', Date.now()), 'the merchant\u2019s claim').to.deep.equal({ tier: 'vip', name: 'Mai' });
    expect(await verifyTierClaim(await signTierClaim(forger.privateKey, 'viewer-1', { tier: 'vip', exp: inAnHour() }), merchant.publicKey, 'viewer-1', Date.now()), 'another key').to.equal('signature');
    expect(await verifyTierClaim(token, merchant.publicKey, 'viewer-2', Date.now()), 'another viewer\u2019s claim').to.equal('other-viewer');
    expect(await verifyTierClaim(await signTierClaim(merchant.privateKey, 'viewer-1', { tier: 'vip', exp: 1 }), merchant.publicKey, 'viewer-1', Date.now()), 'expired').to.equal('expired');
    const [header, , signature] = token.split('.');
    const tampered = `${header}.${btoa(JSON.stringify({ sub: 'viewer-1', tier: 'gold', exp: inAnHour() })).replace(/=+$/, '')}.${signature}`;
    expect(await verifyTierClaim(tampered, merchant.publicKey, 'viewer-1', Date.now()), 'a changed tier breaks the signature').to.equal('signature');
    expect(await verifyTierClaim('<script>.x.y', merchant.publicKey, 'viewer-1', Date.now()), 'not a token').to.equal('malformed');
  });

  it('the host verifies claims sent with hello, shows the tier on every screen, ignores and counts bad ones; a tier-only lottery and vote refuse the untiered with a receipt', async function () {
    this.timeout(60_000);
    const merchant = await keyPair();
    const forger = await keyPair();
    const jwk = await crypto.subtle.exportKey('jwk', merchant.publicKey);
    const network = new MemoryNetwork();
    const host = new RoomSession({ transport: network.connect('host-1'), hosts: ['host-1'], tierKey: JSON.stringify(jwk) });
    await host.connect();
    const claims: Array<[string, string | undefined]> = [
      ['vip-1', await signTierClaim(merchant.privateKey, 'vip-1', { tier: 'vip', exp: inAnHour() })],
      ['forged-1', await signTierClaim(forger.privateKey, 'forged-1', { tier: 'vip', exp: inAnHour() })],
      ['expired-1', await signTierClaim(merchant.privateKey, 'expired-1', { tier: 'vip', exp: Math.floor(Date.now() / 1000) - 60 })],
      // vip-1's claim replayed by someone else.
      ['thief-1', await signTierClaim(merchant.privateKey, 'vip-1', { tier: 'vip', exp: inAnHour() })],
      ['plain-1', undefined],
    ];
    const viewers: RoomSession[] = [];
    try {
      for (const [id, claim] of claims) {
        const viewer = new RoomSession({ transport: network.connect(id), hosts: ['host-1'], ...(claim ? { tierClaim: claim } : {}) });
        await viewer.connect();
        viewers.push(viewer);
      }
      await until(() => host.ledger.tierRefusals.signature + host.ledger.tierRefusals.expired + host.ledger.tierRefusals['other-viewer'] === 3 && host.ledger.tiers.size === 1, 'every claim judged');
      expect([...host.ledger.tiers], 'only the merchant\u2019s claim for its own viewer counts').to.deep.equal([['vip-1', 'vip']]);
      expect(host.ledger.tierRefusals, 'ignored claims counted by reason').to.deep.equal({ malformed: 0, signature: 1, expired: 1, 'other-viewer': 1 });
      await until(() => viewers.every((viewer) => tierOf(viewer.state, 'vip-1') === 'vip'), 'every screen knows vip-1 is a vip (badge)');
      expect(viewers.every((viewer) => viewer.state.tiers!.length === 1), 'and nobody else').to.equal(true);

      await host.openLottery({ id: 'lot-vip', mode: 'tap', prize: 'Members gift', winners: 1, seconds: 3600, eligibility: { tier: 'vip' } });
      await until(() => viewers.every((viewer) => viewer.state.lottery?.id === 'lot-vip'), 'lottery open everywhere');
      viewers.forEach((viewer) => viewer.enter('lot-vip'));
      await until(() => viewers.every((viewer) => ['in', 'tier'].includes(viewer.viewer.entries['lot-vip'] ?? '')), 'every entry answered');
      expect(viewers.map((viewer) => viewer.viewer.entries['lot-vip']), 'only the verified vip is in; the rest are refused as not of the tier').to.deep.equal(['in', 'tier', 'tier', 'tier', 'tier']);
      expect(host.ledger.sortedEntrants('lot-vip'), 'one entrant').to.deep.equal(['vip-1']);

      // A perk in the schedule for one tier: the host refuses other viewers' claims with a receipt.
      const at = host.clock.now() - 1000;
      host.act('schedule', { perks: [{ id: 'perk-vip', kind: 'first-n', at, lead: 60, prompt: '', title: 'Members gift', tier: 'vip' }] });
      host.act('perk.drop', { id: 'perk-vip', title: 'Members gift', remaining: 10 });
      await until(() => viewers.every((viewer) => viewer.state.perk?.id === 'perk-vip' && viewer.state.schedule[0]?.tier === 'vip'), 'tier-only perk on every screen');
      viewers.forEach((viewer) => viewer.claim('perk-vip'));
      await until(() => viewers.every((viewer) => ['ok', 'rejected'].includes(viewer.viewer.claims['perk-vip']?.status ?? '')), 'every claim answered');
      expect(viewers.map((viewer) => viewer.viewer.claims['perk-vip']!.reason ?? 'ok'), 'only the verified vip claims it').to.deep.equal(['ok', 'tier', 'tier', 'tier', 'tier']);
      expect(host.ledger.remaining('perk-vip'), 'one taken').to.equal(9);

      // Votes take the same rules: a tier, and a watch time (self-reported by the player).
      await host.openVote({ id: 'vote-vip', question: 'Next?', options: ['Bag', 'Hat'], seconds: 3600, eligibility: { tier: 'vip' } });
      await until(() => viewers.every((viewer) => viewer.state.vote?.id === 'vote-vip'), 'vote open everywhere');
      viewers.forEach((viewer) => viewer.castVote('vote-vip', 0));
      await until(() => viewers.every((viewer) => ['counted', 'rejected'].includes(viewer.viewer.votes['vote-vip']?.status ?? '')), 'every vote answered');
      expect(viewers.map((viewer) => viewer.viewer.votes['vote-vip']!.reason ?? 'counted'), 'only the vip counted; the rest refused as not of the tier').to.deep.equal(['counted', 'tier', 'tier', 'tier', 'tier']);
      await host.closeVote();
      await host.openVote({ id: 'vote-watch', question: 'Next?', options: ['Bag', 'Hat'], seconds: 3600, eligibility: { minWatchMinutes: 1 } });
      await until(() => viewers.every((viewer) => viewer.state.vote?.id === 'vote-watch'), 'second vote open everywhere');
      viewers[0]!.track('heartbeat', { seconds: 60 });
      viewers[0]!.castVote('vote-watch', 1);
      viewers[1]!.castVote('vote-watch', 1);
      await until(() => viewers[0]!.viewer.votes['vote-watch']?.status === 'counted' && viewers[1]!.viewer.votes['vote-watch']?.status === 'rejected', 'watched enough, and not');
      expect(viewers[1]!.viewer.votes['vote-watch']!.reason, 'refused as ineligible').to.equal('ineligible');
    } finally {
      await Promise.all([host, ...viewers].map((session) => session.close()));
    }
  });
});
