/**
 * The logic of `<linger-studio>` (docs/studio.md): camera and microphone, their permission and
 * failures, the preview stream, presets, mute, switching a device without dropping the published
 * stream, and going live / ending through a {@link StudioPublisher} — the local WebRTC path
 * (`src/media/local-broadcast.ts`) on a room without Agora. The element only renders this state.
 *
 * One `MediaStream` is both the preview and what is published: a camera switch swaps its video
 * track and hands the new track to the publisher (`replaceTrack`), so viewers keep their connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomSession } from '../core/session.js';
import type { RoomMedia } from '../core/registry.js';
import type { RtcSdk } from '../media/agora-rtc.js';
import type { BodyOf } from '../core/protocol.js';
import type { StudioPublisher } from '../media/local-broadcast.js';
import { sharedImport } from '../utilities/shared-import.js';

export type { StudioPublisher } from '../media/local-broadcast.js';
export type DeviceKind = 'camera' | 'microphone';
/** Why a device is not in use: refused by the person or the browser, held by another app, absent, or no API at all. */
export type DeviceProblem = 'denied' | 'busy' | 'missing' | 'unsupported' | 'failed';
/**
 * `off` — no devices open; `starting` — asking for them; `ready` — preview on; `going-live`,
 * `live`, `ending` — the broadcast.
 */
export type StudioPhase = 'off' | 'starting' | 'ready' | 'going-live' | 'live' | 'ending';
/** Why going live failed: this room's user is no host, no device works, or publishing failed. */
export type StudioFailure = 'not-host' | 'no-room' | 'no-device' | 'publish-failed';

/** Capture and encoding presets: a phone on a stand (720p) and a desk camera (1080p). */
export const STUDIO_PRESETS = {
  phone: { width: 1280, height: 720, frameRate: 30, bitrateKbps: 1500 },
  desk: { width: 1920, height: 1080, frameRate: 30, bitrateKbps: 3000 },
} as const;
export type StudioPreset = keyof typeof STUDIO_PRESETS;

/** Maps a `getUserMedia` rejection (a DOMException, by name) to what the host is told. */
export function deviceProblem(error: unknown): DeviceProblem {
  switch ((error as { name?: unknown } | null)?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    default:
      return 'failed';
  }
}

const loadLocal = sharedImport(() => import('../media/local-broadcast.js'));
const loadAgora = sharedImport(() => import('../media/agora-publish.js'));

/**
 * The publisher for a room: Agora RTC when the room hands out Agora media (`RoomHandle.media`
 * without an `adapter`), else the local WebRTC path. `loadSdk` replaces the Agora SDK (tests).
 */
export async function defaultStudioPublisher(session: RoomSession, media: RoomMedia | null, loadSdk?: () => Promise<RtcSdk>): Promise<StudioPublisher> {
  if (media && !media.adapter) {
    const { AgoraPublisher } = await loadAgora();
    return new AgoraPublisher(media, loadSdk);
  }
  if (session.transport.kind === 'agora-rtm') throw new Error('[linger] studio: the room runs on Agora but hands out no media settings (app-id?).');
  const { LocalBroadcaster } = await loadLocal();
  return new LocalBroadcaster(session);
}

export interface StudioControllerOptions {
  session: () => RoomSession | null;
  /** The room's Agora media settings, when it has them (`RoomHandle.media`). */
  media?: () => RoomMedia | null;
  /** Loads the Agora RTC SDK (tests inject a fake). */
  loadSdk?: () => (() => Promise<RtcSdk>) | undefined;
  /** Makes the publisher when going live (integrations may replace it); `undefined` for the default. */
  publisher?: (session: RoomSession) => Promise<StudioPublisher> | undefined;
}

export class StudioController implements ReactiveController {
  phase: StudioPhase = 'off';
  /** The preview, and what is published while live. */
  stream: MediaStream | null = null;
  cameras: MediaDeviceInfo[] = [];
  microphones: MediaDeviceInfo[] = [];
  cameraId = '';
  microphoneId = '';
  preset: StudioPreset = 'phone';
  cameraOn = true;
  microphoneOn = true;
  /** What is wrong with each device, if anything. */
  problems: Partial<Record<DeviceKind, DeviceProblem>> = {};
  failure: StudioFailure | null = null;
  publisher: StudioPublisher | null = null;
  /** A screen (a product page, a slide) is shown in place of the camera. */
  sharing = false;
  /** The camera while a screen takes its place (kept open, so going back is instant). */
  private cameraTrack: MediaStreamTrack | null = null;
  private devicesWatched = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: StudioControllerOptions,
  ) {
    host.addController(this);
  }

  /** A show ended from the console also ends the broadcast. */
  hostUpdated(): void {
    if (this.phase === 'live' && this.options.session()?.state.show.phase === 'ended') void this.end();
  }

  private get media(): MediaDevices | undefined {
    return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  }

  private videoConstraints(deviceId = this.cameraId): MediaTrackConstraints {
    const { width, height, frameRate } = STUDIO_PRESETS[this.preset];
    return { width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: frameRate }, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
  }

  private audioConstraints(deviceId = this.microphoneId): MediaTrackConstraints | true {
    return deviceId ? { deviceId: { exact: deviceId } } : true;
  }

  /** Opens the camera and microphone (asking permission), for the preview. */
  async start(): Promise<void> {
    if (this.phase !== 'off') return;
    const media = this.media;
    this.failure = null;
    if (!media?.getUserMedia) {
      this.problems = { camera: 'unsupported', microphone: 'unsupported' };
      return this.changed();
    }
    this.phase = 'starting';
    this.problems = {};
    this.changed();
    let tracks: MediaStreamTrack[] = [];
    try {
      tracks = (await media.getUserMedia({ video: this.videoConstraints(), audio: this.audioConstraints() })).getTracks();
    } catch {
      // Ask for each on its own to say which one failed, and keep the one that works.
      const [video, audio] = await Promise.allSettled([media.getUserMedia({ video: this.videoConstraints() }), media.getUserMedia({ audio: this.audioConstraints() })]);
      if (video.status === 'fulfilled') tracks.push(...video.value.getTracks());
      else this.problems.camera = deviceProblem(video.reason);
      if (audio.status === 'fulfilled') tracks.push(...audio.value.getTracks());
      else this.problems.microphone = deviceProblem(audio.reason);
    }
    if (this.phase !== 'starting') {
      for (const track of tracks) track.stop(); // stopped meanwhile
      return;
    }
    if (tracks.length === 0) {
      this.phase = 'off';
      return this.changed();
    }
    this.stream = new MediaStream(tracks);
    for (const track of tracks) this.watchTrack(track);
    this.phase = 'ready';
    if (!this.devicesWatched) {
      this.devicesWatched = true;
      media.addEventListener?.('devicechange', this.onDeviceChange);
    }
    await this.listDevices();
  }

  /** Ends the broadcast if live and releases every device. */
  async stop(): Promise<void> {
    if (this.phase === 'live' || this.phase === 'going-live') await this.end();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.cameraTrack?.stop();
    this.cameraTrack = null;
    this.sharing = false;
    this.stream = null;
    this.phase = 'off';
    if (this.devicesWatched) this.media?.removeEventListener?.('devicechange', this.onDeviceChange);
    this.devicesWatched = false;
    this.changed();
  }

  /** Switches to another camera or microphone; while live, viewers keep their connection. */
  async useDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    const media = this.media;
    const stream = this.stream;
    if (!media || !stream) return;
    const video = kind === 'camera';
    if (video && this.sharing) await this.stopSharing();
    const old = video ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    const open = () => media.getUserMedia(video ? { video: this.videoConstraints(deviceId) } : { audio: this.audioConstraints(deviceId) });
    let next: MediaStreamTrack | undefined;
    try {
      next = (await open()).getTracks()[0];
    } catch (error) {
      // Phones open one camera at a time: let go of the old one and try again.
      if (deviceProblem(error) !== 'busy' || !old) {
        this.problems = { ...this.problems, [kind]: deviceProblem(error) };
        return this.changed();
      }
      old.stop();
      try {
        next = (await open()).getTracks()[0];
      } catch (again) {
        this.problems = { ...this.problems, [kind]: deviceProblem(again) };
        return this.changed();
      }
    }
    if (!next || this.stream !== stream) {
      next?.stop();
      return;
    }
    next.enabled = video ? this.cameraOn : this.microphoneOn;
    if (old) stream.removeTrack(old);
    stream.addTrack(next);
    this.watchTrack(next);
    await this.publisher?.replaceTrack(next);
    old?.stop();
    if (video) this.cameraId = deviceId;
    else this.microphoneId = deviceId;
    const { [kind]: _gone, ...rest } = this.problems;
    this.problems = rest;
    this.changed();
  }

  /** True where the browser can share a screen (`getDisplayMedia`). */
  get canShare(): boolean {
    return typeof this.media?.getDisplayMedia === 'function';
  }

  /**
   * Shows a screen or a tab (a product page) in place of the camera, on the preview and to every
   * viewer (`replaceTrack`, nobody reconnects). The browser's own "Stop sharing" brings the camera back.
   */
  async shareScreen(): Promise<void> {
    const stream = this.stream;
    if (!this.canShare || !stream || this.sharing) return;
    let screen: MediaStreamTrack | undefined;
    try {
      screen = (await this.media!.getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0];
    } catch (error) {
      // Cancelling the browser's picker is a choice, not a problem to report.
      if (deviceProblem(error) !== 'denied') console.warn('[linger] studio: could not share the screen', error);
      return;
    }
    if (!screen || this.stream !== stream) return screen?.stop();
    const camera = stream.getVideoTracks()[0] ?? null;
    if (camera) stream.removeTrack(camera);
    stream.addTrack(screen);
    screen.enabled = this.cameraOn;
    this.cameraTrack = camera;
    this.sharing = true;
    screen.addEventListener('ended', () => void this.stopSharing());
    this.changed();
    await this.publisher?.replaceTrack(screen);
  }

  /** Back to the camera after sharing a screen. */
  async stopSharing(): Promise<void> {
    const stream = this.stream;
    if (!this.sharing || !stream) return;
    const screen = stream.getVideoTracks()[0];
    const camera = this.cameraTrack;
    this.sharing = false;
    this.cameraTrack = null;
    if (camera) {
      if (screen) stream.removeTrack(screen);
      stream.addTrack(camera);
      camera.enabled = this.cameraOn;
      await this.publisher?.replaceTrack(camera);
    }
    screen?.stop();
    this.changed();
  }

  /** Changes the capture preset (and the bitrate of the next broadcast). */
  async setPreset(preset: StudioPreset): Promise<void> {
    this.preset = preset;
    this.changed();
    const { width, height, frameRate } = STUDIO_PRESETS[preset];
    await this.stream?.getVideoTracks()[0]?.applyConstraints({ width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: frameRate } }).catch(() => undefined);
  }

  /** Mutes or unmutes a device: viewers get black frames / silence, the connection stays. */
  toggle(kind: DeviceKind): void {
    const on = kind === 'camera' ? (this.cameraOn = !this.cameraOn) : (this.microphoneOn = !this.microphoneOn);
    for (const track of kind === 'camera' ? (this.stream?.getVideoTracks() ?? []) : (this.stream?.getAudioTracks() ?? [])) track.enabled = on;
    this.changed();
  }

  /** Starts publishing and puts the show on air (live). Only a host of the room may. */
  async goLive(): Promise<void> {
    if (this.phase === 'going-live' || this.phase === 'live') return;
    const session = this.options.session();
    this.failure = !session ? 'no-room' : !session.isHost ? 'not-host' : null;
    if (!session || this.failure) return this.changed();
    await this.start();
    const stream = this.stream;
    if (!stream || stream.getTracks().length === 0) {
      this.failure = 'no-device';
      return this.changed();
    }
    this.phase = 'going-live';
    this.changed();
    let publisher: StudioPublisher | null = null;
    try {
      publisher = await (this.options.publisher?.(session) ?? defaultStudioPublisher(session, this.options.media?.() ?? null, this.options.loadSdk?.()));
      publisher.onChange = () => this.changed();
      await publisher.start(stream, { bitrateKbps: STUDIO_PRESETS[this.preset].bitrateKbps });
      if (this.phase !== 'going-live') throw new Error('stopped');
      this.publisher = publisher;
      this.onAir(session, true);
      this.phase = 'live';
    } catch (error) {
      void publisher?.stop();
      if (this.phase === 'going-live') {
        console.warn('[linger] studio: could not go live', error);
        this.failure = 'publish-failed';
        this.phase = 'ready';
      }
    }
    this.changed();
  }

  /** Stops publishing; the show's phase is left to the console (docs/studio.md). */
  async end(): Promise<void> {
    if (this.phase !== 'live' && this.phase !== 'going-live') return;
    this.phase = 'ending';
    this.changed();
    const publisher = this.publisher;
    this.publisher = null;
    await publisher?.stop();
    const session = this.options.session();
    if (session?.isHost && session.state.show.onAir) this.onAir(session, false);
    this.phase = this.stream ? 'ready' : 'off';
    this.changed();
  }

  private onAir(session: RoomSession, on: boolean): void {
    const { show } = session.state;
    const body: BodyOf<'show'> = { ...show, onAir: on };
    if (on && show.phase !== 'live') {
      body.phase = 'live';
      body.startedAt = Math.round(show.startedAt ?? session.clock.now());
    }
    session.act('show', body);
  }

  private async listDevices(): Promise<void> {
    const devices = (await this.media?.enumerateDevices().catch(() => [])) ?? [];
    this.cameras = devices.filter((device) => device.kind === 'videoinput' && device.deviceId);
    this.microphones = devices.filter((device) => device.kind === 'audioinput' && device.deviceId);
    const video = this.stream?.getVideoTracks()[0];
    const audio = this.stream?.getAudioTracks()[0];
    this.cameraId = video?.getSettings().deviceId ?? this.cameraId;
    this.microphoneId = audio?.getSettings().deviceId ?? this.microphoneId;
    this.changed();
  }

  /** A device unplugged or taken by the system ends its track: say so. */
  private watchTrack(track: MediaStreamTrack): void {
    track.addEventListener('ended', () => {
      if (!this.stream?.getTracks().includes(track)) return;
      this.problems = { ...this.problems, [track.kind === 'video' ? 'camera' : 'microphone']: 'missing' };
      this.changed();
    });
  }

  private readonly onDeviceChange = () => void this.listDevices();

  private changed(): void {
    this.host.requestUpdate();
  }
}
