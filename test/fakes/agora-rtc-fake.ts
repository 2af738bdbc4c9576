/**
 * A fake of `agora-rtc-sdk-ng/esm` at its module boundary, for browser tests of the player: the
 * same `createClient` / `onAutoplayFailed` exports, a client with the SDK's method names and event
 * names, remote tracks with `play(element)` / `stop()`, over a controllable "cloud" that plays the
 * host and the network. Nothing here knows about Linger.
 *
 * Behaviour taken from the SDK and docs/agora.md:
 * - `join()` without bounded `httpRetryConfig`/`websocketRetryConfig` never settles offline (the
 *   SDK retries forever by default); with them it rejects with `NETWORK_ERROR` after a short while;
 * - `connection-state-change(cur, prev, reason)` with CONNECTING/CONNECTED/RECONNECTING/DISCONNECTED;
 * - `user-published(user, mediaType)` for tracks already published when one joins, and as they come;
 * - `track.play(element)` needs an element (a string id is looked up in `document`, which a shadow
 *   root hides: the fake throws then, like the SDK's failed lookup);
 * - `onAutoplayFailed` fires once per page before a gesture when a track cannot autoplay;
 * - `network-quality {uplinkNetworkQuality, downlinkNetworkQuality}`, `stream-fallback(uid, kind)`,
 *   `token-privilege-will-expire`, `getRemoteVideoStats()[uid].end2EndDelay`;
 * - `setLogLevel(level)` (0 debug … 4 none; the SDK's default prints INFO), `disableLogUpload()`,
 *   `setParameter(key, value)`. Like the SDK's API-invoke log, the fake prints the options of
 *   `join` and `renewToken` — the token among them — at INFO level (1), so a test can tell whether
 *   the level keeps tokens out of the console;
 * - a gateway that refuses a token rejects `join` with `CAN_NOT_GET_GATEWAY_SERVER` and a message
 *   that names the token (never quotes it), as the SDK does.
 */
import type {
  ClientConfig,
  ClientRoleOptions,
  ConnectionDisconnectedReason,
  ConnectionState,
  IAgoraRTCRemoteUser,
  RemoteStreamFallbackType,
  RemoteStreamType,
  UID,
} from '../../src/types/agora-rtc.js';
import type { RtcClient, RtcSdk } from '../../src/media/agora-rtc.js';

type Listener = (...args: any[]) => void;

/** A remote track: plays by appending a `<video>` (or nothing, for audio) to the given element. */
export class FakeRemoteTrack {
  isPlaying = false;
  plays = 0;
  element: HTMLElement | null = null;
  private node: HTMLVideoElement | null = null;
  constructor(
    readonly cloud: FakeRtcCloud,
    readonly trackMediaType: 'audio' | 'video',
    readonly uid: UID,
  ) {}
  play(element?: string | HTMLElement): void {
    this.plays++;
    if (this.trackMediaType === 'video') {
      if (typeof element === 'string') {
        const found = document.getElementById(element);
        if (!found) throw new Error(`[fake RTC] no element with id "${element}" in the document`);
        element = found;
      }
      if (!element) throw new Error('[fake RTC] video track play() needs an element');
      this.element = element;
      if (!this.node) {
        this.node = document.createElement('video');
        this.node.dataset.fakeUid = String(this.uid);
        this.node.muted = true;
        this.node.playsInline = true;
      }
      element.append(this.node);
    }
    if (this.cloud.autoplayBlocked && !this.cloud.gestured) {
      this.isPlaying = false;
      this.cloud.reportAutoplayFailed();
      return;
    }
    this.isPlaying = true;
  }
  stop(): void {
    this.isPlaying = false;
    this.node?.remove();
  }
}

/** A local (published) custom track around a `MediaStreamTrack`, as `createCustomVideoTrack` makes it. */
export class FakeLocalTrack {
  replaced = 0;
  constructor(
    readonly trackMediaType: 'audio' | 'video',
    public mediaStreamTrack: MediaStreamTrack,
    readonly config: Record<string, unknown>,
  ) {}
  getMediaStreamTrack(): MediaStreamTrack {
    return this.mediaStreamTrack;
  }
  /** The SDK's LocalTrack.replaceTrack: the published track carries another capture. */
  async replaceTrack(track: MediaStreamTrack, stopOldTrack: boolean): Promise<void> {
    if (stopOldTrack) this.mediaStreamTrack.stop();
    this.mediaStreamTrack = track;
    this.replaced++;
  }
}

export class FakeRtcClient implements RtcClient {
  readonly calls: Array<[string, ...unknown[]]> = [];
  /** What this client publishes (host role). */
  readonly localTracks: FakeLocalTrack[] = [];
  dualStream = false;
  uid: UID | null = null;
  connectionState: ConnectionState = 'DISCONNECTED';
  role: string | null = null;
  roleOptions: ClientRoleOptions | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private joined = false;

  constructor(
    readonly cloud: FakeRtcCloud,
    readonly config: ClientConfig,
  ) {}

  on(event: string, listener: Listener): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }
  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  async setClientRole(role: 'host' | 'audience', options?: ClientRoleOptions): Promise<void> {
    this.calls.push(['setClientRole', role, options]);
    this.role = role;
    this.roleOptions = options;
  }

  async join(appid: string, channel: string, token: string | null, uid?: UID | null): Promise<UID> {
    this.calls.push(['join', appid, channel, token, uid]);
    this.cloud.joinTimes.push(performance.now());
    this.cloud.log(1, `[apiInvoke][Client.join] start ${JSON.stringify([appid, channel, token, uid])}`);
    this.setState('CONNECTING');
    const failure = this.cloud.joinFailures.shift();
    if (failure) {
      await Promise.resolve();
      this.setState('DISCONNECTED', 'NETWORK_ERROR' as ConnectionDisconnectedReason);
      throw Object.assign(new Error(`AgoraRTCError ${failure.code}: ${failure.message}`), { code: failure.code, name: 'AgoraRTCException' });
    }
    if (!this.cloud.online) {
      const bounded = this.config.httpRetryConfig && this.config.websocketRetryConfig;
      // Unbounded: the SDK keeps retrying and join() never settles.
      if (!bounded) return new Promise<UID>(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, this.cloud.offlineJoinMs));
      this.setState('DISCONNECTED', 'NETWORK_ERROR' as ConnectionDisconnectedReason);
      throw Object.assign(new Error('AgoraRTCError NETWORK_ERROR: join failed'), { code: 'NETWORK_ERROR', name: 'AgoraRTCException' });
    }
    if (this.cloud.rejectToken && token !== this.cloud.rejectToken.valid) {
      this.setState('DISCONNECTED', 'UID_BANNED' as ConnectionDisconnectedReason);
      throw Object.assign(new Error('AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid token'), { code: 'CAN_NOT_GET_GATEWAY_SERVER' });
    }
    await Promise.resolve();
    this.joined = true;
    this.cloud.joined.add(this);
    this.setState('CONNECTED');
    for (const [hostUid, kinds] of this.cloud.published) for (const kind of kinds) this.emit('user-published', this.cloud.user(hostUid), kind);
    this.uid = uid ?? 1000 + this.cloud.clients.indexOf(this);
    return this.uid;
  }

  /** Like the SDK: only a joined host-role client may publish. */
  async publish(tracks: FakeLocalTrack | FakeLocalTrack[]): Promise<void> {
    const list = Array.isArray(tracks) ? tracks : [tracks];
    this.calls.push(['publish', list.map((track) => track.trackMediaType)]);
    if (!this.joined) throw Object.assign(new Error('AgoraRTCError INVALID_OPERATION: publish before join'), { code: 'INVALID_OPERATION' });
    if (this.role !== 'host') throw Object.assign(new Error('AgoraRTCError INVALID_OPERATION: audience can not publish'), { code: 'INVALID_OPERATION' });
    for (const track of list) {
      this.localTracks.push(track);
      this.cloud.publish(this.uid!, track.trackMediaType);
    }
  }

  async unpublish(tracks?: FakeLocalTrack | FakeLocalTrack[]): Promise<void> {
    const list = tracks === undefined ? [...this.localTracks] : Array.isArray(tracks) ? tracks : [tracks];
    this.calls.push(['unpublish', list.map((track) => track.trackMediaType)]);
    for (const track of list) {
      this.localTracks.splice(this.localTracks.indexOf(track), 1);
      this.cloud.unpublish(this.uid!, track.trackMediaType);
    }
  }

  async enableDualStream(): Promise<void> {
    this.calls.push(['enableDualStream']);
    this.dualStream = true;
  }

  setLowStreamParameter(parameter: unknown): void {
    this.calls.push(['setLowStreamParameter', parameter]);
  }

  async leave(): Promise<void> {
    this.calls.push(['leave']);
    this.joined = false;
    this.cloud.joined.delete(this);
    this.setState('DISCONNECTED', 'LEAVE' as ConnectionDisconnectedReason);
  }

  async subscribe(user: IAgoraRTCRemoteUser | UID, mediaType: 'video' | 'audio' | 'datachannel'): Promise<any> {
    const uid = typeof user === 'object' ? user.uid : user;
    this.calls.push(['subscribe', uid, mediaType]);
    if (!this.joined) throw new Error('[fake RTC] subscribe before join');
    if (mediaType === 'datachannel') throw new Error('[fake RTC] no data channels');
    const track = new FakeRemoteTrack(this.cloud, mediaType, uid);
    this.cloud.tracks.push(track);
    return track;
  }

  async renewToken(token: string): Promise<void> {
    this.calls.push(['renewToken', token]);
    this.cloud.log(1, `[apiInvoke][Client.renewToken] start ${JSON.stringify([token])}`);
  }

  async setRemoteVideoStreamType(uid: UID, streamType: RemoteStreamType): Promise<void> {
    this.calls.push(['setRemoteVideoStreamType', uid, streamType]);
  }

  async setStreamFallbackOption(uid: UID, fallbackType: RemoteStreamFallbackType): Promise<void> {
    this.calls.push(['setStreamFallbackOption', uid, fallbackType]);
  }

  getRemoteVideoStats(): ReturnType<RtcClient['getRemoteVideoStats']> {
    const stats: Record<string, unknown> = {};
    for (const uid of this.cloud.published.keys()) stats[String(uid)] = { end2EndDelay: this.cloud.delayMs, transportDelay: 20, freezeRate: 0, packetLossRate: 0 };
    return stats as ReturnType<RtcClient['getRemoteVideoStats']>;
  }

  /** @internal */
  setState(next: ConnectionState, reason?: ConnectionDisconnectedReason): void {
    const previous = this.connectionState;
    if (previous === next) return;
    this.connectionState = next;
    this.emit('connection-state-change', next, previous, reason);
  }

  get isJoined(): boolean {
    return this.joined;
  }
}

/** The network, the host and the page, as the fake SDK sees them. */
export class FakeRtcCloud {
  online = true;
  /** How long an offline join takes to fail with bounded retries. */
  offlineJoinMs = 30;
  /** When set, joins with another token fail. */
  rejectToken: { valid: string } | null = null;
  /** The page blocks autoplay until a gesture (`gesture()`). */
  autoplayBlocked = false;
  gestured = false;
  delayMs = 180;
  readonly clients: FakeRtcClient[] = [];
  readonly joined = new Set<FakeRtcClient>();
  readonly tracks: FakeRemoteTrack[] = [];
  readonly published = new Map<UID, Set<'audio' | 'video'>>();
  private autoplayCallbacks: Array<() => void> = [];
  private autoplayReported = false;
  /** How many times the module was "imported". */
  loads = 0;
  /** The SDK's log level (`setLogLevel`); the SDK starts at INFO (1). */
  logLevel = 1;
  logUploadDisabled = false;
  readonly parameters = new Map<string, unknown>();
  /** Errors the next joins reject with, one per join, before the network is considered. */
  readonly joinFailures: Array<{ code: string; message: string }> = [];
  /** When each `join()` was called (performance.now()). */
  readonly joinTimes: number[] = [];

  /** Prints like the SDK's logger: only at or above the set level. */
  log(level: number, message: string): void {
    if (level < this.logLevel) return;
    const print = level >= 3 ? console.error : level === 2 ? console.warn : console.info;
    print(`Agora-SDK [${['DEBUG', 'INFO', 'WARNING', 'ERROR'][level]}]: ${message}`);
  }

  /** The module as `import('agora-rtc-sdk-ng/esm')` would give it. */
  module(): RtcSdk {
    const createClient = (config: ClientConfig): FakeRtcClient => {
      const client = new FakeRtcClient(this, config);
      this.clients.push(client);
      return client;
    };
    const onAutoplayFailed = (fn: () => void): void => {
      this.autoplayCallbacks = [fn];
    };
    const setLogLevel = (level: number): void => {
      this.logLevel = level;
    };
    const disableLogUpload = (): void => {
      this.logUploadDisabled = true;
    };
    const setParameter = (key: string, value: unknown): void => {
      this.parameters.set(key, value);
    };
    const createCustomVideoTrack = (config: { mediaStreamTrack: MediaStreamTrack }) => new FakeLocalTrack('video', config.mediaStreamTrack, config);
    const createCustomAudioTrack = (config: { mediaStreamTrack: MediaStreamTrack }) => new FakeLocalTrack('audio', config.mediaStreamTrack, config);
    return { createClient, onAutoplayFailed, setLogLevel, disableLogUpload, setParameter, createCustomVideoTrack, createCustomAudioTrack } as RtcSdk;
  }

  /** A `loadSdk` for the player. */
  loader(): () => Promise<RtcSdk> {
    return async () => {
      this.loads++;
      return this.module();
    };
  }

  get client(): FakeRtcClient | undefined {
    return this.clients[this.clients.length - 1];
  }

  user(uid: UID): IAgoraRTCRemoteUser {
    const kinds = this.published.get(uid) ?? new Set();
    return { uid, hasAudio: kinds.has('audio'), hasVideo: kinds.has('video') } as IAgoraRTCRemoteUser;
  }

  /** The host publishes a track. */
  publish(uid: UID, mediaType: 'audio' | 'video'): void {
    let kinds = this.published.get(uid);
    if (!kinds) this.published.set(uid, (kinds = new Set()));
    kinds.add(mediaType);
    for (const client of this.joined) client.emit('user-published', this.user(uid), mediaType);
  }

  unpublish(uid: UID, mediaType: 'audio' | 'video'): void {
    this.published.get(uid)?.delete(mediaType);
    for (const client of this.joined) client.emit('user-unpublished', this.user(uid), mediaType);
  }

  /** The link drops: the SDK says RECONNECTING, then CONNECTED when `restore()` is called. */
  dropLink(): void {
    for (const client of this.joined) client.setState('RECONNECTING', 'NETWORK_ERROR' as ConnectionDisconnectedReason);
  }
  restoreLink(): void {
    for (const client of this.joined) client.setState('CONNECTED');
  }

  /** The SDK gives up on the link (e.g. a long outage). */
  disconnect(reason = 'NETWORK_ERROR'): void {
    for (const client of [...this.joined]) {
      this.joined.delete(client);
      client.setState('DISCONNECTED', reason as ConnectionDisconnectedReason);
    }
  }

  networkQuality(downlink: number, uplink = 1): void {
    for (const client of this.joined) client.emit('network-quality', { downlinkNetworkQuality: downlink, uplinkNetworkQuality: uplink });
  }

  streamFallback(uid: UID, kind: 'fallback' | 'recover'): void {
    for (const client of this.joined) client.emit('stream-fallback', uid, kind);
  }

  tokenWillExpire(): void {
    for (const client of this.joined) client.emit('token-privilege-will-expire');
  }

  /** A user gesture on the page lifts the autoplay block. */
  gesture(): void {
    this.gestured = true;
  }

  /** @internal */
  reportAutoplayFailed(): void {
    if (this.autoplayReported) return;
    this.autoplayReported = true;
    for (const callback of this.autoplayCallbacks) callback();
  }
}
