// Co-hosting on Agora through the SDK-boundary fake (test/fakes/agora-rtc-fake.ts): the guest's own
// player client switches to the host role with the guest token the endpoint issues only after the
// host's invitation, publishes, and unpublishes when the host removes it; every other player keeps
// the host in its box and shows the guest in a stage tile.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/overlay/linger-overlay.js';
import '../../../src/elements/studio/linger-studio.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import type { LingerStudio } from '../../../src/elements/studio/studio.js';
import type { RoomMedia } from '../../../src/core/registry.js';
import { recordStageInvitation, type AgoraTokens } from '../../../src/transports/agora-rtm-token.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { FakeRtcCloud, type FakeRtcClient } from '../../fakes/agora-rtc-fake.js';

const wait = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 30_000, interval: 50 });
const shadow = (element: HTMLElement) => element.shadowRoot!;
const part = (element: HTMLElement, name: string) => shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);

/** The token endpoint's contract (docs/tokens.md § Co-hosting), in memory: a guest token only after the host's invitation. */
class Endpoint {
  readonly invited = new Set<string>();
  readonly asked: string[] = [];
  media(room: LingerRoom, user: string): void {
    const answer = (rtcToken: string): AgoraTokens => ({ uid: user, rtmToken: `rtm-${user}`, rtcToken, expiresAt: Date.now() / 1000 + 3600 });
    const media: RoomMedia = {
      appId: 'a'.repeat(32),
      channel: 'spring-sale',
      tokens: async () => answer(user.startsWith('host') ? `publisher-${user}` : `subscriber-${user}`),
      guestTokens: async () => {
        this.asked.push(user);
        if (!this.invited.has(user)) throw new Error('403: not invited on stage');
        return answer(`guest-${user}`);
      },
    };
    Object.defineProperty(room, 'media', { configurable: true, get: () => media });
  }
}

describe('co-hosting on Agora (SDK-boundary fake)', () => {
  it('the invited guest switches its client to host with its guest token, publishes, and unpublishes on remove', async function () {
    this.timeout(120_000);
    const network = new MemoryNetwork();
    const cloud = new FakeRtcCloud();
    const endpoint = new Endpoint();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 720px"></div>`);
    const room = (user: string) => {
      const element = document.createElement('linger-room');
      element.hosts = 'host-1';
      element.channel = 'spring-sale';
      element.customTransport = network.connect(user);
      endpoint.media(element, user);
      return element;
    };
    const hostRoom = room('host-1');
    const studio = document.createElement('linger-studio') as LingerStudio;
    studio.loadSdk = cloud.loader();
    hostRoom.append(studio);
    const guestRoom = room('viewer-1');
    const guestPlayer = document.createElement('linger-player') as LingerPlayer;
    guestPlayer.loadSdk = cloud.loader();
    const overlay = document.createElement('linger-overlay') as LingerOverlay;
    overlay.name = 'Mia';
    guestRoom.append(guestPlayer, overlay);
    const watcherRoom = room('viewer-2');
    const watcher = document.createElement('linger-player') as LingerPlayer;
    watcher.loadSdk = cloud.loader();
    watcherRoom.append(watcher);
    wrapper.append(hostRoom, guestRoom, watcherRoom);
    try {
      await wait(() => [hostRoom, guestRoom, watcherRoom].every((element) => element.session?.$status.get() === 'connected'), 'rooms connect');
      const host = hostRoom.session!;
      // The console records invitations with the endpoint (src/elements/host-console/host-console.ts); here, the same hook.
      host.stage.beforeInvite = async (viewer) => void endpoint.invited.add(viewer);
      host.stage.afterLeave = (viewer) => void endpoint.invited.delete(viewer);
      host.act('show', { phase: 'live' });
      await studio.studio.start();
      await studio.studio.goLive();
      await wait(() => watcher.status === 'live' && guestPlayer.status === 'live', 'both players play the host over Agora');
      const guestClient = () => cloud.clients.find((client) => client.calls.some(([name, , , , uid]) => name === 'join' && uid === 'viewer-1')) as FakeRtcClient;
      expect(guestClient().role, 'the guest starts in the audience').to.equal('audience');

      // Not invited: no guest token, so nothing to publish with.
      await expectRejected(guestRoom.media!.guestTokens!(), 'an uninvited viewer gets no guest token');

      host.stage.setOpen(true);
      await wait(() => part(overlay, 'stage-ask'), 'Ask to join');
      part(overlay, 'stage-ask')!.click();
      await wait(() => part(overlay, 'stage-send'), 'the ask form');
      part(overlay, 'stage-send')!.click();
      await wait(() => host.stage.$queue.get().length === 1, 'queued');
      expect(await host.stage.invite('viewer-1'), 'invited (recorded with the endpoint first)').to.equal(true);
      expect([...endpoint.invited], 'the endpoint has the invitation').to.deep.equal(['viewer-1']);
      await wait(() => part(overlay, 'stage-check'), 'consent dialog');
      part(overlay, 'stage-check')!.click();
      await wait(() => part(overlay, 'stage-accept'), 'devices checked');
      part(overlay, 'stage-accept')!.click();

      await wait(() => cloud.published.get('viewer-1')?.size === 2, 'the guest publishes camera and microphone into the channel');
      const client = guestClient();
      const stageCalls = client.calls.filter(([name]) => ['renewToken', 'setClientRole', 'publish'].includes(name)).slice(-3);
      expect(stageCalls[0], 'its guest token first').to.deep.equal(['renewToken', 'guest-viewer-1']);
      expect(stageCalls[1]!.slice(0, 2), 'then the host role').to.deep.equal(['setClientRole', 'host']);
      expect(stageCalls[2]![0], 'then publish').to.equal('publish');
      expect(cloud.clients.filter((entry) => entry.calls.some(([name, , , , uid]) => name === 'join' && uid === 'viewer-1')).length, 'on its one client: no second join with its uid').to.equal(1);

      await wait(() => shadow(watcher).querySelector('.agora-video video[data-fake-uid="viewer-1"]'), 'the watcher plays the guest in a stage tile');
      expect(shadow(watcher).querySelector('.rtc video')?.getAttribute('data-fake-uid'), 'the host stays in the main box').to.equal('host-1');
      expect(shadow(watcher).querySelector('[part~="stage-name"] bdi')?.textContent, 'with the guest’s name').to.equal('Mia');

      host.stage.remove('viewer-1');
      await wait(() => (cloud.published.get('viewer-1')?.size ?? 0) === 0, 'removed: the guest unpublishes');
      await wait(() => client.role === 'audience', 'and is back in the audience');
      await wait(() => client.calls.filter(([name]) => name === 'renewToken').at(-1)?.[1] === 'subscriber-viewer-1', 'with a viewer’s token again');
      expect(endpoint.invited.size, 'the console took the invitation back').to.equal(0);
      await wait(() => !shadow(watcher).querySelector('[part~="stage-tile"]'), 'the watcher is back to the host alone');
      expect(shadow(watcher).querySelector('.rtc video')?.getAttribute('data-fake-uid'), 'still the host').to.equal('host-1');
    } finally {
      await studio.studio.stop();
      wrapper.remove();
    }
  });
});

describe('recordStageInvitation (the console → token endpoint)', () => {
  it('asks as the host, keeps the host URL’s own query (the staff check), names the viewer; a refusal rejects', async () => {
    const urls: URL[] = [];
    const answer = (status: number) => async (input: RequestInfo | URL) => {
      urls.push(new URL(String(input)));
      return new Response(JSON.stringify(status === 200 ? { invited: 'v-x' } : { error: 'no' }), { status, headers: { 'content-type': 'application/json' } });
    };
    await recordStageInvitation('https://shop.example/api/token?key=secret', { channel: 'spring-sale', uid: 'host-1', viewer: 'v-abcdefgh12345678' }, answer(200));
    await recordStageInvitation('https://shop.example/api/token?key=secret', { channel: 'spring-sale', uid: 'host-1', viewer: 'v-abcdefgh12345678', revoke: true }, answer(200));
    expect(Object.fromEntries(urls[0]!.searchParams), 'invite').to.deep.equal({ key: 'secret', channel: 'spring-sale', uid: 'host-1', role: 'host', invite: 'v-abcdefgh12345678' });
    expect(Object.fromEntries(urls[1]!.searchParams), 'uninvite').to.deep.equal({ key: 'secret', channel: 'spring-sale', uid: 'host-1', role: 'host', uninvite: 'v-abcdefgh12345678' });
    let code = '';
    await recordStageInvitation('https://shop.example/api/token', { channel: 'spring-sale', uid: 'host-1', viewer: 'v-abcdefgh12345678' }, answer(403)).catch((error: { code: string }) => (code = error.code));
    expect(code, 'a refused invitation rejects, so the invitation does not go out').to.equal('token-forbidden');
  });
});

async function expectRejected(promise: Promise<unknown>, message: string): Promise<void> {
  let rejected = false;
  await promise.catch(() => (rejected = true));
  expect(rejected, message).to.equal(true);
}
