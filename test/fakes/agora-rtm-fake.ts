/**
 * A fake of the `agora-rtm-sdk` module for browser tests: the same default-export shape
 * (`{ RTM, VERSION, BUILD, RTMBaseError }`), the same methods, events, error codes and limits as the
 * SDK 2.3.0 code shows, over an in-memory "cloud" that several clients share — so one test can run
 * a host and its viewers. Nothing here knows about Linger.
 *
 * Behaviour taken from the SDK (see docs/agora.md and the SDK's agora-rtm.js):
 * - `new RTM` throws −10003 for a bad App ID, −10006 for a bad user id, and −10027 when an RTM for the
 *   same App ID + user was ever built on the page (the SDK never forgets one, even after logout);
 * - login while a login is in flight rejects −10017; offline it never settles until `logout()`
 *   cancels it (−10023); calls that need a session reject −10025 before login;
 * - logout drops every event listener;
 * - publish: payload ≤ 32,768 bytes (−11010), customType ≤ 32 bytes (−11029), USER target must be
 *   online (−11033); the message channel echoes to the publisher when it is subscribed;
 * - storage: ≤ 32 items (−12002), key 1–32 bytes of the name charset (−12009/−12011), value a string
 *   (−12010) ≤ 16,384 bytes (−12012), total ≤ 16,384 bytes (−12006), revision check (−12014);
 * - subscribing an already subscribed channel is a no-op (the SDK diffs the options).
 */
import type {
  ErrorInfo,
  GetChannelMetadataResponse,
  LoginResponse,
  LogoutResponse,
  MetaDataDetail,
  MetadataItem,
  MetadataOptions,
  PublishOptions,
  PublishResponse,
  RenewTokenResponse,
  RTMConfig,
  RTMEvents,
  SetChannelMetadataResponse,
  StorageData,
  SubscribeOptions,
  SubscribeResponse,
  UnsubscribeResponse,
  WhoNowResponse,
  ChannelType,
} from 'agora-rtm-sdk';
import type { AgoraRtmClient, AgoraRtmModule } from '../../src/transports/agora-rtm.js';

type EventMap = RTMEvents.RTMClientEventMap;
type LinkState = RTMEvents.LinkState;

const MAX_MESSAGE_BYTES = 32_768;
const MAX_CUSTOM_TYPE_BYTES = 32;
const MAX_STORAGE_ITEMS = 32;
const MAX_STORAGE_KEY_BYTES = 32;
const MAX_STORAGE_VALUE_BYTES = 16_384;
const MAX_STORAGE_TOTAL_BYTES = 16_384;
// The SDK's own checks (agora-rtm.js `Dw` and `dw`).
const APP_ID = /^[\dA-Za-z]{32}$/;
const NAME = /^[a-zA-Z0-9 !#$%&()+,\-:;<=>?@[\]^_{|}~]{1,64}$/;

/** Reasons as the SDK words them, for the codes the fake raises. */
const REASONS: Record<number, string> = {
  [-10003]: 'Invalid app ID.',
  [-10005]: 'Invalid token.',
  [-10006]: 'Invalid user ID.',
  [-10008]: 'Invalid channel name.',
  [-10016]: 'The app ID is inconsistent with the token.',
  [-10017]: 'Duplicate operation.',
  [-10023]: 'Login operation was canceled by user.',
  [-10025]: 'Perform operation failed due to RTM service is not connected',
  [-10027]: 'The user ID is already in use by another active RTM instance with the same app ID.',
  [-11010]: 'Message length exceeds the limitation.',
  [-11029]: 'Custom type length overflow.',
  [-11033]: 'Publish a message to user now is offline.',
  [-12002]: 'Metadata item count exceeds the limitation.',
  [-12006]: 'Metadata length overflow.',
  [-12009]: 'Invalid metadata key.',
  [-12010]: 'Invalid metadata value.',
  [-12011]: 'Metadata key length overflow.',
  [-12012]: 'Metadata value length overflow.',
  [-12014]: 'Outdated revision.',
};

/** Shaped like the SDK's RTMBaseError: `{ code, reason, operation }` plus the ErrorInfo fields. */
export class FakeRtmError extends Error implements ErrorInfo {
  readonly error = true;
  readonly errorCode: number;
  readonly reason: string;

  constructor(
    readonly code: number,
    readonly operation: string,
    reason = REASONS[code] ?? 'Fake RTM error.',
  ) {
    super(`${operation}: ${reason}`);
    this.name = 'RTMBaseError';
    this.errorCode = code;
    this.reason = reason;
  }
}

/** How the next logins behave: succeed, hang as when offline, or fail with an SDK error code. */
export type LoginMode = 'ok' | 'hang' | number;

/** One recorded SDK call, for assertions. */
export interface FakeCall {
  method: string;
  args: unknown[];
}

interface ChannelState {
  subscribers: Map<FakeRtmClient, SubscribeOptions>;
  metadata: Map<string, MetaDataDetail>;
  majorRevision: number;
}

/** The module the fake stands in for; `extends` makes the compiler check it fits the adapter's SDK type. */
export interface FakeAgoraRtmModule extends AgoraRtmModule {
  readonly RTM: new (appId: string, userId: string, config?: RTMConfig) => FakeRtmClient;
  readonly VERSION: string;
  readonly BUILD: string;
  readonly RTMBaseError: typeof FakeRtmError;
}

/** The shared in-memory service: every client built from `cloud.module` talks through it. */
export class FakeAgoraCloud {
  /** How logins behave from now on. */
  loginMode: LoginMode = 'ok';
  /** An SDK error code every `renewToken` fails with from now on (e.g. −10005), or null. */
  renewFailure: number | null = null;
  /** Every client ever built, in order (the constructor count is `clients.length`). */
  readonly clients: FakeRtmClient[] = [];
  /** `appId-userId` of every RTM built: the SDK keeps this set for the page's lifetime. */
  readonly builtIds = new Set<string>();
  readonly module: FakeAgoraRtmModule;
  private readonly channels = new Map<string, ChannelState>();

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the SDK's constructor shape needs the cloud in a nested class
    const cloud = this;
    class RTM extends FakeRtmClient {
      constructor(appId: string, userId: string, config?: RTMConfig) {
        super(cloud, appId, userId, config);
      }
    }
    this.module = { RTM, VERSION: '2.3.0-fake', BUILD: 'fake', RTMBaseError: FakeRtmError };
  }

  /** Clients built for this user id. */
  clientsOf(userId: string): FakeRtmClient[] {
    return this.clients.filter((client) => client.userId === userId);
  }

  /** The stored channel metadata, as the service holds it. */
  metadataOf(appId: string, channel: string): Map<string, MetaDataDetail> {
    return this.channel(appId, channel).metadata;
  }

  /** Users subscribed to a channel. */
  subscribersOf(appId: string, channel: string): string[] {
    return [...this.channel(appId, channel).subscribers.keys()].map((client) => client.userId);
  }

  /** @internal */
  channel(appId: string, name: string): ChannelState {
    const key = `${appId}\n${name}`;
    let state = this.channels.get(key);
    if (!state) this.channels.set(key, (state = { subscribers: new Map(), metadata: new Map(), majorRevision: 0 }));
    return state;
  }

  /** @internal The connected client of a user, for user-channel delivery. */
  online(appId: string, userId: string): FakeRtmClient | undefined {
    return this.clients.find(
      (client) => client.appId === appId && client.userId === userId && client.linkState === 'CONNECTED',
    );
  }
}

/** One fake RTM client; tests drive the network through its helper methods. */
export class FakeRtmClient implements AgoraRtmClient {
  /** Every SDK method call, in order. */
  readonly calls: FakeCall[] = [];
  /** Tokens passed to `login`. */
  readonly loginTokens: Array<string | undefined> = [];
  /** Tokens passed to `renewToken`. */
  readonly renewedTokens: string[] = [];
  linkState: LinkState = 'IDLE';
  /** Channels this client is subscribed to, with the options. */
  readonly subscriptions = new Map<string, SubscribeOptions>();

  readonly presence: AgoraRtmClient['presence'] = {
    whoNow: (channelName, channelType) => this.whoNow(channelName, channelType),
  };
  readonly storage: AgoraRtmClient['storage'] = {
    setChannelMetadata: (channelName, channelType, data, options) =>
      this.setChannelMetadata(channelName, channelType, data, options),
    getChannelMetadata: (channelName, channelType) => this.getChannelMetadata(channelName, channelType),
  };

  private listeners: { [EventName in keyof EventMap]?: Set<EventMap[EventName]> } = {};
  private pendingLogin: ((error: FakeRtmError) => void) | null = null;

  constructor(
    private readonly cloud: FakeAgoraCloud,
    readonly appId: string,
    readonly userId: string,
    readonly config?: RTMConfig,
  ) {
    if (!APP_ID.test(appId)) throw new FakeRtmError(-10003, 'initRTM');
    if (!validName(userId)) throw new FakeRtmError(-10006, 'initRTM');
    const id = `${appId}-${userId}`;
    if (cloud.builtIds.has(id)) throw new FakeRtmError(-10027, 'initRTM');
    cloud.builtIds.add(id);
    cloud.clients.push(this);
  }

  /** Number of calls to `method`. */
  count(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  // ——— SDK surface ———

  async login(options?: { token?: string }): Promise<LoginResponse> {
    this.record('login', options);
    if (this.linkState === 'CONNECTING') throw new FakeRtmError(-10017, 'login');
    this.loginTokens.push(options?.token);
    const mode = this.cloud.loginMode;
    const previous = this.linkState;
    this.setLink('CONNECTING', previous, 'LOGIN', 'LOGIN');
    await tick();
    if (mode === 'hang') {
      // Offline: the SDK retries for ever; only logout ends it.
      return new Promise<LoginResponse>((_, reject) => {
        this.pendingLogin = reject;
      });
    }
    if (typeof mode === 'number') {
      this.setLink('FAILED', 'CONNECTING', 'LOGIN', mode === -10005 ? 'INVALID_TOKEN' : 'LOGIN_REJECTED');
      this.logRefusal(mode, 'login', options?.token);
      throw new FakeRtmError(mode, 'login');
    }
    this.setLink('CONNECTED', 'CONNECTING', 'LOGIN', 'LOGIN_SUCCESS');
    return { timestamp: Date.now() };
  }

  /**
   * The real SDK (2.3.0) logs a refused login or renewal at ERROR level with about half of the
   * token in clear, e.g. `Error Code -10005: login failed with args: {"tok**":"007eJx…***"}`
   * (measured by test/csp/agora-csp.test.ts); it prints nothing with `logLevel: 'none'`.
   */
  private logRefusal(code: number, method: string, token: string | undefined): void {
    const level = this.config?.logLevel ?? 'info';
    if (level === 'none' || token === undefined) return;
    const shown = `${token.slice(0, Math.ceil(token.length / 2))}${'*'.repeat(Math.floor(token.length / 2))}`;
    const args = method === 'login' ? JSON.stringify({ 'tok**': shown }) : shown;
    console.error(`Ins#1 RTM:ERROR [uid: ${this.userId}]<RTM> Error Code ${code}: ${method} failed with args: ${args}.`);
  }

  async logout(): Promise<LogoutResponse> {
    this.record('logout');
    const pending = this.pendingLogin;
    this.pendingLogin = null;
    for (const channel of [...this.subscriptions.keys()]) this.leave(channel, 'REMOTE_LEAVE');
    const previous = this.linkState;
    this.linkState = 'IDLE';
    this.emit('linkState', linkEvent('IDLE', previous, 'LOGOUT', 'LOGOUT'));
    // The SDK's logout destroys the event listeners.
    this.listeners = {};
    pending?.(new FakeRtmError(-10023, 'login'));
    return { timestamp: Date.now() };
  }

  async renewToken(token: string): Promise<RenewTokenResponse> {
    this.record('renewToken', token);
    this.requireSession('renewToken');
    if (this.cloud.renewFailure !== null) {
      this.logRefusal(this.cloud.renewFailure, 'renewToken', token);
      throw new FakeRtmError(this.cloud.renewFailure, 'renewToken');
    }
    this.renewedTokens.push(token);
    return { timestamp: Date.now() };
  }

  async subscribe(channelName: string, options?: SubscribeOptions): Promise<SubscribeResponse> {
    this.record('subscribe', channelName, options);
    this.requireSession('subscribe');
    requireChannelName(channelName, 'subscribe');
    await tick();
    this.requireSession('subscribe');
    if (this.subscriptions.has(channelName)) return { timestamp: Date.now(), channelName };
    const settings: SubscribeOptions = { withMessage: true, ...options };
    this.subscriptions.set(channelName, settings);
    const channel = this.cloud.channel(this.appId, channelName);
    channel.subscribers.set(this, settings);
    if (counted(settings)) {
      for (const [other, otherSettings] of channel.subscribers) {
        if (other !== this && otherSettings.withPresence)
          other.deliver('presence', presenceEvent('REMOTE_JOIN', channelName, this.userId));
      }
    }
    if (settings.withPresence) {
      const snapshot = [...channel.subscribers].filter(([, s]) => counted(s)).map(([client]) => client.userId);
      this.deliver('presence', {
        ...presenceEvent('SNAPSHOT', channelName, this.userId),
        snapshot: snapshot.map(userState),
      });
    }
    return { timestamp: Date.now(), channelName };
  }

  async unsubscribe(channelName: string): Promise<UnsubscribeResponse> {
    this.record('unsubscribe', channelName);
    this.requireSession('unsubscribe');
    this.leave(channelName, 'REMOTE_LEAVE');
    return { timestamp: Date.now(), channelName };
  }

  async publish(channelName: string, message: string | Uint8Array, options?: PublishOptions): Promise<PublishResponse> {
    this.record('publish', channelName, message, options);
    this.requireSession('publish');
    const bytes = typeof message === 'string' ? byteLength(message) : message.length;
    if (bytes > MAX_MESSAGE_BYTES) throw new FakeRtmError(-11010, 'publish');
    const customType = options?.customType ?? '';
    if (byteLength(customType) > MAX_CUSTOM_TYPE_BYTES) throw new FakeRtmError(-11029, 'publish');
    const channelType = options?.channelType ?? 'MESSAGE';
    const event = (name: string): RTMEvents.MessageEvent => ({
      channelType,
      channelName: name,
      topicName: '',
      messageType: typeof message === 'string' ? 'STRING' : 'BINARY',
      customType,
      message,
      publisher: this.userId,
      timestamp: Date.now(),
      publishTime: Date.now(),
    });
    if (channelType === 'USER') {
      if (!validName(channelName)) throw new FakeRtmError(-10006, 'publish');
      const target = this.cloud.online(this.appId, channelName);
      if (!target) throw new FakeRtmError(-11033, 'publish');
      // On the user channel the event names the sending user as its channel.
      target.deliver('message', event(this.userId));
    } else {
      requireChannelName(channelName, 'publish');
      for (const [client, settings] of this.cloud.channel(this.appId, channelName).subscribers) {
        if (settings.withMessage !== false) client.deliver('message', event(channelName));
      }
    }
    return { timestamp: Date.now(), channelName };
  }

  addEventListener<EventName extends keyof EventMap>(eventName: EventName, listener: EventMap[EventName]): void {
    const set: Set<EventMap[EventName]> = this.listeners[eventName] ?? new Set<EventMap[EventName]>();
    set.add(listener);
    // Written through a cast: TypeScript cannot pair a generic key with its mapped value on write.
    (this.listeners as Record<EventName, Set<EventMap[EventName]>>)[eventName] = set;
  }

  removeEventListener<EventName extends keyof EventMap>(eventName: EventName, listener: EventMap[EventName]): void {
    this.listeners[eventName]?.delete(listener);
  }

  // ——— test controls ———

  /** Calls the listeners of `eventName` now, as the SDK would. */
  emit<EventName extends keyof EventMap>(eventName: EventName, ...args: Parameters<EventMap[EventName]>): void {
    const set: Set<EventMap[EventName]> | undefined = this.listeners[eventName];
    // The map's generic lookup loses the pairing of name and listener type: restore it.
    for (const listener of [...(set ?? [])]) (listener as (...values: typeof args) => void)(...args);
  }

  /** Number of listeners on `eventName`. */
  listenerCount(eventName: keyof EventMap): number {
    return this.listeners[eventName]?.size ?? 0;
  }

  /** The link drops (network lost): DISCONNECTED; calls reject −10025 until `restoreLink`. */
  dropLink(reasonCode: RTMEvents.LinkStateChangeReasonCode = 'KEEP_ALIVE_TIMEOUT'): void {
    this.setLink('DISCONNECTED', this.linkState, 'SERVER_TIMEOUT', reasonCode);
  }

  /**
   * The link comes back. Channels in `unrestoredChannels` (all of them when `isResumed` is false)
   * lost their subscription, and other users saw this one time out there.
   */
  restoreLink({
    isResumed = true,
    unrestoredChannels,
  }: { isResumed?: boolean; unrestoredChannels?: string[] } = {}): void {
    const lost = unrestoredChannels ?? (isResumed ? [] : [...this.subscriptions.keys()]);
    for (const channel of lost) this.leave(channel, 'REMOTE_TIMEOUT');
    const previous = this.linkState;
    this.linkState = 'CONNECTED';
    this.emit('linkState', {
      ...linkEvent('CONNECTED', previous, 'RECONNECTED', 'RECONNECT_SUCCESS'),
      isResumed,
      unrestoredChannels: lost,
    });
  }

  /** The link fails for good (kicked, token expired…). */
  failLink(reasonCode: RTMEvents.LinkStateChangeReasonCode = 'SAME_UID_LOGIN'): void {
    for (const channel of [...this.subscriptions.keys()]) this.leave(channel, 'REMOTE_LEAVE');
    this.setLink('FAILED', this.linkState, 'SERVER_REJECT', reasonCode);
  }

  /** The SDK warns that the token expires soon. */
  tokenWillExpire(): void {
    this.emit('tokenPrivilegeWillExpire', '');
  }

  // ——— internals ———

  /** Delivers an event "over the network": later, and only while connected. */
  private deliver<EventName extends 'message' | 'presence' | 'storage'>(
    eventName: EventName,
    ...args: Parameters<EventMap[EventName]>
  ): void {
    setTimeout(() => {
      if (this.linkState === 'CONNECTED') this.emit(eventName, ...args);
    }, 0);
  }

  private async whoNow(channelName: string, channelType: ChannelType): Promise<WhoNowResponse> {
    this.record('presence.whoNow', channelName, channelType);
    this.requireSession('whoNow');
    requireChannelName(channelName, 'whoNow');
    const present = [...this.cloud.channel(this.appId, channelName).subscribers].filter(([, s]) => counted(s));
    return {
      timestamp: Date.now(),
      totalOccupancy: present.length,
      occupants: present.map(([client]) => userState(client.userId)),
      nextPage: '',
    };
  }

  private async setChannelMetadata(
    channelName: string,
    channelType: ChannelType,
    data: MetadataItem[],
    options?: MetadataOptions,
  ): Promise<SetChannelMetadataResponse> {
    this.record('storage.setChannelMetadata', channelName, channelType, data, options);
    const operation = 'setChannelMetadata';
    this.requireSession(operation);
    requireChannelName(channelName, operation);
    if (data.length > MAX_STORAGE_ITEMS) throw new FakeRtmError(-12002, operation);
    let total = 0;
    for (const item of data) {
      if (!validName(item.key)) throw new FakeRtmError(-12009, operation);
      if (byteLength(item.key) > MAX_STORAGE_KEY_BYTES) throw new FakeRtmError(-12011, operation);
      if (typeof item.value !== 'string') throw new FakeRtmError(-12010, operation);
      const valueBytes = byteLength(item.value);
      if (valueBytes > MAX_STORAGE_VALUE_BYTES) throw new FakeRtmError(-12012, operation);
      total += valueBytes;
    }
    if (total > MAX_STORAGE_TOTAL_BYTES) throw new FakeRtmError(-12006, operation);
    const channel = this.cloud.channel(this.appId, channelName);
    for (const item of data) {
      const revision = item.revision ?? -1;
      const current = channel.metadata.get(item.key);
      // −1 last writer wins, 0 create only, >0 must match the stored revision.
      if ((revision === 0 && current) || (revision > 0 && current?.revision !== revision)) {
        throw new FakeRtmError(-12014, operation);
      }
    }
    for (const item of data) {
      const current = channel.metadata.get(item.key);
      channel.metadata.set(item.key, {
        value: item.value,
        revision: (current?.revision ?? 0) + 1,
        updated: options?.addTimeStamp ? Date.now() : 0,
        authorUid: options?.addUserId ? this.userId : '',
      });
    }
    channel.majorRevision++;
    const snapshot = this.storageData(channel);
    for (const [client, settings] of channel.subscribers) {
      if (settings.withMetadata) {
        client.deliver('storage', {
          channelType,
          channelName,
          publisher: this.userId,
          storageType: 'CHANNEL',
          eventType: 'UPDATE',
          data: snapshot,
          timestamp: Date.now(),
        });
      }
    }
    return { timestamp: Date.now(), channelName, channelType, totalCount: channel.metadata.size };
  }

  private async getChannelMetadata(channelName: string, channelType: ChannelType): Promise<GetChannelMetadataResponse> {
    this.record('storage.getChannelMetadata', channelName, channelType);
    this.requireSession('getChannelMetadata');
    requireChannelName(channelName, 'getChannelMetadata');
    const channel = this.cloud.channel(this.appId, channelName);
    return { timestamp: Date.now(), channelName, channelType, ...this.storageData(channel) };
  }

  private storageData(channel: ChannelState): StorageData {
    const metadata: Record<string, MetaDataDetail> = {};
    for (const [key, detail] of channel.metadata) metadata[key] = { ...detail };
    return { totalCount: channel.metadata.size, majorRevision: channel.majorRevision, metadata };
  }

  private leave(channelName: string, eventType: 'REMOTE_LEAVE' | 'REMOTE_TIMEOUT'): void {
    const settings = this.subscriptions.get(channelName);
    if (!settings) return;
    this.subscriptions.delete(channelName);
    const channel = this.cloud.channel(this.appId, channelName);
    channel.subscribers.delete(this);
    if (!counted(settings)) return;
    for (const [other, otherSettings] of channel.subscribers) {
      if (otherSettings.withPresence) other.deliver('presence', presenceEvent(eventType, channelName, this.userId));
    }
  }

  private requireSession(operation: string): void {
    if (this.linkState !== 'CONNECTED') throw new FakeRtmError(-10025, operation);
  }

  private setLink(
    state: LinkState,
    previous: LinkState,
    operation: RTMEvents.LinkOperation,
    reasonCode: RTMEvents.LinkStateChangeReasonCode,
  ): void {
    this.linkState = state;
    this.emit('linkState', linkEvent(state, previous, operation, reasonCode));
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }
}

/** The SDK's rule for channel names, user ids and storage keys. */
function validName(name: unknown): boolean {
  return typeof name === 'string' && !name.startsWith('_') && NAME.test(name);
}

function requireChannelName(name: string, operation: string): void {
  if (!validName(name)) throw new FakeRtmError(-10008, operation);
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Whether a subscriber counts in presence (a quiet one does not). */
function counted(settings: SubscribeOptions): boolean {
  return Boolean(settings.withPresence) && !settings.beQuiet;
}

function userState(userId: string): RTMEvents.UserState {
  return { userId, states: {}, statesCount: 0 };
}

function presenceEvent(
  eventType: RTMEvents.PresenceEvent['eventType'],
  channelName: string,
  publisher: string,
): RTMEvents.PresenceEvent {
  return {
    eventType,
    channelType: 'MESSAGE',
    channelName,
    publisher,
    stateChanged: {},
    interval: null,
    snapshot: null,
    timestamp: Date.now(),
  };
}

function linkEvent(
  currentState: LinkState,
  previousState: LinkState,
  operation: RTMEvents.LinkOperation,
  reasonCode: RTMEvents.LinkStateChangeReasonCode,
): RTMEvents.LinkStateEvent {
  return {
    currentState,
    previousState,
    serviceType: 'MESSAGE',
    operation,
    reason: reasonCode,
    reasonCode,
    affectedChannels: [],
    unrestoredChannels: [],
    isResumed: false,
    timestamp: Date.now(),
  };
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
