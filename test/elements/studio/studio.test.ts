import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/player/linger-player.js';
import '../../../src/elements/studio/linger-studio.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import type { LingerPlayer } from '../../../src/elements/player/player.js';
import type { LingerStudio } from '../../../src/elements/studio/studio.js';
import { translation } from '../../../src/elements/studio/studio.strings.js';
import ar from '../../../src/elements/studio/locales/ar.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import type { LocalBroadcaster } from '../../../src/media/local-broadcast.js';
import { RoomSession } from '../../../src/core/session.js';
import { parseMessage } from '../../../src/core/protocol.js';
import { expectCompleteTranslation } from '../../helpers/i18n.js';
import { FakeRtcCloud, type FakeRtcClient } from '../../fakes/agora-rtc-fake.js';
import type { RoomMedia } from '../../../src/core/registry.js';
import { LOW_STREAM } from '../../../src/media/agora-publish.js';

/** Hands a room Agora media settings (as a room with an app id does), with the tokens its endpoint would answer. */
function stubMedia(room: LingerRoom, user: string, tokenCalls: string[]): void {
  const media: RoomMedia = {
    appId: 'a'.repeat(32),
    channel: 'spring-sale',
    tokens: async () => {
      tokenCalls.push(user);
      // The endpoint signs RtcRole.PUBLISHER for host ids only (docs/tokens.md).
      return { uid: user, rtmToken: `rtm-${user}`, rtcToken: user.startsWith('host') ? `publisher-${user}` : `subscriber-${user}`, expiresAt: Date.now() / 1000 + 3600 };
    },
  };
  Object.defineProperty(room, 'media', { configurable: true, get: () => media });
}

const en = translation.en;
const shadow = (element: HTMLElement) => element.shadowRoot!;
const problems = (studio: LingerStudio) => [...shadow(studio).querySelectorAll('[part=problem]')].map((node) => node.textContent?.trim());
const button = (studio: LingerStudio, name: string) => shadow(studio).querySelector<HTMLButtonElement>(`[part~=${name}]`);

interface Rig {
  network: MemoryNetwork;
  wrapper: HTMLElement;
  hostRoom: LingerRoom;
  studio: LingerStudio;
  player: LingerPlayer;
}

/** A host room with `<linger-studio>` and a viewer room with `<linger-player>` on one memory network: the local path, no cloud. */
async function rig(options: { hostUser?: string } = {}): Promise<Rig> {
  const network = new MemoryNetwork();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="inline-size: 480px"></div>`);
  const room = (user: string) => {
    const element = document.createElement('linger-room');
    element.id = `room-${user}`;
    element.hosts = 'host-1';
    element.channel = 'spring-sale';
    element.customTransport = network.connect(user);
    return element;
  };
  const hostRoom = room(options.hostUser ?? 'host-1');
  const studio = document.createElement('linger-studio');
  hostRoom.append(studio);
  const viewerRoom = room('viewer-1');
  const player = document.createElement('linger-player');
  viewerRoom.append(player);
  wrapper.append(hostRoom, viewerRoom);
  await waitUntil(() => hostRoom.session?.$status.get() === 'connected' && viewerRoom.session?.$status.get() === 'connected', 'both rooms connect');
  return { network, wrapper, hostRoom, studio, player };
}

/** The video the player plays the host's stream in. */
const liveVideo = (player: LingerPlayer) => shadow(player).querySelector<HTMLVideoElement>('.rtc video');

/** Resolves after `count` new frames were presented in `video` (requestVideoFrameCallback). */
function framesAdvance(video: HTMLVideoElement, count = 3): Promise<number[]> {
  return new Promise((resolve) => {
    const seen: number[] = [];
    const next = () =>
      video.requestVideoFrameCallback((_now, metadata) => {
        seen.push(metadata.presentedFrames);
        if (seen.length >= count) resolve(seen);
        else next();
      });
    next();
  });
}

async function expectPlaying(player: LingerPlayer): Promise<HTMLVideoElement> {
  await waitUntil(() => (liveVideo(player)?.videoWidth ?? 0) > 0, 'the player shows the host’s camera', { timeout: 20_000 });
  const video = liveVideo(player)!;
  const frames = await framesAdvance(video);
  expect(frames[frames.length - 1]! > frames[0]!, `frames advance (${frames.join(', ')})`).to.equal(true);
  return video;
}

describe('<linger-studio>', () => {
  let current: Rig | null = null;
  const realGetUserMedia = navigator.mediaDevices.getUserMedia;

  afterEach(async () => {
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
    if (current) {
      await current.studio.studio.stop();
      current.wrapper.remove();
      current = null;
    }
  });

  it('ships every string in all ten languages', async () => {
    await expectCompleteTranslation(translation);
  });

  it('goes live: the storefront player in another room plays the host’s camera over the local path', async () => {
    const { studio, player, hostRoom } = (current = await rig());
    button(studio, 'start')!.click();
    await waitUntil(() => studio.studio.phase === 'ready', 'preview on');
    const preview = shadow(studio).querySelector<HTMLVideoElement>('[part=preview]')!;
    await waitUntil(() => preview.videoWidth > 0, 'the preview shows the camera');
    expect(studio.studio.cameras.length, 'the camera picker lists the fake camera').to.be.greaterThan(0);
    expect(shadow(studio).querySelector('select[name=camera]'), 'camera picker').to.not.equal(null);
    expect(shadow(studio).querySelector('select[name=microphone]'), 'microphone picker').to.not.equal(null);
    expect(liveVideo(player), 'nothing plays before the host goes live').to.equal(null);

    button(studio, 'go-live')!.click();
    await waitUntil(() => studio.studio.phase === 'live', 'on air');
    expect(hostRoom.session!.state.show).to.include({ phase: 'live', onAir: true });
    await expectPlaying(player);
    await waitUntil(() => player.status === 'live', 'the player says LIVE');
    await waitUntil(() => shadow(studio).querySelector('[part=watching]')?.textContent?.includes('1'), 'the desk counts one viewer');
    expect(shadow(studio).querySelector('[part=badge]')!.textContent).to.equal(en.onAir);

    button(studio, 'end')!.click();
    await waitUntil(() => studio.studio.phase === 'ready', 'off air');
    expect(hostRoom.session!.state.show.onAir).to.equal(false);
    await waitUntil(() => liveVideo(player) === null, 'the player lets go of the stream');
  });

  it('switching the camera keeps the viewer’s connection and its frames coming', async () => {
    const { studio, player } = (current = await rig());
    await studio.studio.goLive();
    expect(studio.studio.phase).to.equal('live');
    const video = await expectPlaying(player);
    const publisher = studio.studio.publisher as LocalBroadcaster;
    const connection = publisher.connectionTo('viewer-1')!;
    const before = studio.studio.stream!.getVideoTracks()[0]!;
    const stream = video.srcObject;

    await studio.studio.useDevice('camera', studio.studio.cameras[studio.studio.cameras.length - 1]!.deviceId);
    const after = studio.studio.stream!.getVideoTracks()[0]!;
    expect(after.id, 'a new camera track').to.not.equal(before.id);
    expect(before.readyState, 'the old camera is released').to.equal('ended');
    expect(publisher.connectionTo('viewer-1'), 'the same RTCPeerConnection').to.equal(connection);
    expect(connection.getSenders().some((sender) => sender.track === after), 'the new track is on the connection').to.equal(true);
    expect(liveVideo(player), 'the same video element').to.equal(video);
    expect(video.srcObject, 'the same stream on the viewer').to.equal(stream);
    await framesAdvance(video);
    expect(connection.connectionState).to.equal('connected');
  });

  it('shares a screen in place of the camera on the same connection, and goes back to the camera', async () => {
    // The browser's screen picker is the boundary: a canvas stands in for the chosen tab.
    const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 180 });
    const paint = setInterval(() => {
      const context = canvas.getContext('2d')!;
      context.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`;
      context.fillRect(0, 0, 320, 180);
    }, 30);
    const realGetDisplayMedia = navigator.mediaDevices.getDisplayMedia;
    navigator.mediaDevices.getDisplayMedia = () => Promise.resolve(canvas.captureStream(30));
    try {
      const { studio, player } = (current = await rig());
      await studio.studio.goLive();
      const video = await expectPlaying(player);
      const connection = (studio.studio.publisher as LocalBroadcaster).connectionTo('viewer-1')!;
      const camera = studio.studio.stream!.getVideoTracks()[0]!;
      button(studio, 'share')!.click();
      await waitUntil(() => studio.studio.sharing, 'sharing');
      const screen = studio.studio.stream!.getVideoTracks()[0]!;
      expect(screen.id, 'the screen replaces the camera in the stream').to.not.equal(camera.id);
      await waitUntil(() => connection.getSenders().some((sender) => sender.track === screen), 'the screen is on the viewer’s connection');
      await waitUntil(() => button(studio, 'share')?.textContent?.trim() === en.stopSharing, 'the button offers the camera back');
      await framesAdvance(video);
      expect(camera.readyState, 'the camera stays open meanwhile').to.equal('live');

      screen.stop();
      screen.dispatchEvent(new Event('ended')); // the browser's own "Stop sharing"
      await waitUntil(() => !studio.studio.sharing, 'back to the camera');
      expect(studio.studio.stream!.getVideoTracks()[0]).to.equal(camera);
      await waitUntil(() => connection.getSenders().some((sender) => sender.track === camera), 'the camera is back on the connection');
      expect((studio.studio.publisher as LocalBroadcaster).connectionTo('viewer-1'), 'the same connection throughout').to.equal(connection);
      await framesAdvance(video);
    } finally {
      clearInterval(paint);
      navigator.mediaDevices.getDisplayMedia = realGetDisplayMedia;
    }
  });

  it('mutes the camera and microphone without dropping the stream', async () => {
    const { studio } = (current = await rig());
    await studio.studio.start();
    await studio.updateComplete;
    button(studio, 'camera')!.click();
    button(studio, 'microphone')!.click();
    expect(studio.studio.stream!.getVideoTracks()[0]!.enabled).to.equal(false);
    expect(studio.studio.stream!.getAudioTracks()[0]!.enabled).to.equal(false);
    await studio.updateComplete;
    expect(button(studio, 'camera')!.textContent!.trim()).to.equal(en.cameraOn);
    expect(button(studio, 'microphone')!.getAttribute('aria-pressed')).to.equal('true');
    button(studio, 'camera')!.click();
    expect(studio.studio.stream!.getVideoTracks()[0]!.enabled).to.equal(true);
  });

  it('says clearly when the camera and microphone are blocked, in the host’s language (Arabic, right to left)', async () => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const { studio } = (current = await rig());
    button(studio, 'start')!.click();
    await waitUntil(() => problems(studio).length === 2, 'both devices explained');
    expect(problems(studio)).to.deep.equal([en.cameraDenied, en.microphoneDenied]);
    expect(shadow(studio).querySelector('.problems')!.getAttribute('role')).to.equal('alert');
    expect(button(studio, 'start')!.textContent!.trim(), 'the button offers to try again').to.equal(en.tryAgain);
    studio.locale = 'ar';
    await waitUntil(() => problems(studio)[0] === ar.cameraDenied, 'Arabic strings');
    expect(shadow(studio).querySelector('[part=base]')!.getAttribute('dir')).to.equal('rtl');
    await studio.studio.goLive();
    expect(studio.studio.phase, 'no broadcast without a device').to.not.equal('live');
    await waitUntil(() => problems(studio).includes(ar.noDevice), 'says a device is needed');
  });

  it('keeps a working microphone when the camera is busy or missing, and says which', async () => {
    const { studio } = (current = await rig());
    for (const [name, text] of [
      ['NotReadableError', en.cameraBusy],
      ['NotFoundError', en.cameraMissing],
    ] as const) {
      navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
        constraints?.video ? Promise.reject(new DOMException('no', name)) : realGetUserMedia.call(navigator.mediaDevices, constraints);
      await studio.studio.start();
      await waitUntil(() => problems(studio).length === 1, `${name} explained`);
      expect(problems(studio)).to.deep.equal([text]);
      expect(studio.studio.stream!.getAudioTracks().length, 'the microphone still works').to.equal(1);
      expect(studio.studio.stream!.getVideoTracks().length).to.equal(0);
      await studio.studio.stop();
    }
  });

  it('only a host may offer a stream, and the studio takes an answer only from the viewer it offered to', async () => {
    const offer = JSON.stringify({ v: 1, type: 'rtc.offer', id: 'rogue1', at: 1, room: 'spring-sale', body: { sdp: 'v=0' } });
    expect(parseMessage(offer, 'viewer-2', (id) => id === 'host-1', true, 'spring-sale')).to.deep.include({ ok: false, reason: 'unauthorized' });

    const { network, studio, player, hostRoom } = (current = await rig());
    const viewerSession = document.querySelector<LingerRoom>('#room-viewer-1')!.session!;
    await studio.studio.goLive();
    const video = await expectPlaying(player);
    const publisher = studio.studio.publisher as LocalBroadcaster;
    const connection = publisher.connectionTo('viewer-1')!;
    const rogue = new RoomSession({ transport: network.connect('viewer-2'), hosts: ['host-1'] });
    await rogue.connect();
    // A forged offer to viewer-1 and an answer nobody asked for.
    const unauthorized = viewerSession.stats.dropped.unauthorized;
    const received = hostRoom.session!.stats.received;
    await rogue.signal('rtc.offer', { sdp: 'v=0' }, 'viewer-1');
    await rogue.signal('rtc.answer', { sdp: connection.remoteDescription!.sdp }, 'host-1');
    await waitUntil(() => viewerSession.stats.dropped.unauthorized > unauthorized, 'viewer-1 drops the forged offer');
    await waitUntil(() => hostRoom.session!.stats.received > received, 'the studio got the stray answer');
    await framesAdvance(video);
    expect(publisher.connectionTo('viewer-2'), 'no connection for a viewer that did not ask').to.equal(undefined);
    expect(publisher.connectionTo('viewer-1')).to.equal(connection);
    expect(liveVideo(player), 'viewer-1 still plays the host').to.equal(video);
    expect(connection.connectionState).to.equal('connected');
    await rogue.close();
  });

  it('on Agora: joins as a host with the publisher token, dual stream on, publishes; warns on a weak upload; a camera switch stays joined; End unpublishes and leaves', async () => {
    const { studio, player, hostRoom } = (current = await rig());
    const cloud = new FakeRtcCloud();
    const tokenCalls: string[] = [];
    stubMedia(hostRoom, 'host-1', tokenCalls);
    stubMedia(document.querySelector<LingerRoom>('#room-viewer-1')!, 'viewer-1', tokenCalls);
    studio.loadSdk = cloud.loader();
    player.loadSdk = cloud.loader();
    player.requestUpdate();

    await studio.studio.goLive();
    expect(studio.studio.phase, 'on air').to.equal('live');
    const publisher = cloud.clients.find((client) => client.role === 'host') as FakeRtcClient;
    expect(publisher, 'a host-role client').to.not.equal(undefined);
    expect(publisher.calls.find(([name]) => name === 'join'), 'joined with the host’s publisher token').to.deep.equal(['join', 'a'.repeat(32), 'spring-sale', 'publisher-host-1', 'host-1']);
    expect(publisher.dualStream, 'dual stream').to.equal(true);
    expect(publisher.calls.find(([name]) => name === 'setLowStreamParameter')).to.deep.equal(['setLowStreamParameter', LOW_STREAM]);
    expect(publisher.localTracks.map((track) => track.trackMediaType).sort()).to.deep.equal(['audio', 'video']);
    const video = publisher.localTracks.find((track) => track.trackMediaType === 'video')!;
    expect(video.getMediaStreamTrack(), 'publishes the preview’s own camera track').to.equal(studio.studio.stream!.getVideoTracks()[0]);
    expect(video.config.bitrateMax, 'the preset’s bitrate').to.equal(1500);
    await waitUntil(() => player.status === 'live', 'the viewer’s player plays the host over Agora');
    expect(cloud.clients.find((client) => client.role === 'audience')!.calls.some(([name]) => name === 'publish'), 'the viewer never publishes').to.equal(false);

    cloud.networkQuality(1, 5);
    await waitUntil(() => problems(studio).includes(en.uplinkWeak), 'a poor upload is flagged');
    cloud.networkQuality(1, 1);
    await waitUntil(() => !problems(studio).includes(en.uplinkWeak), 'and cleared when it recovers');

    await studio.studio.useDevice('camera', studio.studio.cameras[0]!.deviceId);
    expect(video.replaced, 'the camera track is replaced inside the published track').to.equal(1);
    expect(video.getMediaStreamTrack()).to.equal(studio.studio.stream!.getVideoTracks()[0]);
    expect(publisher.calls.filter(([name]) => name === 'join' || name === 'leave' || name === 'unpublish'), 'no rejoin, no unpublish').to.deep.equal([['join', 'a'.repeat(32), 'spring-sale', 'publisher-host-1', 'host-1']]);
    expect(player.status).to.equal('live');

    await studio.studio.end();
    expect(publisher.calls.slice(-2).map(([name]) => name)).to.deep.equal(['unpublish', 'leave']);
    expect(cloud.published.get('host-1')?.size ?? 0, 'nothing published any more').to.equal(0);
    expect(studio.studio.stream!.getVideoTracks()[0]!.readyState, 'the preview stays on').to.equal('live');
  });

  it('goes live only for a host of the room', async () => {
    const { studio, hostRoom } = (current = await rig({ hostUser: 'viewer-2' }));
    await studio.studio.goLive();
    expect(studio.studio.phase).to.not.equal('live');
    await waitUntil(() => problems(studio).includes(en.notHost), 'says only a host can go live');
    expect(hostRoom.session!.state.show.onAir).to.equal(undefined);
  });

  it('renders hostile device labels as text', async () => {
    const { studio } = (current = await rig());
    await studio.studio.start();
    const label = '<img src=x onerror="window.__studioHacked=1">';
    studio.studio.cameras = [{ deviceId: 'x', kind: 'videoinput', label, groupId: '', toJSON: () => ({}) } as MediaDeviceInfo];
    studio.requestUpdate();
    await studio.updateComplete;
    const option = shadow(studio).querySelector('select[name=camera] option')!;
    expect(option.textContent).to.equal(label);
    expect(shadow(studio).querySelector('img')).to.equal(null);
  });
});
