import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { atom, type ReadableAtom } from 'nanostores';
import type { RoomSession } from '../../core/session.js';
import { registerRoom, roomIdChanged, unregisterRoom, type ConnectionState, type RoomHandle, type RoomMedia } from '../../core/registry.js';
import type { Transport, TransportError } from '../../transports/transport.js';
import { transportError } from '../../transports/transport.js';
import { LingerErrorEvent } from '../../events/dom/linger-error.js';
import { LingerStatusEvent } from '../../events/dom/linger-status.js';
import { pageViewerId } from '../../utilities/user-id.js';
import { isPermanentError, RetryScheduler } from '../../core/retry.js';
import type { AgoraTokens } from '../../transports/agora-rtm-token.js';
import { sharedImport } from '../../utilities/shared-import.js';
import { safeLocalStorage } from '../../utilities/storage.js';
import { nextTask } from '../../utilities/next-task.js';
import { randomId, resolveHttpUrl } from '../../core/primitives.js';
import type { ConsentGate, ConsentMode } from '../../events/consent.js';
import type { EventSink } from '../../events/sink.js';
import type { ViewerEvents } from '../../events/viewer-events.js';
import type { WebhookSink } from '../../events/webhook-sink.js';
import type { ReplayInfo } from '../../core/timeline.js';
import styles from './room.styles.js';

type Live = typeof import('./live.js');
/** Replay mode's code (timeline checks, index, driver) arrives only in a room that replays (docs/replay.md). */
const loadReplay = sharedImport(() => import('./replay.js'));
type ReplayDriver = InstanceType<Awaited<ReturnType<typeof loadReplay>>['ReplayDriver']>;
/** The session, transports and event pipeline arrive in one chunk when the first room connects. */
const loadLive = sharedImport((): Promise<Live> => import('./live.js'));

/** How long a removed room keeps its session, so a theme that re-renders a section does not drop the show. */
const DETACH_GRACE_MS = 1000;

/**
 * Holds one show's connection and configuration. Renders nothing; every Linger element finds its
 * room by the `room` attribute (an id), else the closest ancestor room, else the page's only room.
 *
 * Without `app-id` the room runs on BroadcastChannel (every tab of this browser, no server); with
 * `app-id` and `token-url` it runs on Agora RTM v2, loaded only then.
 *
 * @summary One live show's connection and config.
 * @tag linger-room
 * @slot - Any content; Linger elements inside use this room.
 * @attr channel - The show's channel name (Agora rules: 1–64 chars, no `.`, not starting with `_`).
 * @attr hosts - Space- or comma-separated user ids allowed to drive the show.
 * @attr app-id - Agora app id; selects the Agora RTM transport.
 * @attr token-url - The merchant's endpoint that mints Agora tokens (see docs/tokens.md).
 * @attr user-id - This peer's id (hosts set theirs; viewers get a pseudonymous one).
 * @attr transport - `auto` (default), `broadcast` or `agora-rtm`.
 * @attr locale - Language of this room's elements (else `<html lang>`).
 * @attr webhook - Where viewer events are POSTed as JSON batches (absolute or page-relative http(s) URL; see docs/events.md).
 * @attr consent - `granted`, `denied` or `shopify` (Customer Privacy API). Unset or `denied`: events wait in memory, nothing is sent or stored.
 * @attr show - The show id stamped on events (default: `channel`).
 * @attr shopify-events - Also publish viewer events as Shopify customer events (`linger:<type>`) for the shop's web pixels, once consent allows.
 * @attr replay - URL of a recorded show's timeline: the room replays it over its `<linger-player src>` instead of connecting (docs/replay.md).
 * @attr replay-offset - Seconds of show time at the recording's start (positive when the recording starts after the show went live).
 * @attr chapter - A replay opens at this chapter: a pinned product's or dropped perk's id.
 * @attr tier-key - Host: the merchant's public key (EC P-256 JWK, JSON) that signs member tier claims (docs/tiers.md).
 * @attr tier-claim - Viewer: the merchant's signed tier claim for this viewer, sent with its hello (docs/tiers.md).
 * @attr profile-url - Viewer: the merchant's endpoint (fetched with the shopper's cookies) that answers this viewer's signed tier claim, when `tier-claim` is not set (docs/tiers.md).
 * @attr tier-names - The merchant's tier names per language, JSON: `{"vip":{"en":"VIP","ar":"…"}}` (docs/tiers.md).
 * @attr money-format - The shop's money format (`{{ shop.money_format }}`) for the prices of this room's `<linger-product>` and `<linger-overlay>` that set none themselves (the Shopify app embed writes it; docs/shopify.md).
 * @fires linger-status - The connection status changed (`detail.status`).
 * @fires linger-error - The connection failed or a message was refused (`detail.code`, `detail.message`).
 */
export class LingerRoom extends LitElement implements RoomHandle {
  static override styles = styles;

  /** The show's channel name. */
  @property() channel = '';
  /** Space- or comma-separated host user ids. */
  @property() hosts = '';
  /** Agora app id (32 characters); selects the Agora RTM transport. */
  @property({ attribute: 'app-id' }) appId = '';
  /** Where Agora tokens come from (see docs/tokens.md). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** This peer's user id; a pseudonymous one is made when empty. */
  @property({ attribute: 'user-id' }) userId = '';
  /** `auto`, `broadcast` or `agora-rtm`. */
  @property() transport: 'auto' | 'broadcast' | 'agora-rtm' = 'auto';
  /** Language of every element of this room (else `<html lang>`), e.g. `ar`, `pt-BR`, `zh-CN`. */
  @property() locale = '';
  /** Webhook URL that receives viewer events (see docs/events.md). */
  @property() webhook = '';
  /** `granted`, `denied` or `shopify` (Customer Privacy API): whether events may be sent and ids stored. */
  @property() consent: 'granted' | 'denied' | 'shopify' | '' = '';
  /** Show id for events (default: the channel); one channel may carry many shows. */
  @property() show = '';
  /** Publish viewer events through `Shopify.analytics.publish` too (see docs/shopify.md). */
  @property({ type: Boolean, attribute: 'shopify-events' }) shopifyEvents = false;
  /** The shop's money format for this room's product prices (read by the elements; see docs/product.md). */
  @property({ attribute: 'money-format' }) moneyFormat = '';
  /** Host: the merchant's public key (EC P-256 JWK, JSON) that signs member tier claims (docs/tiers.md). */
  @property({ attribute: 'tier-key' }) tierKey = '';
  /** Viewer: the merchant's signed tier claim (ES256 JWT) for this viewer, sent with its hello (docs/tiers.md). */
  @property({ attribute: 'tier-claim' }) tierClaim = '';
  /** Viewer: where this viewer's signed tier claim comes from when `tier-claim` is not set (docs/tiers.md). */
  @property({ attribute: 'profile-url' }) profileUrl = '';
  /** The merchant's tier names per language (JSON), read by the elements that draw tier badges (docs/tiers.md). */
  @property({ attribute: 'tier-names' }) tierNames = '';
  /**
   * How many shows this browser watched, this one included (0: unknown). Kept on this device only
   * while consent allows, and shown to this viewer only (docs/tiers.md).
   */
  get showsWatched(): number {
    return this.shows$.get();
  }
  /** The count as a store, so the overlay's "returning" chip follows consent at once. */
  get $shows(): ReadableAtom<number> {
    return this.shows$;
  }
  private readonly shows$ = atom(0);
  private profile: { url: string; claim: Promise<string> } | null = null;
  /** URL of a recorded show's timeline to replay instead of connecting (docs/replay.md). */
  @property() replay = '';
  /** The timeline to replay, as an object or JSON text (instead of `replay`). */
  @property({ attribute: false }) timeline: unknown = null;
  /** Show time (s) at the recording's start: show time = player position + offset. */
  @property({ type: Number, attribute: 'replay-offset' }) replayOffset = 0;
  /** A replay opens at this chapter (a product's or perk's id); setting it later jumps there. */
  @property() chapter = '';

  private readonly replay$ = atom<ReplayInfo | null>(null);
  private replayDriver: ReplayDriver | null = null;
  private replayShow = '';

  /** Replay mode: loading, ready with its chapters, or failed and why; `null` on a live room. */
  get $replay(): ReadableAtom<ReplayInfo | null> {
    return this.replay$;
  }
  /** Replay mode: moves the replay and its player to show time `seconds`. */
  seekReplay(seconds: number): void {
    this.replayDriver?.seek(seconds);
  }

  /** One id per page session, kept across reconnects. */
  readonly sessionId = `s-${randomId(16)}`;
  /** Follows the `consent` attribute once the session code is here (it arrives with it: nothing is sent before). */
  private consentGate: ConsentGate | null = null;
  private readonly sinks = new Set<EventSink>();
  private webhookSink: WebhookSink | null = null;
  private shopifySink: EventSink | null = null;
  private viewerEvents: ViewerEvents | null = null;
  private readonly onPageHide = () => this.viewerEvents?.pageHide();
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    this.viewerEvents?.pageShow();
    this.webhookSink?.resume();
  };
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.viewerEvents?.flush({ final: true });
    else this.webhookSink?.resume();
  };

  /**
   * A ready-made transport to use instead of the one the attributes describe (tests, benchmarks,
   * custom backends). Setting it reconnects.
   */
  @property({ attribute: false }) customTransport: Transport | null = null;

  private readonly session$ = atom<RoomSession | null>(null);
  private readonly connection$ = atom<ConnectionState>({ status: 'idle', error: null, retryAt: null });
  private live: Live | null = null;
  private detachTimer: ReturnType<typeof setTimeout> | undefined;
  private connectQueued = false;
  private generation = 0;
  /** Retries the connection with the one backoff policy (src/core/retry.ts) until it holds. */
  private retry: RetryScheduler | null = null;
  private stopSessionListeners: Array<() => void> = [];
  /** The last token answer the RTM transport logged in with: the player's RTC join reuses it. */
  private lastTokens: AgoraTokens | null = null;

  /** The live session, or `null` before the room connects. Elements follow it through `$session`. */
  get $session(): ReadableAtom<RoomSession | null> {
    return this.session$;
  }
  /** Connecting, connected, reconnecting (with when the next attempt is) or failed, and why. */
  get $connection(): ReadableAtom<ConnectionState> {
    return this.connection$;
  }
  /** Agora media settings for `<linger-player>`; without Agora, the host studio's local stream while on air, else `null`. */
  get media(): RoomMedia | null {
    if (this.transportKind !== 'agora-rtm' || !this.appId || this.customTransport) return this.session$.get()?.localMedia ?? null;
    return { appId: this.appId, channel: this.channel, tokens: () => this.mediaTokens(), guestTokens: () => this.mediaTokens('guest') };
  }
  /** Tries to connect again now (a Reconnect button); keeps retrying with backoff on failure. */
  reconnect(): void {
    if (this.retry && this.connection$.get().retryAt !== null) this.retry.now();
    else this.queueConnect(true);
  }
  get session(): RoomSession | null {
    return this.session$.get() as RoomSession | null;
  }

  /** The viewer-events pipeline of the current session (null before the room connects). */
  get events(): ViewerEvents | null {
    return this.viewerEvents;
  }

  /** Show id and viewer id for order attribution; the viewer id is empty until consent gives one. */
  get attribution(): { show: string; viewer: string } | null {
    const show = this.eventShow;
    return show ? { show, viewer: this.viewerEvents?.viewer ?? '' } : null;
  }

  /** The sink made from the `webhook` attribute, once consent allows (null before). */
  get webhookDelivery(): WebhookSink | null {
    return this.webhookSink;
  }

  /**
   * Adds a destination for viewer events (a `CallbackSink`, `ShopifySink` or your own `EventSink`).
   * It receives events only while consent allows. Returns a function that removes it.
   */
  addSink(sink: EventSink): () => void {
    this.sinks.add(sink);
    this.viewerEvents?.addSink(sink);
    return () => this.removeSink(sink);
  }

  removeSink(sink: EventSink): void {
    this.sinks.delete(sink);
    this.viewerEvents?.removeSink(sink);
  }

  /** Host ids parsed from the `hosts` attribute. */
  get hostIds(): string[] {
    return this.hosts.split(/[\s,]+/).filter(Boolean);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.detachTimer);
    registerRoom(this);
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('pageshow', this.onPageShow);
    document.addEventListener('visibilitychange', this.onVisibility);
    if (!this.session) this.queueConnect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unregisterRoom(this);
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('pageshow', this.onPageShow);
    document.removeEventListener('visibilitychange', this.onVisibility);
    // Themes move sections around: only end the show if the room stays gone.
    this.detachTimer = setTimeout(() => void this.teardown(), DETACH_GRACE_MS);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // The first update carries the initial values (old value undefined): connectedCallback connects.
    // Any later change of the configuration, even before a first successful connect, connects again.
    if (changed.has('id' as keyof this)) roomIdChanged();
    if (changed.has('webhook')) this.replaceWebhookSink();
    if (changed.has('consent')) this.consentGate?.set(this.consent as ConsentMode);
    if (changed.has('shopifyEvents')) this.syncShopifySink();
    if (changed.has('chapter') && changed.get('chapter') !== undefined) this.replayDriver?.openChapter();
    const config: PropertyKey[] = ['channel', 'hosts', 'appId', 'tokenUrl', 'userId', 'transport', 'customTransport', 'replay', 'timeline', 'tierKey', 'tierClaim', 'profileUrl'];
    if (this.isConnected && config.some((key) => changed.has(key) && changed.get(key) !== undefined)) this.queueConnect(true);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'id') roomIdChanged();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'id'];
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Builds the transport the attributes describe. */
  private get transportKind(): 'broadcast' | 'agora-rtm' {
    return this.transport === 'auto' ? (this.appId ? 'agora-rtm' : 'broadcast') : this.transport;
  }

  private get tokenRole(): 'host' | 'viewer' {
    return this.userId && this.hostIds.includes(this.userId) ? 'host' : 'viewer';
  }

  private createTransport({ BroadcastTransport, lazyAgoraTransport }: Live): Transport {
    const userId = this.userId || pageViewerId();
    if (this.transportKind === 'agora-rtm') {
      return lazyAgoraTransport({
        appId: this.appId,
        channel: this.channel,
        tokenUrl: this.tokenUrl || undefined,
        // A retry asks for the id the endpoint issued last time, never for another identity.
        userId: this.userId || this.lastTokens?.uid || undefined,
        role: this.tokenRole,
        onTokens: (tokens) => (this.lastTokens = tokens),
      });
    }
    return new BroadcastTransport({ channel: this.channel, userId });
  }

  private queueConnect(reconnect = false): void {
    if (this.connectQueued) return;
    this.connectQueued = true;
    // A task later: attributes set right after insertion are all in, and the connect stays out of
    // the task that upgraded the room and its elements (issue 14).
    void nextTask().then(() => {
      this.connectQueued = false;
      void this.start(reconnect);
    });
  }

  private async start(reconnect: boolean): Promise<void> {
    if (!this.isConnected) return;
    if (reconnect) await this.teardown();
    if (this.replay || this.timeline) return this.startReplay();
    if (!this.channel && !this.customTransport) {
      const error = transportError('missing-channel', '<linger-room> needs a `channel` attribute, e.g. <linger-room channel="spring-sale">.');
      this.connection$.set({ status: 'failed', error, retryAt: null });
      this.fail(error);
      return;
    }
    const generation = ++this.generation;
    this.retry?.stop();
    this.connection$.set({ status: 'connecting', error: null, retryAt: null });
    // A first connection that fails is retried like a dropped one: the viewer is never given up on.
    this.retry = new RetryScheduler({
      attempt: () => this.attempt(generation),
      // A setup error stays on screen with its reason ("cannot reach the show").
      permanent: isPermanentError,
      onScheduled: (retryAt) => {
        if (generation !== this.generation) return;
        const current = this.connection$.get();
        if (retryAt !== null) this.connection$.set({ status: 'reconnecting', error: current.error, retryAt });
        else if (current.retryAt !== null) this.connection$.set({ ...current, retryAt: null });
      },
    });
    this.retry.start();
  }

  /** One connection attempt: a fresh transport and session. Rejects to have the scheduler retry. */
  private async attempt(generation: number): Promise<void> {
    let live: Live;
    try {
      live = await loadLive();
    } catch (error) {
      throw this.attemptFailed(generation, transportError('transport-failed', `Linger could not load its session code: ${String((error as Error)?.message ?? error)}`, error));
    }
    // The session code was evaluated in this task, and a page's first touch of localStorage opens
    // the store (~10 ms on a phone): each in a task of its own, then the connect (issue 14).
    await nextTask();
    safeLocalStorage();
    await nextTask();
    if (generation !== this.generation || !this.isConnected) return;
    this.followConsent(live);
    let transport: Transport;
    try {
      transport = this.customTransport ?? this.createTransport(live);
    } catch (error) {
      // A configuration error (an invalid channel name) does not heal by waiting: no retry.
      this.attemptFailed(generation, transportError('transport-failed', String((error as Error)?.message ?? error), error));
      return;
    }
    await this.dropSession();
    const session = new live.RoomSession({ transport, hosts: this.hostIds, ...(this.tierKey ? { tierKey: this.tierKey } : {}), ...(this.tierClaim ? { tierClaim: this.tierClaim } : {}) });
    this.stopSessionListeners.push(
      session.$status.listen((status) => {
        this.dispatchEvent(new LingerStatusEvent(status));
        this.followSession(generation, session);
        // Connected once, then the transport gave up (Agora's own reconnects exhausted): start over.
        if (status === 'failed' && this.session === session && generation === this.generation) this.retry?.failed();
      }),
      session.$error.listen((error) => {
        if (error) this.dispatchEvent(new LingerErrorEvent(error));
        this.followSession(generation, session);
      }),
    );
    this.attachEvents(session);
    this.session$.set(session);
    this.followSession(generation, session);
    // The elements draw the new session in this task; the connect and its first messages in the next.
    await nextTask();
    if (generation !== this.generation) return session.close();
    try {
      await session.connect();
    } catch (error) {
      if (generation !== this.generation) return;
      throw error;
    }
    if (generation !== this.generation) return void (await session.close());
    // The viewer's id is known now (a token endpoint issues it on connect): ask for its claim.
    if (!this.tierClaim && this.profileUrl && !session.isHost) {
      void this.profileClaim(session.userId).then((token) => token && this.session$.get() === session && session.sendTierClaim(token));
    }
  }

  /** Replay mode: a recorded show's timeline over the player, nothing connected, nothing sent (docs/replay.md). */
  private async startReplay(): Promise<void> {
    const generation = ++this.generation;
    this.retry?.stop();
    this.connection$.set({ status: 'connecting', error: null, retryAt: null });
    let driver: ReplayDriver;
    try {
      const { ReplayDriver } = await loadReplay();
      driver = new ReplayDriver(this, { offset: () => this.replayOffset || 0, chapter: () => this.chapter });
    } catch (error) {
      this.attemptFailed(generation, transportError('replay-unreachable', `Linger could not load its replay code: ${String((error as Error)?.message ?? error)}`, error));
      return;
    }
    if (generation !== this.generation || !this.isConnected) return;
    this.replayDriver = driver;
    this.stopSessionListeners.push(driver.$info.subscribe((info) => this.replay$.set(info)));
    const loaded = await driver.load(this.timeline ?? this.replay);
    if (generation !== this.generation) return driver.stop();
    if (!loaded.ok) return void this.attemptFailed(generation, loaded.error);
    await loaded.session.connect();
    // Watch time and add-to-carts of a replay go to the sinks (with consent) under the replay's own show id.
    const live = await loadLive().catch(() => null);
    if (generation !== this.generation) return driver.stop();
    if (live) {
      this.followConsent(live);
      this.replayShow = `${this.show || loaded.session.index.timeline.show}:replay`;
      this.attachEvents(loaded.session);
    }
    this.session$.set(loaded.session);
    this.connection$.set({ status: 'connected', error: null, retryAt: null });
    this.dispatchEvent(new LingerStatusEvent('connected'));
    driver.start();
  }

  /** The session code is here: consent is followed from now on (nothing is sent before). */
  private followConsent(live: Live): void {
    this.live = live;
    if (!this.consentGate) {
      this.consentGate = new live.ConsentGate();
      // Registered before any pipeline's listener, so the webhook sink exists when held events are released.
      this.consentGate.onChange((allowed) => allowed && this.ensureWebhookSink());
      this.consentGate.onChange((allowed) => this.followHistory(allowed));
    }
    this.consentGate.set(this.consent as ConsentMode);
    this.followHistory(this.consentGate.granted);
  }

  /** The returning-viewer count: this live show added to this device's history while consent allows; erased on `denied`. */
  private followHistory(allowed: boolean): void {
    const live = this.live;
    if (!live || this.replay || this.timeline || this.tokenRole !== 'viewer') return;
    if (allowed) this.shows$.set(live.recordShow(safeLocalStorage(), this.show || this.channel));
    else {
      this.shows$.set(0);
      if (this.consent === 'denied') live.forgetShows(safeLocalStorage());
    }
  }

  /**
   * The claim `profile-url` answers (JSON `{"claim": "…"}` or the token as text), fetched once per
   * URL and viewer id (`?uid=`) with the shopper's cookies; a failed request or anything
   * that is not a token is ignored (the viewer connects without a tier, as without the attribute).
   */
  private profileClaim(uid: string): Promise<string> {
    if (!this.profileUrl) return Promise.resolve('');
    const url = new URL(this.profileUrl, document.baseURI);
    if (uid) url.searchParams.set('uid', uid);
    if (this.profile?.url !== url.href) {
      this.profile = { url: url.href, claim: this.live ? this.live.fetchProfileClaim(url) : Promise.resolve('') };
    }
    return this.profile.claim;
  }

  /** The show id on events and orders: a replay's is `<show>:replay`, so reports count it apart from the live show. */
  private get eventShow(): string {
    return this.replayShow || this.show || this.channel;
  }

  /** Mirrors the session's status and error into `$connection`, keeping a planned retry's time. */
  private followSession(generation: number, session: RoomSession): void {
    if (generation !== this.generation || this.session$.get() !== session) return;
    const status = session.$status.get();
    const error = status === 'connected' ? null : session.$error.get();
    this.connection$.set({ status, error, retryAt: status === 'connected' ? null : this.connection$.get().retryAt });
  }

  private attemptFailed(generation: number, error: TransportError): TransportError {
    if (generation === this.generation) {
      this.connection$.set({ status: 'failed', error, retryAt: null });
      this.fail(error);
    }
    return error;
  }

  /** Fresh tokens for the player's RTC join: the RTM login's answer while it is fresh, else one request. */
  private async mediaTokens(guest?: 'guest'): Promise<AgoraTokens | null> {
    if (!this.tokenUrl) return null;
    const fresh = this.lastTokens && this.lastTokens.expiresAt * 1000 - Date.now() > 60_000;
    if (fresh && !guest) return this.lastTokens;
    const live = this.live ?? (await loadLive());
    const uid = this.session?.userId || this.lastTokens?.uid || this.userId || undefined;
    // A guest's publisher token is asked for each time (docs/tokens.md § Co-hosting), never kept as the viewer's.
    const tokens = await live.fetchAgoraToken(this.tokenUrl, { channel: this.channel, uid, role: guest ?? this.tokenRole });
    if (!guest) this.lastTokens = tokens;
    return tokens;
  }

  private fail(error: TransportError): void {
    console.warn(`[linger] ${error.message}`);
    this.dispatchEvent(new LingerErrorEvent(error));
  }

  private attachEvents(session: RoomSession): void {
    this.viewerEvents?.dispose();
    this.viewerEvents = null;
    this.ensureWebhookSink();
    this.syncShopifySink();
    const events = new this.live!.ViewerEvents({
      session,
      consent: this.consentGate!,
      sessionId: this.sessionId,
      show: () => this.eventShow,
      // A replay's session clock is the recorded show's: its events are stamped with the real time.
      ...(this.replayShow ? { now: () => Date.now() } : {}),
      locale: () => this.locale || this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en',
    });
    if (this.webhookSink) events.addSink(this.webhookSink);
    for (const sink of this.sinks) events.addSink(sink);
    this.viewerEvents = events;
  }

  /** The webhook sink exists only once consent allows: until then it must not even read the outbox. */
  private ensureWebhookSink(): void {
    // Before the session code has loaded there is nothing to deliver yet; attachEvents calls again.
    if (this.webhookSink || !this.webhook || !this.consentGate?.granted || !this.live) return;
    const url = resolveHttpUrl(this.webhook);
    if (!url) {
      console.warn(`[linger] webhook "${this.webhook}" is not an http(s) URL; viewer events are not sent.`);
      return;
    }
    this.webhookSink = new this.live.WebhookSink({ url });
    this.viewerEvents?.addSink(this.webhookSink);
  }

  /** The `shopify-events` attribute adds a ShopifySink like any sink: it gets events only after consent. */
  private syncShopifySink(): void {
    if (this.shopifyEvents && !this.shopifySink && this.live) this.addSink((this.shopifySink = new this.live.ShopifySink()));
    else if (!this.shopifyEvents && this.shopifySink) {
      this.removeSink(this.shopifySink);
      this.shopifySink = null;
    }
  }

  private replaceWebhookSink(): void {
    if (this.webhookSink) {
      this.viewerEvents?.removeSink(this.webhookSink);
      this.webhookSink.close();
      this.webhookSink = null;
    }
    this.ensureWebhookSink();
  }

  private async dropSession(): Promise<void> {
    for (const stop of this.stopSessionListeners.splice(0)) stop();
    const session = this.session;
    this.session$.set(null);
    await session?.close();
  }

  private async teardown(): Promise<void> {
    this.generation++;
    this.retry?.stop();
    this.retry = null;
    this.viewerEvents?.flush();
    this.viewerEvents?.dispose();
    this.viewerEvents = null;
    // No retry timers or consent listeners outlive the room: the outbox keeps undelivered events
    // for the next connect (or the next page), and start() follows consent again.
    this.webhookSink?.close();
    this.webhookSink = null;
    this.consentGate?.pause();
    this.lastTokens = null;
    this.replayDriver?.stop();
    this.replayDriver = null;
    this.replayShow = '';
    this.replay$.set(null);
    await this.dropSession();
    this.connection$.set({ status: 'idle', error: null, retryAt: null });
  }
}
