/**
 * The production transport: Agora RTM v2 (signaling). One message channel per show, the user
 * channel for host-directed messages, channel metadata for the snapshot.
 *
 * What the SDK makes us do (see docs/agora.md):
 * - it throws `window is not defined` outside browsers and weighs 434 KB gzip, so it is loaded with a
 *   dynamic `import()` inside `connect()`, never at module top level;
 * - it allows one client per App ID + user id per page, and remembers every one it ever built (a
 *   second `new RTM` throws −10027 even after `logout`), so clients live in a page-wide registry,
 *   are shared by every room of that user and are logged in again rather than rebuilt;
 * - `login()` never settles offline, so it is raced against a timeout and cancelled with `logout()`.
 */
import type { RTMClient, RTMConfig, RTMEvents, RTMPresence, RTMStorage } from 'agora-rtm-sdk';
import { fetchAgoraToken, type AgoraRole, type AgoraTokens } from './agora-rtm-token.js';
import { TransportBase } from './transport-base.js';
import {
  transportError,
  utf8Length,
  type ChannelStorage,
  type StoredValue,
  type Transport,
  type TransportError,
} from './transport.js';

/** The part of an RTM client this transport uses, cut from the SDK's own declarations. */
export type AgoraRtmClient = Pick<
  RTMClient,
  | 'login'
  | 'logout'
  | 'renewToken'
  | 'subscribe'
  | 'unsubscribe'
  | 'publish'
  | 'addEventListener'
  | 'removeEventListener'
> & {
  readonly presence: Pick<RTMPresence, 'whoNow'>;
  readonly storage: Pick<RTMStorage, 'setChannelMetadata' | 'getChannelMetadata'>;
};

/** The part of the `agora-rtm-sdk` default export this transport uses (the real SDK satisfies it). */
export interface AgoraRtmModule {
  readonly RTM: new (appId: string, userId: string, config?: RTMConfig) => AgoraRtmClient;
}

export interface AgoraRtmOptions {
  /** Agora project App ID: 32 letters and digits. */
  appId: string;
  /** The show's message channel. */
  channel: string;
  /** The merchant's token endpoint (see `agora-rtm-token.ts`). Without it, `token` is used as is. */
  tokenUrl?: string;
  /** The user id to ask for; with `tokenUrl` the server's answer wins. Random when absent. */
  userId?: string;
  /** Sent to the token URL. Default `viewer`. */
  role?: AgoraRole;
  /** A static RTM token, for development and tests; it cannot be renewed. */
  token?: string;
  /** Loads the SDK module; tests inject a fake. Default: dynamic `import('agora-rtm-sdk')`. */
  loadSdk?: () => Promise<AgoraRtmModule>;
  /** `fetch` used for the token URL. */
  fetch?: typeof fetch;
  /**
   * How long one connection attempt may take — token request, SDK load and login together, one
   * deadline — before it fails (`agora-unreachable` when the login is what is missing). Default 10 000 ms.
   */
  loginTimeoutMs?: number;
  /** Told every token answer (login and renewals), so the room can share it with the RTC player. */
  onTokens?: (tokens: AgoraTokens) => void;
  /** First retry delay after a failed token renewal; doubles up to a minute. Default 5 000 ms. */
  tokenRenewRetryMs?: number;
}

/** Largest message Agora RTM accepts on a message or user channel, in UTF-8 bytes. */
export const AGORA_RTM_MAX_PAYLOAD_BYTES = 32_768;
/** Largest channel metadata value Agora RTM accepts, in UTF-8 bytes. */
export const AGORA_RTM_MAX_STORAGE_BYTES = 16_384;

const STORAGE_KEY_MAX_BYTES = 32;
const CUSTOM_TYPE = 'linger';
const SUBSCRIBE_OPTIONS = { withMessage: true, withPresence: true, withMetadata: true } as const;
// Renew this long before expiry (or at half the remaining life for short tokens).
const RENEW_LEAD_MS = 60_000;
const RENEW_RETRY_MAX_MS = 60_000;
// setTimeout fires at once beyond 2^31−1 ms; long-lived tokens must not turn into a renewal loop.
const MAX_TIMER_MS = 2_147_483_647;
const RESUBSCRIBE_ATTEMPTS = 3;
/** What every RTM client is built with (exported for the CSP test, which builds one without logging in). */
export const AGORA_RTM_CLIENT_CONFIG: RTMConfig = {
  // The SDK prints about half of a refused token at ERROR level (login and
  // renewToken): 'none' is the only level that never does. Linger reports every failure itself.
  logLevel: 'none',
  logUpload: false,
  // Seconds a dropped user still counts as present (SDK default 300): the audience figure drives
  // slow mode and should follow departures within half a minute.
  presenceTimeout: 30,
};

const NAME_CHAR = /[a-zA-Z0-9 !#$%&()+,\-:;<=>?@[\]^_{|}~]/;
const NAME_RULE =
  '1–64 characters from a–z, A–Z, 0–9, space and !#$%&()+,-:;<=>?@[]^_{|}~ (no "."), not starting with "_"';

/**
 * Why Agora would reject `value` as a channel name or user id, or `null` when it is fine. The
 * SDK's d.ts allows "." but its code rejects it; this follows the code.
 */
export function agoraNameProblem(value: string): string | null {
  if (value.length === 0) return 'it is empty';
  if (value.length > 64) return `it has ${value.length} characters`;
  if (value.startsWith('_')) return 'it starts with "_"';
  for (const char of value) if (!NAME_CHAR.test(char)) return `it contains ${JSON.stringify(char)}`;
  return null;
}

/** Creates the Agora RTM transport. Nothing is loaded or sent before `connect()`. */
export function createAgoraRtmTransport(options: AgoraRtmOptions): Transport {
  return new AgoraRtmTransport(options);
}

/** What login needs: the RTM token (none for App-ID-only projects) and when it expires (unix s). */
interface Credentials {
  token: string | undefined;
  expiresAt: number | null;
}

class AgoraRtmTransport extends TransportBase implements Transport {
  readonly kind = 'agora-rtm';
  readonly maxPayloadBytes = AGORA_RTM_MAX_PAYLOAD_BYTES;
  readonly storage: ChannelStorage;

  /** The message channel; read by the shared client. */
  readonly channel: string;
  private readonly loginTimeoutMs: number;
  private id: string;
  private client: SharedClient | null = null;
  private connecting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  // Bumped by every link change so a re-subscribe started before it gives up.
  private linkEpoch = 0;
  private resubscribing = false;

  constructor(private readonly options: AgoraRtmOptions) {
    super();
    this.channel = options.channel;
    this.loginTimeoutMs = options.loginTimeoutMs ?? 10_000;
    // With a token URL the server names the user; otherwise a random viewer id stands in.
    this.id = options.userId ?? (options.tokenUrl ? '' : randomUserId());
    this.storage = {
      read: (key) => this.readStorage(key),
      write: (key, value) => this.writeStorage(key, value),
    };
  }

  get userId(): string {
    return this.id;
  }

  get tokenRenewRetryMs(): number {
    return this.options.tokenRenewRetryMs ?? 5_000;
  }

  get canFetchTokens(): boolean {
    return Boolean(this.options.tokenUrl);
  }

  connect(): Promise<void> {
    if (this.closing) return Promise.reject(closedError());
    if (this.cell.status === 'connected' || this.cell.status === 'reconnecting') return Promise.resolve();
    this.connecting ??= this.run().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async publish(data: string): Promise<void> {
    checkPayload(data);
    const client = this.connectedClient();
    try {
      await client.rtm.publish(this.channel, data, { channelType: 'MESSAGE', customType: CUSTOM_TYPE });
    } catch (error) {
      throw fromSdkError(error, 'publish-failed', `Publishing to channel "${this.channel}"`);
    }
  }

  async sendTo(userId: string, data: string): Promise<void> {
    checkPayload(data);
    const problem = agoraNameProblem(userId);
    if (problem)
      throw transportError(
        'invalid-user-id',
        `Cannot send to user id "${userId}": ${problem}. Agora user ids are ${NAME_RULE}.`,
      );
    const client = this.connectedClient();
    try {
      await client.rtm.publish(userId, data, { channelType: 'USER', customType: CUSTOM_TYPE });
    } catch (error) {
      throw fromSdkError(error, 'publish-failed', `Sending to user "${userId}"`);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  // ——— called by the shared client ———

  /** Fetches fresh tokens for this transport's user (used for renewal). */
  fetchTokens(): Promise<AgoraTokens> {
    const { tokenUrl } = this.options;
    if (!tokenUrl) return Promise.reject(transportError('token-renew-failed', 'No token-url to renew the token from.'));
    return fetchAgoraToken(
      tokenUrl,
      { channel: this.channel, uid: this.id || undefined, role: this.options.role ?? 'viewer' },
      this.options.fetch,
      this.loginTimeoutMs,
    ).then((tokens) => {
      this.options.onTokens?.(tokens);
      return tokens;
    });
  }

  /** A token problem does not break the link yet: report it without changing the status. */
  reportTokenProblem(error: TransportError): void {
    if (this.cell.status === 'connected' || this.cell.status === 'reconnecting') this.cell.set(this.cell.status, error);
  }

  receive(event: RTMEvents.MessageEvent): void {
    if (this.closing || typeof event.message !== 'string') return; // binary is not ours
    if (event.publisher === this.id) return; // the message channel echoes our own messages
    if (event.customType && event.customType !== CUSTOM_TYPE) return; // another app on the channel
    if (event.channelType === 'MESSAGE') {
      if (event.channelName === this.channel) this.messages.emit(event.message, event.publisher, false);
    } else if (event.channelType === 'USER') {
      // User messages reach the client, not a channel: every room of this user gets them, and the
      // room protocol drops what is not for it.
      this.messages.emit(event.message, event.publisher, true);
    }
  }

  presenceChanged(event: RTMEvents.PresenceEvent): void {
    if (this.closing || event.channelType !== 'MESSAGE' || event.channelName !== this.channel) return;
    switch (event.eventType) {
      case 'SNAPSHOT':
        if (event.snapshot) this.setPresence(event.snapshot.length);
        break;
      case 'INTERVAL':
        if (event.interval) this.setPresence(event.interval.totalOccupancy);
        break;
      case 'REMOTE_JOIN':
        if (this.presenceCount !== null) this.setPresence(this.presenceCount + 1);
        break;
      case 'REMOTE_LEAVE':
      case 'REMOTE_TIMEOUT':
        if (this.presenceCount !== null) this.setPresence(this.presenceCount - 1);
        break;
      default:
        break;
    }
  }

  linkChanged(event: RTMEvents.LinkStateEvent): void {
    const status = this.cell.status;
    // During connect() the login drives the status; after close nothing does.
    if (this.closing || (status !== 'connected' && status !== 'reconnecting')) return;
    switch (event.currentState) {
      case 'CONNECTING':
      case 'DISCONNECTED':
      case 'SUSPENDED':
        this.linkEpoch++;
        this.resubscribing = false;
        this.cell.set('reconnecting');
        break;
      case 'CONNECTED':
        if (event.isResumed === false || (event.unrestoredChannels ?? []).includes(this.channel)) {
          void this.resubscribe();
        } else if (!this.resubscribing) {
          this.cell.set('connected');
        }
        break;
      case 'FAILED':
        this.linkEpoch++;
        this.resubscribing = false;
        this.cell.set('failed', linkFailedError(event));
        break;
      default:
        break;
    }
  }

  // ——— internals ———

  private async run(): Promise<void> {
    this.cell.set('connecting');
    // One deadline for the whole attempt (token request, SDK, login): a viewer learns within
    // ~loginTimeoutMs that something is wrong, not after a token wait plus a login wait.
    const deadline = Date.now() + this.loginTimeoutMs;
    // Retrying after a failure: leave the old session first so the shared client starts clean.
    const previous = this.client;
    this.client = null;
    if (previous) await previous.release(this);
    try {
      this.validate();
      const credentials = await this.credentials();
      this.checkOpen();
      const sdk = await this.loadSdk();
      this.checkOpen();
      const client = SharedClient.acquire(sdk, this.options.appId, this.id);
      this.client = client;
      await client.join(this, credentials, this.loginBudget(deadline));
      this.checkOpen();
      await client.subscribe(this);
      this.checkOpen();
      await this.seedPresence(client);
      this.checkOpen();
      this.cell.set('connected');
    } catch (error) {
      if (this.closing) throw closedError();
      const failure = fromSdkError(error, 'connect-failed', `Joining Agora channel "${this.channel}"`);
      const client = this.client;
      this.client = null;
      if (client) await client.release(this);
      this.cell.set('failed', failure);
      throw failure;
    }
  }

  /**
   * What is left of the attempt's deadline for the login; at least a quarter of the timeout, so a
   * slow token answer still leaves the login a fair chance (worst case ~1.25 × the timeout).
   */
  private loginBudget(deadline: number): number {
    return Math.max(deadline - Date.now(), Math.ceil(this.loginTimeoutMs / 4));
  }

  private validate(): void {
    const { appId, userId } = this.options;
    if (!/^[a-zA-Z0-9]{32}$/.test(appId)) {
      throw transportError(
        'invalid-app-id',
        `App ID "${appId}" is not a valid Agora App ID: it must be exactly 32 letters and digits (copy it from the Agora console).`,
      );
    }
    const channelProblem = agoraNameProblem(this.channel);
    if (channelProblem) {
      throw transportError(
        'invalid-channel',
        `Channel name "${this.channel}" is not valid for Agora: ${channelProblem}. Use ${NAME_RULE}.`,
      );
    }
    const userProblem = userId === undefined ? null : agoraNameProblem(userId);
    if (userProblem) {
      throw transportError(
        'invalid-user-id',
        `User id "${userId}" is not valid for Agora: ${userProblem}. Use ${NAME_RULE}.`,
      );
    }
  }

  private async credentials(): Promise<Credentials> {
    if (!this.options.tokenUrl) return { token: this.options.token, expiresAt: null };
    const tokens = await this.fetchTokens();
    const problem = agoraNameProblem(tokens.uid);
    if (problem) {
      throw transportError(
        'invalid-user-id',
        `The token URL returned uid "${tokens.uid}", which Agora rejects: ${problem}. User ids must be ${NAME_RULE}.`,
      );
    }
    if (tokens.appId && tokens.appId !== this.options.appId) {
      throw transportError(
        'agora-credentials',
        `The token URL signs for App ID "${tokens.appId}" but app-id is "${this.options.appId}"; they must match ` +
          '(Agora would refuse the login with −10016).',
      );
    }
    this.id = tokens.uid;
    return { token: tokens.rtmToken, expiresAt: tokens.expiresAt };
  }

  private async loadSdk(): Promise<AgoraRtmModule> {
    let sdk: AgoraRtmModule | undefined;
    try {
      sdk = await (this.options.loadSdk ?? loadAgoraRtmSdk)();
    } catch (error) {
      throw sdkLoadError(error);
    }
    if (typeof sdk?.RTM !== 'function') {
      throw transportError(
        'sdk-load-failed',
        'agora-rtm-sdk loaded without an RTM constructor; Linger needs agora-rtm-sdk 2.x.',
      );
    }
    return sdk;
  }

  private async seedPresence(client: SharedClient): Promise<void> {
    try {
      const answer = await client.rtm.presence.whoNow(this.channel, 'MESSAGE');
      if (!this.closing) this.setPresence(answer.totalOccupancy);
    } catch {
      // The count is a nicety: presence events still fill it in.
    }
  }

  protected override setPresence(count: number): void {
    // We are in the channel, so never report fewer than one.
    super.setPresence(Math.max(1, count));
  }

  /** The link came back without our channel: subscribe again, then report connected (the room re-syncs). */
  private async resubscribe(): Promise<void> {
    const client = this.client;
    if (!client || this.resubscribing) return;
    const epoch = ++this.linkEpoch;
    const current = () => epoch === this.linkEpoch && !this.closing && this.client === client;
    this.resubscribing = true;
    this.cell.set('reconnecting');
    for (let attempt = 1; ; attempt++) {
      try {
        await client.rtm.subscribe(this.channel, SUBSCRIBE_OPTIONS);
        break;
      } catch (error) {
        if (!current()) return;
        if (attempt >= RESUBSCRIBE_ATTEMPTS) {
          this.resubscribing = false;
          this.cell.set(
            'failed',
            fromSdkError(
              error,
              'agora-resubscribe-failed',
              `Re-subscribing to channel "${this.channel}" after a reconnect`,
            ),
          );
          return;
        }
        await sleep(1000 * 2 ** (attempt - 1));
        if (!current()) return;
      }
    }
    if (!current()) return;
    await this.seedPresence(client);
    if (!current()) return;
    this.resubscribing = false;
    this.cell.set('connected');
  }

  private connectedClient(): SharedClient {
    if (this.cell.status !== 'connected' || !this.client) {
      throw transportError(
        'not-connected',
        `Not connected to Agora channel "${this.channel}" (status "${this.cell.status}"); wait for "connected".`,
      );
    }
    return this.client;
  }

  private checkOpen(): void {
    if (this.closing) throw closedError();
  }

  private async readStorage(key: string): Promise<StoredValue | null> {
    checkStorageKey(key);
    const client = this.connectedClient();
    try {
      const answer = await client.rtm.storage.getChannelMetadata(this.channel, 'MESSAGE');
      const item = answer.metadata[key];
      // authorUid is Agora's record of the writer (we write with addUserId): the room trusts it, not the value.
      return item ? { value: item.value, authorId: item.authorUid || null } : null;
    } catch (error) {
      throw fromSdkError(error, 'storage-failed', `Reading "${key}" from channel "${this.channel}" storage`);
    }
  }

  private async writeStorage(key: string, value: string): Promise<void> {
    checkStorageKey(key);
    const bytes = utf8Length(value);
    if (bytes > AGORA_RTM_MAX_STORAGE_BYTES) {
      throw transportError(
        'storage-too-large',
        `Storage value for "${key}" is ${bytes} bytes; Agora channel storage holds at most ${AGORA_RTM_MAX_STORAGE_BYTES} bytes.`,
      );
    }
    const client = this.connectedClient();
    try {
      await client.rtm.storage.setChannelMetadata(this.channel, 'MESSAGE', [{ key, value }], {
        addTimeStamp: true,
        addUserId: true,
      });
    } catch (error) {
      throw fromSdkError(error, 'storage-failed', `Writing "${key}" to channel "${this.channel}" storage`);
    }
  }

  private async shutDown(): Promise<void> {
    this.linkEpoch++;
    const client = this.client;
    this.client = null;
    if (client) await client.release(this);
    this.markClosed();
  }
}

/**
 * One RTM client per SDK module, App ID and user on the page, shared by every transport of that
 * user: it logs in for the first, subscribes each one's channel, renews the token, and logs out
 * when the last one leaves. It is kept afterwards because the SDK refuses to build it again.
 */
class SharedClient {
  private static readonly registry = new WeakMap<AgoraRtmModule, Map<string, SharedClient>>();

  static acquire(sdk: AgoraRtmModule, appId: string, userId: string): SharedClient {
    let clients = SharedClient.registry.get(sdk);
    if (!clients) SharedClient.registry.set(sdk, (clients = new Map()));
    const key = `${appId}\n${userId}`;
    let client = clients.get(key);
    if (!client) {
      let rtm: AgoraRtmClient;
      try {
        rtm = new sdk.RTM(appId, userId, AGORA_RTM_CLIENT_CONFIG);
      } catch (error) {
        if (sdkCode(error) === -10027) {
          throw transportError(
            'agora-duplicate-user',
            `Another Agora RTM client for user "${userId}" already exists on this page (−10027), made outside Linger. ` +
              'Agora allows one per App ID and user: let Linger own it, or use another user id.',
            error,
          );
        }
        throw fromSdkError(error, 'connect-failed', 'Creating the Agora RTM client');
      }
      client = new SharedClient(rtm, userId);
      clients.set(key, client);
    }
    return client;
  }

  private readonly members = new Set<AgoraRtmTransport>();
  private readonly channels = new Map<string, { members: Set<AgoraRtmTransport>; ready: Promise<unknown> }>();
  private session: Promise<void> | null = null;
  // True from a login attempt until the logout that ends it.
  private active = false;
  private loggingOut: Promise<void> = Promise.resolve();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private renewing: Promise<void> | null = null;
  private renewFailures = 0;

  private constructor(
    readonly rtm: AgoraRtmClient,
    private readonly userId: string,
  ) {}

  /** Adds a member and resolves once the client is logged in. */
  async join(member: AgoraRtmTransport, credentials: Credentials, timeoutMs: number): Promise<void> {
    this.members.add(member);
    const session = (this.session ??= this.login(credentials, timeoutMs));
    try {
      await session;
    } catch (error) {
      if (this.session === session) this.session = null;
      throw error;
    }
  }

  /** Subscribes the member's channel once, however many members share it. */
  async subscribe(member: AgoraRtmTransport): Promise<void> {
    const name = member.channel;
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { members: new Set(), ready: this.rtm.subscribe(name, SUBSCRIBE_OPTIONS) };
      this.channels.set(name, channel);
    }
    channel.members.add(member);
    try {
      await channel.ready;
    } catch (error) {
      channel.members.delete(member);
      if (this.channels.get(name) === channel) this.channels.delete(name);
      throw error;
    }
  }

  /** Removes a member: unsubscribes its channel when no one else uses it, logs out after the last. */
  async release(member: AgoraRtmTransport): Promise<void> {
    if (!this.members.delete(member)) return;
    const name = member.channel;
    const channel = this.channels.get(name);
    if (channel?.members.delete(member) && channel.members.size === 0) {
      this.channels.delete(name);
      await this.rtm.unsubscribe(name).catch(ignore);
    }
    if (this.members.size > 0 || !this.active) return;
    this.stopRenewal();
    this.active = false;
    this.session = null;
    this.loggingOut = this.rtm.logout().then(ignore, ignore);
    await this.loggingOut;
  }

  private async login(credentials: Credentials, timeoutMs: number): Promise<void> {
    // A logout still under way would cancel this login.
    await this.loggingOut;
    this.listen();
    this.active = true;
    const { token } = credentials;
    const attempt = this.rtm.login(token === undefined ? {} : { token });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unreachableError(timeoutMs)), timeoutMs);
    });
    try {
      // race() also handles a late rejection of `attempt` (−10023 after the logout below).
      await Promise.race([attempt, timeout]);
      this.renewFailures = 0;
      this.scheduleRenewal(credentials.expiresAt);
    } catch (error) {
      if (isTransportError(error) && error.code === 'agora-unreachable') {
        // Offline, login would retry for ever: logout cancels it (unless a close already did).
        if (this.active) {
          this.active = false;
          this.loggingOut = this.rtm.logout().then(ignore, ignore);
        }
        throw error;
      }
      throw loginError(error, this.userId);
    } finally {
      clearTimeout(timer);
    }
  }

  // The SDK's logout drops every listener, so they are (re)attached before each login.
  private listen(): void {
    this.unlisten();
    this.rtm.addEventListener('message', this.onMessage);
    this.rtm.addEventListener('presence', this.onPresence);
    this.rtm.addEventListener('linkState', this.onLinkState);
    this.rtm.addEventListener('tokenPrivilegeWillExpire', this.onTokenWillExpire);
  }

  private unlisten(): void {
    this.rtm.removeEventListener('message', this.onMessage);
    this.rtm.removeEventListener('presence', this.onPresence);
    this.rtm.removeEventListener('linkState', this.onLinkState);
    this.rtm.removeEventListener('tokenPrivilegeWillExpire', this.onTokenWillExpire);
  }

  private readonly onMessage = (event: RTMEvents.MessageEvent): void => {
    for (const member of [...this.members]) member.receive(event);
  };

  private readonly onPresence = (event: RTMEvents.PresenceEvent): void => {
    for (const member of [...this.members]) member.presenceChanged(event);
  };

  private readonly onLinkState = (event: RTMEvents.LinkStateEvent): void => {
    if (event.serviceType === 'STREAM') return; // stream channels are not used
    if (event.currentState === 'FAILED' && this.active) {
      // The session is gone: the next connect() logs in and subscribes again.
      this.stopRenewal();
      this.session = null;
      this.channels.clear();
    }
    for (const member of [...this.members]) member.linkChanged(event);
  };

  private readonly onTokenWillExpire = (): void => {
    void this.renew();
  };

  private scheduleRenewal(expiresAt: number | null): void {
    clearTimeout(this.renewTimer);
    if (expiresAt === null) return;
    const remaining = expiresAt * 1000 - Date.now();
    if (remaining <= 0) return; // already expired: tokenPrivilegeWillExpire or a failed link will tell
    const delay = Math.min(Math.max(remaining - RENEW_LEAD_MS, remaining / 2), MAX_TIMER_MS);
    this.renewTimer = setTimeout(() => void this.renew(), delay);
  }

  private stopRenewal(): void {
    clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** Fetches a new token and hands it to the SDK; never rejects, retries with backoff. */
  private renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  /** Logged in (or logging in) and not failed: worth renewing for. */
  private get live(): boolean {
    return this.active && this.session !== null;
  }

  private async renewOnce(): Promise<void> {
    this.stopRenewal();
    if (!this.live) return;
    const source = [...this.members].find((member) => member.canFetchTokens);
    if (!source) {
      this.report(
        transportError(
          'token-renew-failed',
          'The Agora token is about to expire and there is no token-url to renew it from; the connection will ' +
            'drop when it expires. Set token-url for shows longer than the token lifetime.',
        ),
      );
      return;
    }
    try {
      const tokens = await source.fetchTokens();
      if (tokens.uid !== this.userId) {
        throw transportError(
          'token-renew-failed',
          `the token URL issued a token for "${tokens.uid}", but this client is "${this.userId}"`,
        );
      }
      if (!this.live) return;
      await this.rtm.renewToken(tokens.rtmToken);
      this.renewFailures = 0;
      this.scheduleRenewal(tokens.expiresAt);
    } catch (error) {
      if (!this.live) return;
      const delay = Math.min(source.tokenRenewRetryMs * 2 ** this.renewFailures, RENEW_RETRY_MAX_MS);
      this.renewFailures++;
      const reason = isTransportError(error) ? error.message : describe(error);
      this.report(
        transportError(
          'token-renew-failed',
          `Could not renew the Agora token: ${reason} Retrying in ${delay / 1000} s.`,
          error,
        ),
      );
      this.renewTimer = setTimeout(() => void this.renew(), delay);
    }
  }

  private report(error: TransportError): void {
    for (const member of [...this.members]) member.reportTokenProblem(error);
  }
}

// ——— SDK loading under a strict Content-Security-Policy (docs/agora.md § Content-Security-Policy) ———
//
// What agora-rtm-sdk 2.3.0 does when it is evaluated (measured in Chromium, test/csp/agora-csp.test.ts):
// - compiles WebAssembly (its engine, from a base64 string: no fetch) → script-src 'wasm-unsafe-eval';
// - starts one Worker from a blob: URL it creates (a timer immune to background-tab throttling), by
//   passing the URL *string* to `new Worker` → worker-src blob:, and under Trusted Types
//   (`require-trusted-types-for 'script'`) a TypeError that makes the import fail for good (a module
//   that threw while evaluating stays failed until the page reloads);
// - sets `style="display:none"` on a detached <video> and <canvas> (two style-src-attr reports, no effect).
// So the page is checked *before* the SDK is fetched, and while it evaluates, `Worker` is wrapped so
// that exactly the blob: URLs created during that evaluation go through the `linger-agora` policy.

/** The Trusted Types policy name Linger uses for the RTM SDK's worker; list it in `trusted-types`. */
export const AGORA_TRUSTED_TYPES_POLICY = 'linger-agora';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

const WASM_PROBLEM =
  "script-src needs 'wasm-unsafe-eval' (the SDK compiles a WebAssembly engine; 'unsafe-eval' is not needed)";
const WORKER_PROBLEM =
  'worker-src needs blob: (or script-src, when there is no worker-src: the SDK runs a timer in a worker it creates from a blob: URL)';
const TRUSTED_TYPES_PROBLEM =
  `Trusted Types (require-trusted-types-for 'script') refuse the SDK's worker URL: allow the policy ` +
  `"${AGORA_TRUSTED_TYPES_POLICY}" in the trusted-types directive (e.g. trusted-types lit-html ${AGORA_TRUSTED_TYPES_POLICY})`;
// An empty WebAssembly module: compiling it is refused exactly when the SDK's engine would be.
const EMPTY_WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
// A worker probe that neither answers nor fails is no verdict; the SDK is then tried anyway.
const PROBE_TIMEOUT_MS = 5_000;

// Blob URLs created while the SDK evaluates (and by the probe): the only ones the policy passes.
const sdkBlobUrls = new Set<string>();
let trustedTypesPolicy: ScriptUrlPolicy | null | undefined;
let pagePreflight: Promise<string[]> | undefined;

/**
 * Loads agora-rtm-sdk the way Linger does: checks the page's Content-Security-Policy first (a
 * `sdk-load-failed` error naming each missing directive, before 434 KB are downloaded), then
 * imports it with its worker URL passed through the `linger-agora` Trusted Types policy.
 */
export async function loadAgoraRtmSdk(): Promise<AgoraRtmModule> {
  const problems = await (pagePreflight ??= preflight());
  if (problems.length > 0) throw cspError(problems);
  const mod = await withTrustedSdkWorkers(() => import('agora-rtm-sdk'));
  // CommonJS interop usually puts the SDK on `default`; some bundlers hoist it onto the namespace.
  const sdk: (typeof mod)['default'] = mod.default ?? (mod as unknown as (typeof mod)['default']);
  // Typed assignment: the compiler checks the real SDK fits AgoraRtmModule.
  const fits: AgoraRtmModule = sdk;
  return fits;
}

/** What the page's policy refuses that the SDK needs: an empty list when it may load. */
async function preflight(): Promise<string[]> {
  const problems: string[] = [];
  if (typeof WebAssembly === 'object') {
    try {
      new WebAssembly.Module(EMPTY_WASM);
    } catch {
      problems.push(WASM_PROBLEM);
    }
  }
  const worker = await probeWorker();
  if (worker) problems.push(worker);
  return problems;
}

/** Starts a blob: worker the way the SDK does (through the policy when Trusted Types exist). */
function probeWorker(): Promise<string | null> {
  if (typeof Worker !== 'function' || typeof Blob !== 'function') return Promise.resolve(null);
  const url = URL.createObjectURL(new Blob(['postMessage(0)'], { type: 'text/javascript' }));
  sdkBlobUrls.add(url);
  const forget = () => {
    sdkBlobUrls.delete(url);
    URL.revokeObjectURL(url);
  };
  let worker: Worker;
  try {
    worker = new Worker(trustedScriptUrl(url));
  } catch (error) {
    forget();
    // Chromium refuses a string URL under Trusted Types with a TypeError; others throw SecurityError.
    return Promise.resolve(error instanceof TypeError ? TRUSTED_TYPES_PROBLEM : WORKER_PROBLEM);
  }
  return new Promise((resolve) => {
    const settle = (problem: string | null) => {
      clearTimeout(timer);
      worker.terminate();
      forget();
      resolve(problem);
    };
    const timer = setTimeout(() => settle(null), PROBE_TIMEOUT_MS);
    worker.onmessage = () => settle(null);
    worker.onerror = (event) => {
      event.preventDefault();
      settle(WORKER_PROBLEM);
    };
  });
}

/** `url` as a TrustedScriptURL when the page has Trusted Types and allows our policy, else as is. */
function trustedScriptUrl(url: string): string {
  const policy = lingerAgoraPolicy();
  // A TrustedScriptURL is accepted wherever the DOM types say string.
  return policy ? (policy.createScriptURL(url) as string) : url;
}

function lingerAgoraPolicy(): ScriptUrlPolicy | null {
  if (trustedTypesPolicy !== undefined) return trustedTypesPolicy;
  trustedTypesPolicy = null;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (typeof factory?.createPolicy !== 'function') return null;
  try {
    trustedTypesPolicy = factory.createPolicy(AGORA_TRUSTED_TYPES_POLICY, {
      createScriptURL(url: string): string {
        if (!sdkBlobUrls.has(url)) throw new TypeError(`${AGORA_TRUSTED_TYPES_POLICY} only passes the Agora RTM SDK's own blob: URLs.`);
        return url;
      },
    });
  } catch {
    // The page's trusted-types directive does not list the name (or another copy of Linger made
    // it): strings go through unchanged, which works unless Trusted Types are enforced.
  }
  return trustedTypesPolicy;
}

/**
 * Runs `load` with `Worker` and `URL.createObjectURL` wrapped: blob: URLs created meanwhile are
 * remembered, and `new Worker(url)` with one of them gets it through the `linger-agora` policy.
 * Every other call passes through untouched; both globals are restored when `load` settles.
 */
async function withTrustedSdkWorkers<T>(load: () => Promise<T>): Promise<T> {
  if (!lingerAgoraPolicy() || typeof Worker !== 'function') return load();
  const NativeWorker = globalThis.Worker;
  const nativeCreateObjectURL = URL.createObjectURL;
  const created: string[] = [];
  const createObjectURL = (object: Blob | MediaSource): string => {
    const url = nativeCreateObjectURL.call(URL, object);
    created.push(url);
    sdkBlobUrls.add(url);
    return url;
  };
  const TrustedWorker = new Proxy(NativeWorker, {
    construct(target, args: unknown[], newTarget: () => unknown) {
      const [url, ...rest] = args;
      const value = typeof url === 'string' && sdkBlobUrls.has(url) ? trustedScriptUrl(url) : url;
      return Reflect.construct(target, [value, ...rest], newTarget) as object;
    },
  });
  globalThis.Worker = TrustedWorker;
  URL.createObjectURL = createObjectURL;
  try {
    return await load();
  } finally {
    // Someone else may have replaced them meanwhile: then theirs stays.
    if (globalThis.Worker === TrustedWorker) globalThis.Worker = NativeWorker;
    if (URL.createObjectURL === createObjectURL) URL.createObjectURL = nativeCreateObjectURL;
    // The SDK's worker keeps its URL; later calls with it need no policy any more.
    for (const url of created) sdkBlobUrls.delete(url);
  }
}

function cspError(problems: string[]): TransportError {
  return transportError(
    'sdk-load-failed',
    `The page's Content-Security-Policy stops the Agora RTM SDK: ${problems.join('; ')}. ` +
      'See docs/agora.md, "Content-Security-Policy".',
  );
}

/** A failed SDK import, with the directive to fix when the browser's message names one. */
function sdkLoadError(error: unknown): TransportError {
  if (isTransportError(error)) return error;
  const text = describe(error);
  if (/Trusted ?Type|TrustedScriptURL|TrustedHTML|TrustedScript/i.test(text)) return cspError([TRUSTED_TYPES_PROBLEM]);
  if (/WebAssembly|wasm/i.test(text)) return cspError([WASM_PROBLEM]);
  if (/\bWorker\b/.test(text)) return cspError([WORKER_PROBLEM]);
  return transportError(
    'sdk-load-failed',
    `Could not load agora-rtm-sdk (${text}). Check that it is installed or bundled, and that the page's ` +
      'script-src allows the place its chunk is served from.',
    error,
  );
}

function checkPayload(data: string): void {
  const bytes = utf8Length(data);
  if (bytes > AGORA_RTM_MAX_PAYLOAD_BYTES) {
    throw transportError(
      'payload-too-large',
      `Message is ${bytes} bytes; Agora RTM carries at most ${AGORA_RTM_MAX_PAYLOAD_BYTES} bytes per message.`,
    );
  }
}

function checkStorageKey(key: string): void {
  const problem =
    agoraNameProblem(key) ??
    (utf8Length(key) > STORAGE_KEY_MAX_BYTES ? `it is over ${STORAGE_KEY_MAX_BYTES} bytes` : null);
  if (problem) {
    throw transportError(
      'invalid-storage-key',
      `Storage key "${key}" is not valid for Agora: ${problem}. Keys are up to ${STORAGE_KEY_MAX_BYTES} bytes of the channel-name characters.`,
    );
  }
}

function loginError(error: unknown, userId: string): TransportError {
  const code = sdkCode(error);
  switch (code) {
    case -10003:
      return transportError(
        'agora-credentials',
        'Agora does not accept this App ID (−10003). Copy the App ID from the Agora console.',
        error,
      );
    case -10005:
    case -10009:
    case -10015:
      return transportError(
        'agora-credentials',
        `Agora refused the RTM token (${code}: ${sdkReason(error)}). The token must be a current RTM token for this ` +
          `App ID and user "${userId}", signed with the project's App Certificate: check the token-url server.`,
        error,
      );
    case -10016:
      return transportError(
        'agora-credentials',
        `The RTM token was issued for another App ID (−10016). Make app-id match the project the token server signs for.`,
        error,
      );
    case -10027:
      return transportError(
        'agora-duplicate-user',
        `User "${userId}" is already logged in by another RTM client on this page (−10027).`,
        error,
      );
    default:
      return fromSdkError(error, 'agora-login-failed', 'Logging in to Agora RTM');
  }
}

function unreachableError(timeoutMs: number): TransportError {
  return transportError(
    'agora-unreachable',
    `Cannot reach Agora (no answer within ${Math.round(timeoutMs / 100) / 10} s). Check the network, or that ` +
      "*.agora.io and *.sd-rtn.com are allowed by the page's connect-src.",
  );
}

function linkFailedError(event: RTMEvents.LinkStateEvent): TransportError {
  const hint =
    event.reasonCode === 'SAME_UID_LOGIN'
      ? ' The same user id logged in elsewhere (another tab or device); each viewer needs its own id.'
      : event.reasonCode === 'TOKEN_EXPIRED' || event.reasonCode === 'INVALID_TOKEN'
        ? ' The token is no longer valid: check that the token-url renews it.'
        : '';
  return transportError(
    'agora-link-failed',
    `The Agora RTM connection failed (${event.reasonCode}${event.reason ? `: ${event.reason}` : ''}).${hint}`,
    event,
  );
}

function closedError(): TransportError {
  return transportError('closed', 'This transport was closed; create a new one to connect again.');
}

/** Turns anything thrown into a TransportError, keeping ours and naming the SDK's codes. */
function fromSdkError(error: unknown, fallbackCode: string, doing: string): TransportError {
  if (isTransportError(error)) return error;
  const code = sdkCode(error);
  if (code === -10025 || code === -11027 || code === -10002) {
    return transportError('not-connected', `${doing} failed: not connected to Agora (${code}).`, error);
  }
  if (code === -11033) {
    return transportError('recipient-offline', `${doing} failed: the user is not online (−11033).`, error);
  }
  if (code === -10021 || code === -11025) {
    return transportError(
      'rate-limited',
      `${doing} failed: Agora's rate limit was hit (${code}); send less often.`,
      error,
    );
  }
  return transportError(fallbackCode, `${doing} failed: ${describe(error)}.`, error);
}

function isTransportError(value: unknown): value is TransportError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The numeric code of an RTMBaseError-shaped value. */
function sdkCode(error: unknown): number | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

function sdkReason(error: unknown): string {
  const reason = typeof error === 'object' && error !== null ? (error as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' && reason ? reason : describe(error);
}

function describe(error: unknown): string {
  const code = sdkCode(error);
  if (code !== undefined) return `${sdkReason(error)} (Agora error ${code})`;
  return error instanceof Error ? error.message : String(error);
}

function randomUserId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `v-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ignore(): void {}
