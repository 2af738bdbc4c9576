/**
 * The player's Agora RTC audience, written against the SDK's own types (`agora-rtc-sdk-ng/esm`)
 * but never importing it statically: {@link loadAgoraRtc} loads it with a dynamic `import()` the
 * first time a player goes live, and shares that one copy with the RTM SDK through the bridge
 * (`installRtc`). Tests inject a fake module through `loadSdk`.
 *
 * What it does (see /work/shared/AGORA.md, "RTC 4.x"):
 * - `createClient({ mode: 'live' })` with bounded `httpRetryConfig` / `websocketRetryConfig`, so an
 *   unreachable network makes `join()` reject in seconds; then it waits (backoff 2 s → 30 s) and
 *   joins again, reporting `retrying` with the wait, instead of spinning forever;
 * - `setClientRole('audience', { level })` — 2 ultra-low latency (default), 1 low latency;
 * - subscribes to every published host track, plays video into an element it is given (an element,
 *   not an id: ids cannot reach into a shadow root); audio plays only when the viewer unmutes;
 * - follows `connection-state-change` (RECONNECTING → `reconnecting`, a dropped link → join again);
 * - low-stream fallback: `setStreamFallbackOption(uid, 1)` lets the SDK fall back on its own, and
 *   on a poor downlink (`network-quality` ≥ 4) it asks for the low stream itself, going back up once
 *   the downlink is good (≤ 2) again; `stream-fallback` events are reported the same way;
 * - stats: downlink quality (0–6) and end-to-end delay from `getRemoteVideoStats()`;
 * - `onAutoplayFailed` → `autoplay-blocked`, so the element shows a big play button;
 * - renews its token on `token-privilege-will-expire` when given a way to get a new one.
 */
import type {
  ClientConfig,
  ClientRoleOptions,
  ConnectionDisconnectedReason,
  ConnectionState,
  IAgoraRTCClient,
  IAgoraRTCRemoteUser,
  IRemoteAudioTrack,
  IRemoteVideoTrack,
  NetworkQuality,
  RemoteStreamFallbackType,
  RemoteStreamType,
  RetryConfiguration,
  UID,
} from '../types/agora-rtc.js';

/** The client methods and events the player uses — a subset of the SDK's `IAgoraRTCClient`. */
export type RtcClient = Pick<
  IAgoraRTCClient,
  | 'setClientRole'
  | 'join'
  | 'leave'
  | 'subscribe'
  | 'on'
  | 'off'
  | 'renewToken'
  | 'setRemoteVideoStreamType'
  | 'setStreamFallbackOption'
  | 'getRemoteVideoStats'
>;

/** The module surface the player uses; `agora-rtc-sdk-ng/esm` satisfies it (checked below). */
export interface RtcSdk {
  createClient(config: ClientConfig): RtcClient;
  /** ESM build: a function that registers the callback. */
  onAutoplayFailed?: (fn: () => void) => void;
}

/** Bounded join retries: `join()` rejects with NETWORK_ERROR after ~2 s offline (AGORA.md). */
export const RTC_RETRY: RetryConfiguration = { timeout: 1000, timeoutFactor: 1.5, maxRetryCount: 2, maxRetryTimeout: 3000 };

/** Loads the real SDK once, lazily, and installs it into the RTM bridge so the page has one RTC. */
export async function loadAgoraRtc(): Promise<RtcSdk> {
  const [sdk, bridge] = await Promise.all([import('agora-rtc-sdk-ng/esm'), import('../cdn/agora-rtc-bridge.js')]);
  bridge.installRtc(sdk);
  const checked: RtcSdk = sdk; // the SDK's own d.ts must satisfy the surface we rely on
  return checked;
}

export type RtcState =
  | 'idle'
  /** Loading the SDK or joining. */
  | 'connecting'
  /** Joined; no host video yet. */
  | 'waiting'
  /** Joined and playing a host's video. */
  | 'live'
  /** The SDK lost the link and is restoring it. */
  | 'reconnecting'
  /** Joining failed (network, token); trying again after `retryInMs`. */
  | 'retrying'
  | 'closed';

export interface RtcStats {
  /** Downlink quality 0 (unknown) … 6 (down), from `network-quality`. */
  quality: number;
  /** End-to-end delay of the host's video in ms, when the SDK reports it. */
  delayMs: number | null;
  /** Whether the low-quality stream is in use. */
  lowStream: boolean;
}

export interface RtcAudienceOptions {
  appId: string;
  channel: string;
  /** RTC token (`null` for an App ID without certificate). */
  token: string | null;
  uid?: UID | null;
  /** `ultra-low` (level 2, default) or `low` (level 1). */
  latency?: 'ultra-low' | 'low';
  /** Where the host's video plays (inside the player's shadow root). */
  container: HTMLElement;
  /** The SDK module; default {@link loadAgoraRtc}. */
  loadSdk?: () => Promise<RtcSdk>;
  /**
   * Fetches the token (and the uid it was issued for) before each join and on renewal — e.g. from
   * the room's token URL. Without it, `token` and `uid` are used as given.
   */
  credentials?: () => Promise<{ token: string | null; uid?: UID | null }>;
  /** Waits between failed joins, in ms (the last one repeats). */
  backoffMs?: readonly number[];
  /** How often stats are read, in ms. */
  statsEveryMs?: number;
  onState?: (state: RtcState, detail: { attempt: number; retryInMs?: number; error?: unknown }) => void;
  onStats?: (stats: RtcStats) => void;
  onAutoplayBlocked?: () => void;
}

const DEFAULT_BACKOFF = [2_000, 4_000, 8_000, 15_000, 30_000];
/** `network-quality` grades: 1–2 good, 3 fair, 4–5 poor, 6 down. */
const POOR = 4;
const GOOD = 2;

/** One audience connection to one channel. `start()` once; `close()` ends it for good. */
export class RtcAudience {
  state: RtcState = 'idle';
  readonly stats: RtcStats = { quality: 0, delayMs: null, lowStream: false };
  private client: RtcClient | null = null;
  private token: string | null;
  private uid: UID | null;
  private hostUid: UID | null = null;
  private video: IRemoteVideoTrack | null = null;
  private audio: IRemoteAudioTrack | null = null;
  private audioOn = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private joined = false;
  private closed = false;
  private readonly off: Array<() => void> = [];

  constructor(private readonly options: RtcAudienceOptions) {
    this.token = options.token;
    this.uid = options.uid ?? null;
  }

  /** Loads the SDK, makes the client and joins (retrying with backoff until `close()`). */
  async start(): Promise<void> {
    this.set('connecting');
    let sdk: RtcSdk;
    try {
      sdk = await (this.options.loadSdk ?? loadAgoraRtc)();
    } catch (error) {
      this.scheduleRetry(error);
      return;
    }
    if (this.closed) return;
    sdk.onAutoplayFailed?.(() => this.options.onAutoplayBlocked?.());
    const client = sdk.createClient({ mode: 'live', codec: 'vp8', httpRetryConfig: RTC_RETRY, websocketRetryConfig: RTC_RETRY });
    this.client = client;
    this.listen(client);
    if (this.options.credentials && !(await this.refresh())) return;
    await this.join();
  }

  /** Gets fresh credentials; on failure schedules a retry and returns false. */
  private async refresh(): Promise<boolean> {
    try {
      const fresh = await this.options.credentials!();
      this.token = fresh.token;
      if (fresh.uid !== undefined) this.uid = fresh.uid;
      return !this.closed;
    } catch (error) {
      this.attempt++;
      this.scheduleRetry(error);
      return false;
    }
  }

  /** Plays (or stops) the host's audio: browsers allow it only after a gesture. */
  setAudio(on: boolean): void {
    this.audioOn = on;
    if (!this.audio) return;
    if (on) this.audio.play();
    else this.audio.stop();
  }

  /** Plays the video again after the viewer tapped play (autoplay was blocked). */
  resume(): void {
    if (this.video && !this.video.isPlaying) this.video.play(this.options.container, { fit: 'contain' });
    if (this.audioOn && this.audio && !this.audio.isPlaying) this.audio.play();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.statsTimer);
    for (const stop of this.off.splice(0)) stop();
    this.video?.stop();
    this.audio?.stop();
    this.video = this.audio = null;
    const client = this.client;
    this.client = null;
    this.set('closed');
    if (client && this.joined) await client.leave().catch(() => undefined);
  }

  private async join(): Promise<void> {
    const client = this.client;
    if (!client || this.closed) return;
    this.attempt++;
    this.set(this.attempt > 1 ? 'retrying' : 'connecting', this.attempt > 1 ? { retryInMs: 0 } : {});
    try {
      const level = this.options.latency === 'low' ? 1 : 2;
      await client.setClientRole('audience', { level } as ClientRoleOptions);
      await client.join(this.options.appId, this.options.channel, this.token, this.uid);
    } catch (error) {
      if (this.closed) return;
      this.scheduleRetry(error);
      return;
    }
    if (this.closed) {
      await client.leave().catch(() => undefined);
      return;
    }
    this.joined = true;
    this.attempt = 0;
    this.set(this.video ? 'live' : 'waiting');
    clearInterval(this.statsTimer);
    this.statsTimer = setInterval(() => this.readStats(), this.options.statsEveryMs ?? 2000);
  }

  private scheduleRetry(error: unknown): void {
    if (this.closed) return;
    const backoff = this.options.backoffMs ?? DEFAULT_BACKOFF;
    const wait = backoff[Math.min(Math.max(this.attempt - 1, 0), backoff.length - 1)] ?? 2000;
    this.set('retrying', { retryInMs: wait, error });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.rejoin(), wait);
  }

  private async rejoin(): Promise<void> {
    if (this.closed) return;
    if (!this.client) {
      // The SDK itself failed to load: start over.
      await this.start();
      return;
    }
    if (this.options.credentials && !(await this.refresh())) return;
    await this.join();
  }

  private listen(client: RtcClient): void {
    const on = <A extends unknown[]>(event: string, listener: (...args: A) => void) => {
      (client.on as (event: string, listener: (...args: A) => void) => void)(event, listener);
      this.off.push(() => (client.off as (event: string, listener: (...args: A) => void) => void)(event, listener));
    };
    on('user-published', (user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel') => void this.subscribe(user, mediaType));
    on('user-unpublished', (user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel') => {
      if (mediaType === 'video' && user.uid === this.hostUid) {
        this.video?.stop();
        this.video = null;
        if (this.state === 'live') this.set('waiting');
      } else if (mediaType === 'audio') {
        this.audio?.stop();
        this.audio = null;
      }
    });
    on('connection-state-change', (current: ConnectionState, _previous: ConnectionState, reason?: ConnectionDisconnectedReason) => {
      if (this.closed) return;
      if (current === 'RECONNECTING') this.set('reconnecting');
      else if (current === 'CONNECTED' && this.joined) this.set(this.video ? 'live' : 'waiting');
      else if (current === 'DISCONNECTED' && this.joined && String(reason) !== 'LEAVE') {
        // The SDK gave up (network, kicked, token expired): join again with backoff.
        this.joined = false;
        this.video = this.audio = null;
        this.scheduleRetry(new Error(`disconnected: ${String(reason ?? 'unknown')}`));
      }
    });
    on('network-quality', (quality: NetworkQuality) => this.qualityChanged(quality.downlinkNetworkQuality));
    on('stream-fallback', (uid: UID, kind: 'fallback' | 'recover') => {
      if (uid !== this.hostUid) return;
      this.stats.lowStream = kind === 'fallback';
      this.options.onStats?.({ ...this.stats });
    });
    on('exception', (event: { code: number; msg: string; uid: UID }) => {
      console.debug('[linger] RTC exception', event.code, event.msg);
    });
    on('token-privilege-will-expire', () => void this.renew());
  }

  private async subscribe(user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel'): Promise<void> {
    const client = this.client;
    if (!client || this.closed || mediaType === 'datachannel') return;
    try {
      if (mediaType === 'video') {
        const track = await client.subscribe(user, 'video');
        if (this.closed) return;
        this.hostUid = user.uid;
        this.video = track;
        track.play(this.options.container, { fit: 'contain' });
        // Let the SDK fall back to the low stream on its own when the downlink is bad (needs the host's dual stream).
        await client.setStreamFallbackOption(user.uid, 1 as RemoteStreamFallbackType).catch(() => undefined);
        this.set('live');
      } else {
        const track = await client.subscribe(user, 'audio');
        if (this.closed) return;
        this.audio = track;
        if (this.audioOn) track.play();
      }
    } catch (error) {
      console.warn('[linger] could not subscribe to the host', error);
    }
  }

  private qualityChanged(downlink: number): void {
    this.stats.quality = downlink;
    const client = this.client;
    if (client && this.hostUid !== null) {
      if (downlink >= POOR && !this.stats.lowStream) this.useLowStream(client, true);
      else if (downlink > 0 && downlink <= GOOD && this.stats.lowStream) this.useLowStream(client, false);
    }
    this.options.onStats?.({ ...this.stats });
  }

  private useLowStream(client: RtcClient, low: boolean): void {
    this.stats.lowStream = low;
    client.setRemoteVideoStreamType(this.hostUid!, (low ? 1 : 0) as RemoteStreamType).catch((error: unknown) => {
      console.debug('[linger] stream switch failed', error);
    });
  }

  private readStats(): void {
    const client = this.client;
    if (!client || this.hostUid === null) return;
    const stats = client.getRemoteVideoStats()[String(this.hostUid)];
    this.stats.delayMs = stats && Number.isFinite(stats.end2EndDelay) ? stats.end2EndDelay : null;
    this.options.onStats?.({ ...this.stats });
  }

  private async renew(): Promise<void> {
    if (!this.options.credentials || !this.client) return;
    try {
      const { token } = await this.options.credentials();
      if (token && this.client) {
        this.token = token;
        await this.client.renewToken(token);
      }
    } catch (error) {
      console.warn('[linger] RTC token renewal failed', error);
    }
  }

  private set(state: RtcState, detail: { retryInMs?: number; error?: unknown } = {}): void {
    this.state = state;
    this.options.onState?.(state, { attempt: this.attempt, ...detail });
  }
}
