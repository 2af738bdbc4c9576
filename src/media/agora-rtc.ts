/**
 * The player's Agora RTC audience, written against the SDK's own types (`agora-rtc-sdk-ng/esm`)
 * but never importing it statically: {@link loadAgoraRtc} loads it with a dynamic `import()` the
 * first time a player goes live, and shares that one copy with the RTM SDK through the bridge
 * (`installRtc`). Tests inject a fake module through `loadSdk`.
 *
 * One `join()` is one attempt: it resolves once joined or rejects with a {@link TransportError}
 * whose code names the cause. Waiting and trying again is not done here: the caller
 * (`src/controllers/rtc-controller.ts`) runs every attempt through the one retry policy of
 * `src/core/retry.ts`. What the adapter does (docs/player.md):
 * - `createClient({ mode: 'live' })` with bounded `httpRetryConfig` / `websocketRetryConfig`, so an
 *   unreachable network makes `join()` reject in seconds instead of spinning forever;
 * - keeps the SDK quiet: log level warnings and errors, no log upload, and while no audience on the
 *   page is joined after a failure, no event reports and no logs (offline they are a request and a
 *   console error every few seconds);
 * - `setClientRole('audience', { level })` — 2 ultra-low latency (default), 1 low latency;
 * - subscribes to every published host track, plays video into an element it is given (an element,
 *   not an id: ids cannot reach into a shadow root); audio plays only when the viewer unmutes;
 * - follows `connection-state-change` (RECONNECTING → `reconnecting`; a dropped link → `onDropped`);
 * - low-stream fallback: `setStreamFallbackOption(uid, 1)` lets the SDK fall back on its own, and
 *   on a poor downlink (`network-quality` ≥ 4) it asks for the low stream itself, going back up once
 *   the downlink is good (≤ 2) again; `stream-fallback` events are reported the same way;
 * - stats: downlink quality (0–6) and end-to-end delay from `getRemoteVideoStats()`;
 * - `onAutoplayFailed` → `onAutoplayBlocked`, so the element shows a big play button;
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
import { transportError, type TransportError } from '../transports/transport.js';

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
  /** 0 debug … 2 warning … 4 none. */
  setLogLevel?: (level: number) => void;
  disableLogUpload?: () => void;
  /** The SDK's global parameters; only `ENABLE_EVENT_REPORT` (the statscollector reports) is used. */
  setParameter?: (key: 'ENABLE_EVENT_REPORT', value: boolean) => void;
}

/** Bounded join retries: `join()` rejects with NETWORK_ERROR after ~2 s offline. */
export const RTC_RETRY: RetryConfiguration = { timeout: 1000, timeoutFactor: 1.5, maxRetryCount: 2, maxRetryTimeout: 3000 };

/** SDK log levels (`setLogLevel`). */
const LOG_WARNING = 2;
const LOG_NONE = 4;

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
  /** An attempt failed; the next one is planned (set by the controller, never by the adapter). */
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

/** What one attempt joins with. */
export interface RtcTarget {
  appId: string;
  channel: string;
  /** RTC token (`null` for an App ID without certificate). */
  token: string | null;
  /** The uid the token was issued for; `null` lets Agora choose. */
  uid: UID | null;
}

export interface RtcAudienceOptions {
  /** Where the host's video plays (inside the player's shadow root). */
  container: HTMLElement;
  /** `ultra-low` (level 2, default) or `low` (level 1); read at each join. */
  latency?: () => 'ultra-low' | 'low';
  /** The SDK module; default {@link loadAgoraRtc}. */
  loadSdk?: () => Promise<RtcSdk>;
  /** A fresh RTC token for `token-privilege-will-expire`. */
  renewToken?: () => Promise<string | null>;
  /** How often stats are read while joined, in ms. */
  statsEveryMs?: number;
  onState?: (state: RtcState) => void;
  onStats?: (stats: RtcStats) => void;
  onAutoplayBlocked?: () => void;
  /** The SDK gave up on a joined link (network, kicked, token expired): join again later. */
  onDropped?: (error: TransportError) => void;
  /** Co-hosting: true for a guest on stage, whose tracks stay out of the host's box (the stage tiles play them). */
  isGuest?: (uid: string) => boolean;
  /** A guest's tracks came or went. */
  onGuests?: () => void;
}

/** A track this client publishes as a guest on stage (the SDK's custom track). */
interface StageTrack {
  readonly trackMediaType: 'audio' | 'video';
}
type StageSdk = RtcSdk & {
  createCustomVideoTrack(config: { mediaStreamTrack: MediaStreamTrack; bitrateMax?: number }): StageTrack;
  createCustomAudioTrack(config: { mediaStreamTrack: MediaStreamTrack }): StageTrack;
};
type StageClient = RtcClient & Pick<IAgoraRTCClient, 'publish' | 'unpublish'>;

/** `network-quality` grades: 1–2 good, 3 fair, 4–5 poor, 6 down. */
const POOR = 4;
const GOOD = 2;

/**
 * The SDK's logging and reporting are global, shared by every player on the page: quiet while some
 * audience has failed and none is joined, normal (warnings and errors, reports on) otherwise.
 */
const failing = new Set<object>();
const joinedAudiences = new Set<object>();
let quietSdk: RtcSdk | null = null;
let quiet: boolean | null = null;

let reporting: boolean | null = null;

function applyQuiet(sdk: RtcSdk): void {
  quietSdk = sdk;
  const nextQuiet = failing.size > 0 && joinedAudiences.size === 0;
  // Event reports only while joined: before a join they are all the SDK sends, offline a failing request every few seconds.
  const nextReporting = joinedAudiences.size > 0;
  try {
    if (nextQuiet !== quiet) sdk.setLogLevel?.(nextQuiet ? LOG_NONE : LOG_WARNING);
    if (nextReporting !== reporting) sdk.setParameter?.('ENABLE_EVENT_REPORT', nextReporting);
  } catch {
    // An SDK without these knobs is merely noisier.
  }
  quiet = nextQuiet;
  reporting = nextReporting;
}

function noteAudience(audience: object, state: 'failing' | 'joined' | 'gone'): void {
  failing.delete(audience);
  joinedAudiences.delete(audience);
  if (state === 'failing') failing.add(audience);
  else if (state === 'joined') joinedAudiences.add(audience);
  if (quietSdk) applyQuiet(quietSdk);
}

/** How many audiences on the page are joined (the SDK is quiet only while none is). */
export function joinedAudienceCount(): number {
  return joinedAudiences.size;
}

/** Called once per loaded SDK: no log upload, warnings and errors only (never INFO, which echoes API options). */
function configureSdk(sdk: RtcSdk): void {
  try {
    sdk.disableLogUpload?.();
    sdk.setLogLevel?.(LOG_WARNING);
  } catch {
    // see applyQuiet
  }
  quiet = false;
  reporting = null;
  applyQuiet(sdk);
}

const prefix = 'Live video (Agora RTC): ';
const CONNECT_HINT =
  'Check the network, and that connect-src allows https://*.agora.io wss://*.agora.io https://*.sd-rtn.com wss://*.sd-rtn.com (docs/agora.md).';

/** Error codes the SDK uses for a network it cannot get through. */
const NETWORK_CODES = new Set(['NETWORK_ERROR', 'NETWORK_TIMEOUT', 'NETWORK_RESPONSE_ERROR', 'WS_ABORT', 'WS_DISCONNECT', 'WS_ERR', 'TIMEOUT']);
/** Gateway answers that mean the credentials, not the network. */
const CREDENTIALS = /token|dynamic|static key|vendor key|appid|app id|certificate|authoriz/i;

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** The code (string, like `NETWORK_ERROR`) an `AgoraRTCError` carries. */
function sdkCode(error: unknown): string {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : '';
}

/** Names why `join()` failed: credentials, a duplicate uid, or the network. */
export function joinError(error: unknown): TransportError {
  const code = sdkCode(error);
  const text = describe(error);
  if (code === 'UID_CONFLICT') {
    return transportError('agora-duplicate-user', `${prefix}another client joined the channel with the same uid (${text}).`, error);
  }
  if (code === 'CAN_NOT_GET_GATEWAY_SERVER' && CREDENTIALS.test(text)) {
    return transportError(
      'agora-credentials',
      `${prefix}Agora refused the credentials (${text}). Check that the token endpoint signs an RTC token for this App ID, channel and uid, with the same certificate as the project (docs/tokens.md).`,
      error,
    );
  }
  if (code === 'INVALID_PARAMS' || code === 'INVALID_OPERATION') {
    return transportError('agora-join-failed', `${prefix}join was refused (${text}).`, error);
  }
  if (NETWORK_CODES.has(code) || code === 'CAN_NOT_GET_GATEWAY_SERVER' || !code) {
    return transportError('agora-unreachable', `${prefix}cannot reach Agora (${text}). ${CONNECT_HINT}`, error);
  }
  return transportError('agora-join-failed', `${prefix}join failed (${text}).`, error);
}

/** Names why a joined link ended (`connection-state-change` to DISCONNECTED). */
function droppedError(reason: string): TransportError {
  if (/TOKEN|BANNED|KICKED/i.test(reason)) {
    return transportError('agora-credentials', `${prefix}Agora ended the session (${reason}); joining again with a fresh token.`);
  }
  return transportError('agora-link-failed', `${prefix}the link to Agora dropped (${reason}); joining again. ${CONNECT_HINT}`);
}

/**
 * Names why code failed to load: a Content-Security-Policy violation seen meanwhile names its
 * directive; a WebAssembly compile refusal names `'wasm-unsafe-eval'`; otherwise the network.
 */
export function loadError(error: unknown, violation: SecurityPolicyViolationEvent | null): TransportError {
  const text = describe(error);
  if (violation) {
    const directive = violation.effectiveDirective || violation.violatedDirective;
    const blocked = violation.blockedURI || 'the code';
    return transportError(
      'sdk-load-failed',
      `${prefix}the page's Content-Security-Policy blocked ${blocked} (${directive}). Allow it as docs/agora.md shows.`,
      error,
    );
  }
  if (/WebAssembly|wasm/i.test(text) || (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.CompileError)) {
    return transportError(
      'sdk-load-failed',
      `${prefix}the browser refused to compile the SDK's WebAssembly (${text}); the Content-Security-Policy needs script-src 'wasm-unsafe-eval' (docs/agora.md).`,
      error,
    );
  }
  return transportError('sdk-load-failed', `${prefix}could not load the SDK (${text}). Check the network and that script-src allows where Linger is served from.`, error);
}

/**
 * Runs `load`, watching for Content-Security-Policy violations meanwhile so a failure can name the
 * directive that caused it. Rejects with a {@link TransportError}.
 */
export async function loadWatchingCsp<T>(load: () => Promise<T>): Promise<T> {
  let violation: SecurityPolicyViolationEvent | null = null;
  const seen = (event: SecurityPolicyViolationEvent) => (violation ??= event);
  const target = typeof document === 'undefined' ? null : document;
  target?.addEventListener('securitypolicyviolation', seen);
  try {
    return await load();
  } catch (error) {
    // The violation event is queued as a task: let it arrive before naming the cause.
    await new Promise((resolve) => setTimeout(resolve, 0));
    throw loadError(error, violation);
  } finally {
    target?.removeEventListener('securitypolicyviolation', seen);
  }
}

/** One audience connection, joined by successive `join()` attempts; `close()` ends it for good. */
export class RtcAudience {
  state: RtcState = 'idle';
  readonly stats: RtcStats = { quality: 0, delayMs: null, lowStream: false };
  private sdk: RtcSdk | null = null;
  private client: RtcClient | null = null;
  private hostUid: UID | null = null;
  private video: IRemoteVideoTrack | null = null;
  private audio: IRemoteAudioTrack | null = null;
  private audioOn = false;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private joined = false;
  private closed = false;
  private readonly off: Array<() => void> = [];
  /** Guests on stage: their remote tracks, kept out of the host's box. */
  private readonly guests = new Map<string, { video?: IRemoteVideoTrack; audio?: IRemoteAudioTrack }>();
  /** This client's own tracks while it is a guest on stage, and where its publisher token comes from. */
  private stage: { tracks: StageTrack[]; token: () => Promise<string | null> } | null = null;

  constructor(private readonly options: RtcAudienceOptions) {}

  /** Guests whose tracks arrived (co-hosting). */
  get guestIds(): string[] {
    return [...this.guests.keys()];
  }

  /** Plays a guest's video into `element` (a stage tile); its sound only when `withAudio`. */
  playGuest(uid: string, element: HTMLElement, withAudio: boolean): void {
    const tracks = this.guests.get(uid);
    if (tracks?.video && (!tracks.video.isPlaying || (tracks.video as { element?: HTMLElement }).element !== element)) tracks.video.play(element, { fit: 'cover' });
    if (!tracks?.audio) return;
    if (withAudio && this.audioOn) tracks.audio.play();
    else tracks.audio.stop();
  }

  /**
   * Co-hosting (docs/studio.md § Co-hosting): this viewer goes on stage on the same client — its
   * guest (publisher) token, the host role, then its camera and microphone published. The token is
   * renewed from `token` while on stage.
   */
  async goOnStage(stream: MediaStream, token: () => Promise<string | null>): Promise<void> {
    const client = this.client as StageClient | null;
    const sdk = this.sdk as StageSdk | null;
    if (!client || !sdk || !this.joined) throw transportError('agora-not-joined', `${prefix}not joined: cannot go on stage.`);
    const publisherToken = await token();
    if (publisherToken) await client.renewToken(publisherToken);
    await client.setClientRole('host');
    const tracks = stream.getTracks().map((track) =>
      track.kind === 'video' ? sdk.createCustomVideoTrack({ mediaStreamTrack: track, bitrateMax: 1000 }) : sdk.createCustomAudioTrack({ mediaStreamTrack: track }),
    );
    this.stage = { tracks, token };
    await client.publish(tracks as never);
  }

  /** Off the stage: unpublish, back to the audience role and a viewer's token. */
  async leaveStage(): Promise<void> {
    const client = this.client as StageClient | null;
    const stage = this.stage;
    this.stage = null;
    if (!client || !stage) return;
    await client.unpublish(stage.tracks as never).catch(() => undefined);
    const level = this.options.latency?.() === 'low' ? 1 : 2;
    await client.setClientRole('audience', { level } as ClientRoleOptions).catch(() => undefined);
    await this.renew();
  }

  /** True while joined to a channel. */
  get isJoined(): boolean {
    return this.joined;
  }

  /** One attempt: loads the SDK (once), makes the client (once) and joins. Rejects with a {@link TransportError}. */
  async join(target: RtcTarget): Promise<void> {
    if (this.closed) throw transportError('closed', `${prefix}the player was closed.`);
    if (this.joined) return;
    this.set('connecting');
    const sdk = await this.load();
    if (this.closed) throw transportError('closed', `${prefix}the player was closed.`);
    const client = (this.client ??= this.listen(sdk.createClient({ mode: 'live', codec: 'vp8', httpRetryConfig: RTC_RETRY, websocketRetryConfig: RTC_RETRY })));
    try {
      const level = this.options.latency?.() === 'low' ? 1 : 2;
      await client.setClientRole('audience', { level } as ClientRoleOptions);
      await client.join(target.appId, target.channel, target.token, target.uid);
    } catch (error) {
      noteAudience(this, 'failing');
      throw joinError(error);
    }
    if (this.closed) {
      await client.leave().catch(() => undefined);
      throw transportError('closed', `${prefix}the player was closed.`);
    }
    this.joined = true;
    noteAudience(this, 'joined');
    this.set(this.video ? 'live' : 'waiting');
    clearInterval(this.statsTimer);
    this.statsTimer = setInterval(() => this.readStats(), this.options.statsEveryMs ?? 2000);
  }

  /** Loads the SDK (once; again after a failed load). Rejects with a {@link TransportError}. */
  async load(): Promise<RtcSdk> {
    if (this.sdk) return this.sdk;
    const sdk = await loadWatchingCsp(this.options.loadSdk ?? loadAgoraRtc);
    if (!this.sdk) {
      this.sdk = sdk;
      configureSdk(sdk);
      sdk.onAutoplayFailed?.(() => this.options.onAutoplayBlocked?.());
    }
    return this.sdk;
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
    noteAudience(this, 'gone');
    clearInterval(this.statsTimer);
    for (const stop of this.off.splice(0)) stop();
    this.video?.stop();
    this.audio?.stop();
    this.video = this.audio = null;
    for (const guest of this.guests.values()) for (const track of [guest.video, guest.audio]) track?.stop();
    this.guests.clear();
    this.stage = null;
    const client = this.client;
    this.client = null;
    const joined = this.joined;
    this.joined = false;
    this.set('closed');
    if (client && joined) await client.leave().catch(() => undefined);
  }

  private listen(client: RtcClient): RtcClient {
    const on = <A extends unknown[]>(event: string, listener: (...args: A) => void) => {
      (client.on as (event: string, listener: (...args: A) => void) => void)(event, listener);
      this.off.push(() => (client.off as (event: string, listener: (...args: A) => void) => void)(event, listener));
    };
    on('user-published', (user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel') => void this.subscribe(user, mediaType));
    on('user-unpublished', (user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel') => {
      const guest = this.guests.get(String(user.uid));
      if (guest && (mediaType === 'audio' || mediaType === 'video')) {
        guest[mediaType]?.stop();
        delete guest[mediaType];
        if (!guest.audio && !guest.video) this.guests.delete(String(user.uid));
        this.options.onGuests?.();
      } else if (mediaType === 'video' && user.uid === this.hostUid) {
        this.video?.stop();
        this.video = null;
        if (this.state === 'live') this.set('waiting');
      } else if (mediaType === 'audio') {
        this.audio?.stop();
        this.audio = null;
      }
    });
    on('connection-state-change', (current: ConnectionState, _previous: ConnectionState, reason?: ConnectionDisconnectedReason) => {
      if (this.closed || !this.joined) return;
      if (current === 'RECONNECTING') this.set('reconnecting');
      else if (current === 'CONNECTED') this.set(this.video ? 'live' : 'waiting');
      else if (current === 'DISCONNECTED' && String(reason) !== 'LEAVE') {
        // The SDK gave up (network, kicked, token expired): the caller joins again with backoff.
        this.joined = false;
        clearInterval(this.statsTimer);
        this.video?.stop();
        this.audio?.stop();
        this.video = this.audio = null;
        this.hostUid = null;
        noteAudience(this, 'failing');
        this.set('idle');
        this.options.onDropped?.(droppedError(String(reason ?? 'unknown')));
      }
    });
    on('network-quality', (quality: NetworkQuality) => this.qualityChanged(quality.downlinkNetworkQuality));
    on('stream-fallback', (uid: UID, kind: 'fallback' | 'recover') => {
      if (uid !== this.hostUid) return;
      this.stats.lowStream = kind === 'fallback';
      this.options.onStats?.({ ...this.stats });
    });
    on('token-privilege-will-expire', () => void this.renew());
    return client;
  }

  private async subscribe(user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video' | 'datachannel'): Promise<void> {
    const client = this.client;
    if (!client || this.closed || mediaType === 'datachannel') return;
    if (this.options.isGuest?.(String(user.uid))) return this.subscribeGuest(client, user, mediaType);
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
      console.warn('[linger] could not subscribe to the host:', describe(error));
    }
  }

  private async subscribeGuest(client: RtcClient, user: IAgoraRTCRemoteUser, mediaType: 'audio' | 'video'): Promise<void> {
    try {
      const track = await client.subscribe(user, mediaType as 'video');
      if (this.closed) return;
      const uid = String(user.uid);
      this.guests.set(uid, { ...this.guests.get(uid), [mediaType]: track });
      this.options.onGuests?.();
    } catch (error) {
      console.warn('[linger] could not subscribe to a guest on stage:', describe(error));
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
      console.debug('[linger] stream switch failed:', describe(error));
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
    const source = this.stage?.token ?? this.options.renewToken;
    if (!source || !this.client) return;
    try {
      const token = await source();
      if (token && this.client) await this.client.renewToken(token);
    } catch (error) {
      // Never the error object itself: an SDK error may quote the request.
      console.warn('[linger] RTC token renewal failed:', sdkCode(error) || 'error');
    }
  }

  private set(state: RtcState): void {
    this.state = state;
    this.options.onState?.(state);
  }
}
