/**
 * The live-video lifecycle of `<linger-player>`: when the show is live and the room runs on Agora,
 * join the room's channel as an RTC audience; keep joining until it works, through the one retry
 * policy of `src/core/retry.ts` (backoff with jitter up to 30 s, at once on `online` and when the
 * tab becomes visible), with fresh tokens from the room (`RoomHandle.media.tokens()`) on every
 * attempt; tell the page why each failure happened (`linger-error`); leave when the show ends.
 *
 * The room's configuration comes only from `RoomHandle.media`: the player never reads the room's
 * attributes and never asks the token endpoint itself. The adapter (`src/media/agora-rtc.ts`) and the
 * SDK are loaded on the first attempt, never on first paint.
 */
import { stageAudiences } from '../media/stage-audience.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RoomHandle, RoomMedia } from '../core/registry.js';
import { RetryScheduler, type RetrySchedulerOptions } from '../core/retry.js';
import { LingerErrorEvent } from '../events/dom/linger-error.js';
import { transportError, type TransportError } from '../transports/transport.js';
import { sharedImport } from '../utilities/shared-import.js';
import type { RtcAudience, RtcSdk, RtcState, RtcStats } from '../media/agora-rtc.js';

export type RtcAdapter = typeof import('../media/agora-rtc.js');
const loadRtcAdapter = sharedImport((): Promise<RtcAdapter> => import('../media/agora-rtc.js'));

export interface RtcControllerOptions {
  /** The room the host belongs to (its `media` says what to join). */
  room: () => RoomHandle | null;
  /** Whether live video is wanted now (the show is live and no recording replaces it). */
  wanted: () => boolean;
  /** Where the host's video plays. */
  container: () => HTMLElement | null;
  latency?: () => 'ultra-low' | 'low';
  /** The SDK loader to use (tests inject a fake); default `import('agora-rtc-sdk-ng/esm')`. */
  loadSdk?: () => (() => Promise<RtcSdk>) | undefined;
  /** Loads the adapter chunk; default a dynamic import of `src/media/agora-rtc.ts`. */
  loadAdapter?: () => Promise<RtcAdapter>;
  /** Knobs of the one retry policy (tests shorten the base and fix the jitter). */
  retry?: Pick<RetrySchedulerOptions, 'base' | 'ceiling' | 'random' | 'events'>;
}

const isTransportError = (value: unknown): value is TransportError =>
  !!value && typeof value === 'object' && typeof (value as TransportError).code === 'string' && typeof (value as TransportError).message === 'string';

export class RtcController implements ReactiveController {
  /** What the live video is doing; `retrying` while a failed attempt waits for the next one. */
  state: RtcState = 'idle';
  stats: RtcStats | null = null;
  autoplayBlocked = false;
  /** When the next attempt is planned (epoch ms), or `null`. */
  retryAt: number | null = null;
  /** Why the last attempt failed (cleared once joined). */
  error: TransportError | null = null;
  private audience: RtcAudience | null = null;
  private scheduler: RetryScheduler | null = null;
  private generation = 0;
  /** The channel being joined (`appId/channel`), or `null`. */
  private target: string | null = null;
  /** The room's media settings when the attempts started (still there while the host is briefly out of the document). */
  private media: RoomMedia | null = null;
  /** The failure last told to the page in this streak (one `linger-error` per distinct cause). */
  private reported: string | null = null;
  private audioOn = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RtcControllerOptions,
  ) {
    host.addController(this);
  }

  /** After each render of the host: join, keep or leave to match the room and `wanted()`. */
  hostUpdated(): void {
    this.sync();
  }

  /** Starts, keeps or stops the live video to match the room and `wanted()`. */
  sync(): void {
    // Out of the document (a theme moving the host): keep everything; the host's grace period calls stop().
    if (!this.host.isConnected) return;
    const media = this.options.room()?.media ?? null;
    const wanted = this.options.wanted() && !!media && !!this.options.container();
    const target = media ? `${media.appId}/${media.channel}` : null;
    if (!wanted || target !== this.target) this.stop();
    if (!wanted) return;
    this.media = media;
    if (this.scheduler) return;
    const generation = ++this.generation;
    this.target = target;
    this.reported = null;
    this.scheduler = new RetryScheduler({
      ...this.options.retry,
      attempt: () => this.attempt(generation),
      onScheduled: (retryAt) => {
        if (generation !== this.generation) return;
        this.retryAt = retryAt;
        if (retryAt !== null) this.setState('retrying');
        this.host.requestUpdate();
      },
    });
    this.setState('connecting');
    this.scheduler.start();
  }

  /** Leaves the channel and forgets everything (show over, recording instead, player gone). */
  stop(): void {
    if (!this.scheduler && !this.audience && this.state === 'idle') return;
    this.generation++;
    this.scheduler?.stop();
    this.scheduler = null;
    const audience = this.audience;
    this.audience = null;
    void audience?.close();
    this.target = null;
    this.media = null;
    this.error = null;
    this.retryAt = null;
    this.stats = null;
    this.autoplayBlocked = false;
    this.setState('idle');
  }

  setAudio(on: boolean): void {
    this.audioOn = on;
    this.audience?.setAudio(on);
  }

  /** Plays again after the browser blocked autoplay (call from a user gesture). */
  resume(): void {
    this.autoplayBlocked = false;
    this.audience?.resume();
    this.host.requestUpdate();
  }

  private async attempt(generation: number): Promise<void> {
    const stale = () => generation !== this.generation;
    try {
      const media = this.media;
      if (!media) return; // stopped meanwhile
      const adapter = await ((media.adapter as typeof loadRtcAdapter | undefined) ?? this.options.loadAdapter ?? loadRtcAdapter)().catch((error: unknown) => {
        throw transportError('sdk-load-failed', `Live video: could not load Linger's player code (${String(error)}). Check the network and script-src.`, error);
      });
      if (stale()) return;
      const audience = (this.audience ??= this.createAudience(adapter));
      // The token request and the SDK download run side by side: an error shows after the slower one, not both.
      const [tokens] = await Promise.all([this.tokens(media), audience.load()]);
      if (stale()) return;
      await audience.join({ appId: media.appId, channel: media.channel, token: tokens?.rtcToken ?? null, uid: tokens?.uid ?? null });
      if (stale()) return;
      this.error = null;
      this.reported = null;
      this.host.requestUpdate();
    } catch (error) {
      if (stale()) return;
      this.fail(isTransportError(error) ? error : transportError('agora-join-failed', `Live video (Agora RTC): ${String(error)}`, error));
      throw error;
    }
  }

  private async tokens(media: RoomMedia) {
    try {
      return await media.tokens();
    } catch (error) {
      throw isTransportError(error) ? error : transportError('token-failed', `Live video: the room could not get tokens (${String(error)}).`, error);
    }
  }

  private createAudience(adapter: RtcAdapter): RtcAudience {
    const container = this.options.container();
    if (!container) throw transportError('no-container', 'Live video: the player has not rendered yet.');
    const loadSdk = this.options.loadSdk?.();
    const audience: RtcAudience = new adapter.RtcAudience({
      container,
      latency: () => this.options.latency?.() ?? 'ultra-low',
      ...(loadSdk ? { loadSdk } : {}),
      renewToken: async () => (await this.media?.tokens())?.rtcToken ?? null,
      // Co-hosting: a guest's tracks go to the stage tiles, never into the host's box.
      isGuest: (uid) => Boolean(this.options.room()?.$session.get()?.state.stage?.guests.some((guest) => guest.id === uid)),
      onGuests: () => this.host.requestUpdate(),
      onState: (state) => {
        if (audience !== this.audience) return;
        // A second attempt still reads "can't connect — retrying…", not a fresh "connecting".
        if (state === 'connecting' && (this.scheduler?.attempts ?? 0) > 0) return this.setState('retrying');
        if (state !== 'idle') this.setState(state);
      },
      onStats: (stats) => {
        if (audience !== this.audience) return;
        this.stats = stats;
        this.host.requestUpdate();
      },
      onAutoplayBlocked: () => {
        if (audience !== this.audience) return;
        this.autoplayBlocked = true;
        this.host.requestUpdate();
      },
      onDropped: (error) => {
        if (audience !== this.audience) return;
        this.stats = null;
        this.fail(error);
        this.scheduler?.failed();
      },
    });
    audience.setAudio(this.audioOn);
    const session = this.options.room()?.$session.get();
    if (session && 'goOnStage' in audience) stageAudiences.set(session, audience);
    return audience;
  }

  /** Records a failure and tells the page once per distinct cause (never the token: messages name causes only). */
  private fail(error: TransportError): void {
    this.error = error;
    const key = `${error.code}\n${error.message}`;
    if (key !== this.reported) {
      this.reported = key;
      console.warn(`[linger] ${error.message}`);
      this.host.dispatchEvent(new LingerErrorEvent(error));
    }
    this.host.requestUpdate();
  }

  private setState(state: RtcState): void {
    if (state === this.state) return;
    this.state = state;
    this.host.requestUpdate();
  }
}
