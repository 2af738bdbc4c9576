/** The rhythm plan's per-step member tier (docs/tiers.md § Tier-only perks), from the console to the host's refusal. */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import { RoomSession } from '../../../src/core/session.js';
import { consoleOnMemory } from './console-rig.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 20_000, interval: 20 });
const button = (root: ParentNode, label: string) => [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label);

describe('<linger-host-console> tier-only perks', () => {
  it('a step set to a tier publishes it with the schedule and the drop; the host refuses the untiered, a member claims', async function () {
    this.timeout(60_000);
    const channel = 'hc-tier-perk';
    const { network, wrapper, room, console } = await consoleOnMemory(channel);
    const root = console.shadowRoot!;
    await until(() => room.session?.$status.get() === 'connected', 'room connected');
    const viewers = [new RoomSession({ transport: network.connect('member-1'), hosts: ['host-1'] }), new RoomSession({ transport: network.connect('plain-1'), hosts: ['host-1'] })];
    try {
      await Promise.all(viewers.map((viewer) => viewer.connect()));
      await until(() => button(root, 'Go live'), 'console ready');
      button(root, 'Go live')!.click();
      await until(() => viewers.every((viewer) => viewer.state.show.phase === 'live'), 'live');
      button(root, 'Plan the show')!.click();
      await console.updateComplete;
      const step = [...root.querySelectorAll('.step')].find((candidate) => candidate.querySelector('select')!.value === 'first-n')!;
      const tier = step.querySelector<HTMLInputElement>('input[name="tier"]')!;
      tier.value = 'vip';
      tier.dispatchEvent(new Event('change'));
      await console.updateComplete;
      button(root, 'Publish schedule')!.click();
      await until(() => viewers.every((viewer) => viewer.state.schedule.some((perk) => perk.kind === 'first-n' && perk.tier === 'vip')), 'the tier is on every schedule');
      expect(viewers[0]!.state.schedule.filter((perk) => perk.tier).length, 'only that step').to.equal(1);

      // member-1's tier as the host verified it from the merchant's claim (test/core/tier.test.ts signs one).
      room.session!.ledger.tiers.set('member-1', 'vip');
      room.session!.act('tier', { viewer: 'member-1', tier: 'vip' });
      const fresh = [...root.querySelectorAll('.step')].find((candidate) => candidate.querySelector('select')!.value === 'first-n')!;
      button(fresh, 'Fire now')!.click();
      await until(() => viewers.every((viewer) => viewer.state.perk?.tier === 'vip'), 'the drop carries the tier');
      const perkId = viewers[0]!.state.perk!.id;
      viewers.forEach((viewer) => viewer.claim(perkId));
      await until(() => viewers.every((viewer) => ['ok', 'rejected'].includes(viewer.viewer.claims[perkId]?.status ?? '')), 'both answered');
      expect(viewers.map((viewer) => viewer.viewer.claims[perkId]!.reason ?? 'ok')).to.deep.equal(['ok', 'tier']);
    } finally {
      await Promise.all(viewers.map((viewer) => viewer.close()));
      wrapper.remove();
    }
  });
});
