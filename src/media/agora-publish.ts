/**
 * The studio's Agora RTC publisher (docs/studio.md): a **host**-role client in live mode that joins
 * the room's channel with the host's publisher token (the room's token answer: the endpoint signs
 * `RtcRole.PUBLISHER` for host ids only, docs/tokens.md), turns on dual stream so viewers on weak
 * networks fall back to the low stream, and publishes the studio's own camera and microphone tracks
 * (custom tracks around the preview's `MediaStreamTrack`s). A camera switch replaces the track inside
 * the published one, so the client stays joined and viewers keep their subscription. `stop()`
 * unpublishes and leaves. The SDK's upload quality (`network-quality`) reaches the desk as `uplink`.
 *
 * Loaded with the SDK only when a host goes live on Agora; tests inject the fake SDK (`loadSdk`).
 */
import type { IAgoraRTCClient, UID } from '../types/agora-rtc.js';
import type { RoomMedia } from '../core/registry.js';
import { loadAgoraRtc, RTC_RETRY, type RtcClient, type RtcSdk } from './agora-rtc.js';
import type { StudioPublisher } from './local-broadcast.js';

/** A published track: the SDK's custom track, as far as the studio uses it. */
export interface PublishedTrack {
  readonly trackMediaType: 'audio' | 'video';
  getMediaStreamTrack(): MediaStreamTrack;
  /** Present in the SDK's LocalTrack (4.x) though not in its d.ts: swaps the capture inside the published track. */
  replaceTrack?(track: MediaStreamTrack, stopOldTrack: boolean): Promise<void>;
}

/** The SDK surface publishing needs, beyond the player's. */
export interface PublishSdk extends RtcSdk {
  createCustomVideoTrack(config: { mediaStreamTrack: MediaStreamTrack; bitrateMax?: number }): PublishedTrack;
  createCustomAudioTrack(config: { mediaStreamTrack: MediaStreamTrack }): PublishedTrack;
}

type PublishClient = RtcClient & Pick<IAgoraRTCClient, 'publish' | 'unpublish' | 'enableDualStream' | 'setLowStreamParameter'>;

/** The low stream viewers fall back to (dual stream): 320×180, 15 fps, 200 Kbps. */
export const LOW_STREAM = { width: 320, height: 180, framerate: 15, bitrate: 200 };

export class AgoraPublisher implements StudioPublisher {
  readonly viewers = null;
  /** Upload quality from the SDK's `network-quality` (0 unknown, 1–2 good, 3 fair, 4–5 poor, 6 down). */
  uplink = 0;
  onChange?: () => void;
  private sdk: PublishSdk | null = null;
  private client: PublishClient | null = null;
  private tracks: PublishedTrack[] = [];
  private bitrateKbps = 0;

  constructor(
    private readonly media: RoomMedia,
    private readonly loadSdk: () => Promise<RtcSdk> = loadAgoraRtc,
  ) {}

  async start(stream: MediaStream, options: { bitrateKbps: number }): Promise<void> {
    this.bitrateKbps = options.bitrateKbps;
    const sdk = (this.sdk = (await this.loadSdk()) as PublishSdk);
    try {
      sdk.disableLogUpload?.();
      sdk.setLogLevel?.(2);
    } catch {
      // an SDK without these knobs is merely noisier
    }
    const tokens = await this.media.tokens();
    const client = (this.client = sdk.createClient({ mode: 'live', codec: 'vp8', httpRetryConfig: RTC_RETRY, websocketRetryConfig: RTC_RETRY }) as PublishClient);
    client.on('token-privilege-will-expire', () => {
      void this.media.tokens().then((fresh) => (fresh?.rtcToken ? client.renewToken(fresh.rtcToken) : undefined)).catch(() => undefined);
    });
    client.on('network-quality', (quality: { uplinkNetworkQuality: number }) => {
      if (quality.uplinkNetworkQuality === this.uplink) return;
      this.uplink = quality.uplinkNetworkQuality;
      this.onChange?.();
    });
    await client.setClientRole('host');
    await client.join(this.media.appId, this.media.channel, tokens?.rtcToken ?? null, (tokens?.uid ?? null) as UID | null);
    try {
      await client.enableDualStream();
      client.setLowStreamParameter(LOW_STREAM);
    } catch (error) {
      console.warn('[linger] studio: dual stream is off (viewers get the high stream only)', error);
    }
    this.tracks = stream.getTracks().map((track) => this.wrap(track));
    await client.publish(this.tracks as never);
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const client = this.client;
    if (!client) return;
    const old = this.tracks.find((published) => published.trackMediaType === track.kind);
    if (old?.replaceTrack) return old.replaceTrack(track, false);
    // An SDK without replaceTrack: publish a new track in its place (the client stays joined).
    const next = this.wrap(track);
    if (old) await client.unpublish(old as never);
    this.tracks = [...this.tracks.filter((published) => published !== old), next];
    await client.publish(next as never);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.tracks = [];
    if (!client) return;
    // The custom tracks are not closed: their MediaStreamTracks are the studio's preview.
    await client.unpublish().catch(() => undefined);
    await client.leave().catch(() => undefined);
  }

  private wrap(track: MediaStreamTrack): PublishedTrack {
    const sdk = this.sdk!;
    return track.kind === 'video' ? sdk.createCustomVideoTrack({ mediaStreamTrack: track, bitrateMax: this.bitrateKbps }) : sdk.createCustomAudioTrack({ mediaStreamTrack: track });
  }
}
