// Co-hosting (docs/studio.md § Co-hosting): the host alone decides who is on stage.
import { expect, waitUntil } from '@open-wc/testing';
import { MAX_GUESTS, PROTOCOL_VERSION } from '../../src/core/protocol.js';
import type { RoomSession } from '../../src/core/session.js';
import { startShow } from '../helpers/show.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const guestsOn = (session: RoomSession) => session.state.stage?.guests.map((guest) => guest.id) ?? [];

/** A raw envelope, sent the way a modified client would: straight onto its transport. */
function forge(session: RoomSession, type: string, body: unknown, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ v: PROTOCOL_VERSION, type, id: `f${Math.random().toString(36).slice(2, 10)}`, at: Date.now(), body, ...extra, room: session.transport.channel });
}

describe('co-hosting: the stage', () => {
  it('ask → queue → invite → accept → on stage on every screen; mute; remove; leave', async function () {
    this.timeout(60_000);
    const show = await startShow(3);
    const { host, viewers } = show;
    const [guest, other, watcher] = viewers as [RoomSession, RoomSession, RoomSession];
    try {
      expect(host.state.stage, 'the stage starts closed and empty').to.deep.equal({ open: false, guests: [] });
      expect(guest.stage.ask({ name: 'Mia' }), 'asks are off by default: nothing is sent').to.equal(false);

      host.stage.setOpen(true);
      await until(() => viewers.every((viewer) => viewer.state.stage?.open), 'asks open on every screen');
      expect(guest.stage.ask({ name: 'Mia', text: 'Can I show my outfit?' }), 'ask sent').to.equal(true);
      await until(() => host.stage.$queue.get().length === 1, 'the host queues the ask');
      expect(host.stage.$queue.get()[0], 'with the name and text').to.include({ id: 'viewer-0', name: 'Mia', text: 'Can I show my outfit?' });

      // An accept without an invitation changes nothing.
      expect(other.stage.accept('Sneaky'), 'no invitation: the element has nothing to accept').to.equal(false);
      await other.transport.sendTo('host-1', forge(other, 'stage.accept', { name: 'Sneaky' }));
      expect(await host.stage.invite('viewer-0'), 'invited').to.equal(true);
      await until(() => guest.stage.$mine.get().invitedBy === 'host-1', 'the guest sees its invitation');
      expect(host.stage.$queue.get(), 'the invited viewer leaves the queue').to.deep.equal([]);
      expect(guest.stage.accept('Mia'), 'accepted').to.equal(true);
      await until(() => viewers.every((viewer) => guestsOn(viewer).join() === 'viewer-0'), 'the guest is on stage on every screen');
      expect(guestsOn(host), 'only the invited viewer, never the uninvited accept').to.deep.equal(['viewer-0']);
      expect(watcher.state.stage?.guests[0]?.name, 'with its name').to.equal('Mia');
      expect(guest.stage.onStage, 'the guest knows').to.equal(true);

      host.stage.mute('viewer-0', true);
      await until(() => viewers.every((viewer) => viewer.state.stage?.guests[0]?.muted === true), 'muted on every screen');
      host.stage.mute('viewer-0', false);
      await until(() => viewers.every((viewer) => viewer.state.stage?.guests[0]?.muted === undefined), 'unmuted');

      host.stage.remove('viewer-0');
      await until(() => viewers.every((viewer) => guestsOn(viewer).length === 0), 'removed: back to the host alone');
      await until(() => guest.stage.$mine.get().invitedBy === null, 'the removed guest is back to watching');
      await guest.transport.sendTo('host-1', forge(guest, 'stage.accept', {}));
      await other.transport.sendTo('host-1', forge(other, 'stage.beat', {}));
      expect(guestsOn(host), 'an accept after removal does not bring it back').to.deep.equal([]);

      expect(await host.stage.invite('viewer-1'), 'invite another').to.equal(true);
      await until(() => other.stage.$mine.get().invitedBy === 'host-1', 'invited');
      other.stage.accept();
      await until(() => guestsOn(watcher).join() === 'viewer-1', 'on stage');
      other.stage.leave();
      await until(() => viewers.every((viewer) => guestsOn(viewer).length === 0), 'a guest leaves by itself');
    } finally {
      await show.close();
    }
  });

  it('forged stage messages from a viewer are dropped by every screen', async function () {
    this.timeout(60_000);
    const show = await startShow(2);
    const { host, viewers } = show;
    const [forger, watcher] = viewers as [RoomSession, RoomSession];
    try {
      host.stage.setOpen(true);
      await until(() => watcher.state.stage?.open, 'open');
      const before = watcher.stats.dropped.unauthorized;
      // The whole stage, with the forger on it, as a host message; and an invitation to itself.
      const stage = { open: true, guests: [{ id: 'viewer-0', name: 'Host (official)' }] };
      await forger.transport.publish(forge(forger, 'stage', stage, { seq: watcher.state.hostSeq + 1, ep: watcher.state.epoch }));
      await forger.transport.sendTo('viewer-1', forge(forger, 'stage.invite', {}));
      await forger.transport.sendTo('viewer-0', forge(forger, 'stage.invite', {}));
      await until(() => watcher.stats.dropped.unauthorized >= before + 2, 'dropped as unauthorized');
      expect(guestsOn(watcher), 'nobody on stage').to.deep.equal([]);
      expect(guestsOn(host), 'not on the host either').to.deep.equal([]);
      expect(watcher.stage.$mine.get().invitedBy, 'a viewer cannot invite another').to.equal(null);
      expect(forger.stage.$mine.get().invitedBy, 'nor itself').to.equal(null);
      expect(() => forger.act('stage', stage), 'a viewer session refuses to act').to.throw(/not a host/);
    } finally {
      await show.close();
    }
  });

  it('at most three guests; asks only while open; a silent guest leaves the stage within seconds', async function () {
    this.timeout(60_000);
    const show = await startShow(4);
    const { host, viewers } = show;
    try {
      viewers[3]!.stage.ask({ name: 'early' });
      for (let i = 0; i < MAX_GUESTS; i++) expect(await host.stage.invite(`viewer-${i}`), `invite ${i}`).to.equal(true);
      expect(await host.stage.invite('viewer-3'), 'a fourth invitation is refused').to.equal(false);
      expect(await host.stage.invite('host-1'), 'a host is never a guest').to.equal(false);
      expect(host.stage.$queue.get(), 'an ask while asks are closed is not queued').to.deep.equal([]);
      await until(() => viewers.slice(0, 3).every((viewer) => viewer.stage.$mine.get().invitedBy), 'three invited');
      for (const viewer of viewers.slice(0, 3)) viewer.stage.accept();
      await until(() => guestsOn(viewers[3]!).length === 3, 'three guests on stage');

      // Guest 0's tab closes: it stops beating, and the host takes it off every screen.
      await viewers[0]!.close();
      await until(() => guestsOn(viewers[3]!).join() === 'viewer-1,viewer-2', 'the silent guest is removed');
      expect(guestsOn(host), 'the others stay').to.deep.equal(['viewer-1', 'viewer-2']);
    } finally {
      await show.close();
    }
  });
});
