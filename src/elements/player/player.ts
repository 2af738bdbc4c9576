import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RoomController } from '../../controllers/room-controller.js';
import { LocalizeController } from '../../i18n/localize.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { RtcAudience, RtcSdk, RtcState, RtcStats } from '../../media/agora-rtc.js';
import { attachSource, type AttachedSource, type HlsModule } from '../../media/hls.js';
import { WatchTimeTracker } from '../../media/watch-time.js';
import { LingerPlayerStateEvent, type PlayerStatus } from '../../events/dom/linger-player-state.js';
import type { LingerRoom } from '../room/room.js';
import { translation } from './player.strings.js';
import { DisconnectGrace } from '../../controllers/disconnect-grace.js';
import { sharedImport } from '../../utilities/shared-import.js';
import styles from './player.styles.js';

/** What the player needs from its room to join Agora RTC (a `<linger-room>` has all of it). */
type RoomConfig = Pick<LingerRoom, 'appId' | 'tokenUrl' | 'channel' | 'userId'>;

type RtcLive = typeof import('./rtc-live.js');
const RTC_LOAD_RETRY_MS = 5000;
const loadRtcLive = sharedImport((): Promise<RtcLive> => import('./rtc-live.js'));

/**
 * The show's video. Live: joins the room's Agora channel as an RTC audience member (the SDK is
 * loaded with `import()` only when the show is live and the room has an `app-id`). Replay/demo:
 * plays `src` (MP4, or HLS through hls.js where the browser has no native HLS) with the same chrome.
 *
 * Starts muted and inline (browsers allow that to autoplay) with a clear "tap for sound" button;
 * when even muted autoplay is blocked it shows a big play button. The box is reserved with
 * `aspect-ratio` before anything loads, `poster` shows until the first frame, and the room's phase
 * (upcoming / live / ended) is always on screen. Reports watch time (visible and playing seconds)
 * to the room: `session_start`, then `heartbeat {seconds}` at most every 15 s.
 *
 * @summary Live (Agora RTC) or recorded video with muted autoplay, status and quality indicator.
 * @tag linger-player
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr src - A recording to play instead of the live channel (`.mp4`, `.m3u8`, …).
 * @attr poster - Image shown until the first frame.
 * @attr loop - Boolean: a recording (`src`) starts again when it ends (replays on a loop); no effect live.
 * @attr latency - `ultra-low` (default, interactive shows) or `low` — the RTC audience latency level.
 * @attr locale - Language of the controls (else the room's, else `<html lang>`).
 * @attr status - Reflected, read-only: `upcoming`, `connecting`, `live`, `reconnecting`, `retrying`, `ended`, `replay`, `error`.
 * @prop {() => Promise<RtcSdk>} loadSdk - Loads the Agora RTC module (default: `import('agora-rtc-sdk-ng/esm')`); tests inject a fake.
 * @prop {number[]} retryDelays - Waits between failed joins in ms (default 2, 4, 8, 15, 30 s).
 * @prop {() => Promise<HlsModule>} loadHls - Loads hls.js (default: `import('hls.js/light')`).
 * @prop {boolean} muted - Whether sound is off (starts `true`).
 * @fires linger-player-state - The status changed (`detail.status`, `detail.previous`).
 * @csspart base - The frame holding everything.
 * @csspart media - The video surface (the `<video>` in replay mode, the RTC container live).
 * @csspart poster - The poster image.
 * @csspart status - The status badge (LIVE, Starting soon, …).
 * @csspart message - The centred message (connecting, retrying, ended).
 * @csspart quality - The network/latency indicator (live only).
 * @csspart play-button - The big play button shown when autoplay is blocked.
 * @csspart unmute-button - The "tap for sound" button.
 * @csspart controls - The control bar.
 * @csspart control - Each control-bar button (each also has its own name: `play-pause`, `mute`, `pip`, `fullscreen`).
 * @csspart play-pause - The play/pause control (recordings).
 * @csspart mute - The sound on/off control.
 * @csspart pip - The picture-in-picture control (where the browser has it).
 * @csspart fullscreen - The fullscreen control.
 * @csspart spinner - The spinner while connecting or retrying.
 * @cssproperty --linger-player-aspect-ratio - Box ratio reserved before load (default `16 / 9`).
 * @cssproperty --linger-player-background - Behind the video (default `#000`).
 * @cssproperty --linger-player-radius - Corner radius (default the global `--linger-radius`).
 * @cssproperty --linger-player-fit - `object-fit` of the video (default `contain`).
 * @cssproperty --linger-player-live-color - The LIVE badge colour (default the accent).
 * @cssproperty --linger-player-scrim - Behind the badges over the video (default `rgb(0 0 0 / 0.6)`; the player stays light-on-dark in every preset).
 */
export class LingerPlayer extends LitElement {
  static override styles = [hostStyles, styles];

  /** Id of the room to follow. */
  @property({ reflect: true }) room = '';
  /** A recording to play instead of the live channel. */
  @property() src = '';
  /** Image shown until the first frame. */
  @property() poster = '';
  /** A recording starts again when it ends (passed to the `<video>`). */
  @property({ type: Boolean }) loop = false;
  /** RTC audience latency: `ultra-low` (level 2, default) or `low` (level 1). */
  @property() latency: 'ultra-low' | 'low' = 'ultra-low';
  /** Language of the controls. */
  @property() locale = '';
  /** Current status (reflected for CSS; set by the player). */
  @property({ reflect: true }) status: PlayerStatus = 'idle';
  /** Sound off; the player starts muted so it may autoplay. */
  @property({ type: Boolean, attribute: false }) muted = true;
  /** Loads the Agora RTC SDK; replace it to inject a fake in tests. */
  @property({ attribute: false }) loadSdk: (() => Promise<RtcSdk>) | undefined;
  /** Waits between failed joins in ms (the last repeats); default 2, 4, 8, 15, 30 s. */
  @property({ attribute: false }) retryDelays: readonly number[] | undefined;
  /** Loads hls.js; replace it to inject another build. */
  @property({ attribute: false }) loadHls: (() => Promise<HlsModule>) | undefined;

  @state() private rtcState: RtcState = 'idle';
  @state() private retryInMs: number | null = null;
  @state() private stats: RtcStats | null = null;
  @state() private autoplayBlocked = false;
  @state() private firstFrame = false;
  @state() private playing = false;
  @state() private mediaFailed = false;
  @state() private fullscreen = false;
  @state() private pip = false;

  @query('video.recorded') private video!: HTMLVideoElement | null;
  @query('.rtc') private rtcContainer!: HTMLElement | null;

  private readonly roomCtl = new RoomController(this);
  private readonly t = new LocalizeController(this, translation, () => this.roomCtl.room as unknown as Element | null);
  private rtc: RtcAudience | null = null;
  /** The RTC code is on its way (a chunk, then the SDK); `rtcAttempt` voids a load that was stopped. */
  private rtcLoading = false;
  private rtcAttempt = 0;
  private rtcReload: ReturnType<typeof setTimeout> | undefined;
  private attached: AttachedSource | null = null;
  private attachedSrc = '';
  private intersection: IntersectionObserver | null = null;
  private readonly watch = new WatchTimeTracker({ report: (type, props) => this.roomCtl.session?.track(type, props) });
  private retryTick: ReturnType<typeof setInterval> | undefined;
  private readonly onVisibility = () => this.watch.setPageVisible(document.visibilityState !== 'hidden');
  private readonly onFullscreen = () => {
    this.fullscreen = document.fullscreenElement === this;
  };
  /** @internal A theme that re-renders its section moves the player: video and RTC survive a short absence. */
  protected readonly grace = new DisconnectGrace(this, () => this.teardownMedia());
  /** Whether playback was running when the player left the document (the browser pauses a removed video). */
  private resumeOnReturn = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    document.addEventListener('fullscreenchange', this.onFullscreen);
    this.onVisibility();
    this.intersection?.disconnect();
    if (typeof IntersectionObserver === 'function') {
      this.intersection = new IntersectionObserver((entries) => {
        const entry = entries[entries.length - 1];
        if (entry) this.watch.setVisible(entry.isIntersecting);
      });
      this.intersection.observe(this);
    } else this.watch.setVisible(true);
    this.resumePlayback();
  }

  override disconnectedCallback(): void {
    // Report the last seconds while the room is still attached (the controller lets go below).
    this.watch.setVisible(false);
    this.watch.flush();
    this.resumeOnReturn = this.src ? this.playing : this.rtcState === 'live';
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    this.intersection?.disconnect();
    this.intersection = null;
    // Video, RTC and the retry countdown stay until the grace period ends (DisconnectGrace).
  }

  /** The player stayed out of the document past the grace period: release the media for good. */
  private teardownMedia(): void {
    this.resumeOnReturn = false;
    this.stopRtc();
    this.detachSource();
    clearInterval(this.retryTick);
  }

  /** Back in the document after a move: carry on where the browser paused the removed video. */
  private resumePlayback(): void {
    if (!this.resumeOnReturn) return;
    this.resumeOnReturn = false;
    if (!this.src) this.rtc?.resume();
    else if (this.video?.paused && this.attached) this.tryPlay(this.video);
  }

  /** The phase of the room's show (`upcoming` before the room connects). */
  private get phase(): 'upcoming' | 'live' | 'ended' {
    return this.roomCtl.state?.show.phase ?? 'upcoming';
  }

  private get roomConfig(): RoomConfig | null {
    const room = this.roomCtl.room as unknown as Partial<RoomConfig> | null;
    if (!room || typeof room.appId !== 'string') return null;
    return room as RoomConfig;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.t.update();
    if (changed.has('room')) this.roomCtl.resolve();
    // Out of the document the room is let go: keep the last status rather than flash "idle".
    if (!this.isConnected) return;
    const next = this.computeStatus();
    if (next !== this.status) {
      const previous = this.status;
      this.status = next;
      this.dispatchEvent(new LingerPlayerStateEvent(next, previous));
    }
  }

  protected override updated(): void {
    if (!this.isConnected) return; // moved by a theme, or leaving: DisconnectGrace decides
    if (this.src) {
      this.stopRtc();
      if (this.attachedSrc !== this.src) void this.attach(this.src);
    } else {
      this.detachSource();
      this.syncRtc();
    }
    this.watch.setPlaying(this.src ? this.playing : this.rtcState === 'live' && !this.autoplayBlocked);
  }

  private computeStatus(): PlayerStatus {
    if (this.src) {
      if (this.mediaFailed) return 'error';
      if (this.phase === 'live' && this.roomCtl.session) return 'live';
      return this.playing || this.firstFrame ? 'replay' : 'connecting';
    }
    if (!this.roomCtl.session) return 'idle';
    if (this.phase === 'upcoming') return 'upcoming';
    if (this.phase === 'ended') return 'ended';
    if (!this.roomConfig?.appId) return 'live';
    switch (this.rtcState) {
      case 'live':
        return 'live';
      case 'reconnecting':
        return 'reconnecting';
      case 'retrying':
        return 'retrying';
      default:
        return 'connecting';
    }
  }

  // ── Live (RTC) ──────────────────────────────────────────────────────────────────────────────

  private syncRtc(): void {
    const config = this.roomConfig;
    const wanted = this.phase === 'live' && !!config?.appId && !!this.rtcContainer && this.isConnected;
    if (!wanted) {
      this.stopRtc();
      return;
    }
    if (this.rtc || this.rtcLoading) return;
    const attempt = ++this.rtcAttempt;
    this.rtcLoading = true;
    this.rtcState = 'connecting';
    void loadRtcLive().then(
      (live) => {
        if (attempt !== this.rtcAttempt) return; // stopped (or restarted) while loading
        this.rtcLoading = false;
        this.startRtc(live);
      },
      (error: unknown) => {
        if (attempt !== this.rtcAttempt) return;
        this.rtcLoading = false;
        console.warn('[linger] the live player could not load its RTC code; trying again', error);
        // Shown as "can't connect — retrying"; a flaky network may serve the chunk next time.
        this.rtcState = 'retrying';
        this.setRetry(RTC_LOAD_RETRY_MS);
        this.rtcReload = setTimeout(() => {
          this.rtcReload = undefined;
          this.rtcState = 'idle';
          this.syncRtc();
        }, RTC_LOAD_RETRY_MS);
      },
    );
  }

  private startRtc({ RtcAudience, fetchAgoraToken }: RtcLive): void {
    const config = this.roomConfig;
    if (!config?.appId || !this.rtcContainer || !this.isConnected || this.phase !== 'live') {
      this.rtcState = 'idle';
      return;
    }
    const { appId, channel, tokenUrl, userId } = config;
    const session = this.roomCtl.session;
    const uid = userId || session?.userId || null;
    const rtc = new RtcAudience({
      appId,
      channel,
      token: null,
      uid,
      latency: this.latency === 'low' ? 'low' : 'ultra-low',
      container: this.rtcContainer!,
      ...(this.loadSdk ? { loadSdk: this.loadSdk } : {}),
      ...(this.retryDelays ? { backoffMs: this.retryDelays } : {}),
      ...(tokenUrl
        ? {
            credentials: async () => {
              const tokens = await fetchAgoraToken(tokenUrl, { channel, uid: uid ?? undefined, role: 'viewer' });
              return { token: tokens.rtcToken, uid: tokens.uid };
            },
          }
        : {}),
      onState: (state, detail) => {
        if (this.rtc !== rtc) return;
        this.rtcState = state;
        this.setRetry(state === 'retrying' ? (detail.retryInMs ?? 0) : null);
        if (state === 'live') this.firstFrame = true;
      },
      onStats: (stats) => {
        if (this.rtc === rtc) this.stats = stats;
      },
      onAutoplayBlocked: () => {
        if (this.rtc === rtc) this.autoplayBlocked = true;
      },
    });
    this.rtc = rtc;
    rtc.setAudio(!this.muted);
    void rtc.start();
  }

  private stopRtc(): void {
    if (this.rtcReload !== undefined) {
      clearTimeout(this.rtcReload);
      this.rtcReload = undefined;
      this.rtcState = 'idle';
      this.setRetry(null);
    }
    if (this.rtcLoading) {
      this.rtcAttempt++;
      this.rtcLoading = false;
      this.rtcState = 'idle';
    }
    if (!this.rtc) return;
    const rtc = this.rtc;
    this.rtc = null;
    void rtc.close();
    this.rtcState = 'idle';
    this.stats = null;
    this.setRetry(null);
    this.firstFrame = false;
  }

  /** Counts the "retrying in N s" message down once a second. */
  private setRetry(ms: number | null): void {
    clearInterval(this.retryTick);
    this.retryInMs = ms;
    if (ms === null || ms <= 0) return;
    const until = performance.now() + ms;
    this.retryTick = setInterval(() => {
      const left = Math.max(0, until - performance.now());
      this.retryInMs = left;
      if (left <= 0) clearInterval(this.retryTick);
    }, 1000);
  }

  // ── Recorded (src) ──────────────────────────────────────────────────────────────────────────

  private async attach(src: string): Promise<void> {
    this.detachSource();
    const video = this.video;
    if (!video) return;
    this.attachedSrc = src;
    this.mediaFailed = false;
    this.firstFrame = false;
    video.muted = this.muted;
    try {
      this.attached = await attachSource(video, src, {
        ...(this.loadHls ? { loadHls: this.loadHls } : {}),
        onFatal: () => (this.mediaFailed = true),
      });
    } catch (error) {
      console.warn('[linger] cannot play', src, error);
      this.mediaFailed = true;
      return;
    }
    if (this.attachedSrc !== src) return;
    this.tryPlay(video);
  }

  private tryPlay(video: HTMLVideoElement): void {
    const attempt = video.play();
    attempt?.then(
      () => (this.autoplayBlocked = false),
      (error: unknown) => {
        // NotAllowedError: the browser blocks autoplay even muted → big play button, never a frozen box.
        if ((error as DOMException)?.name === 'NotAllowedError') this.autoplayBlocked = true;
      },
    );
  }

  private detachSource(): void {
    if (!this.attached) {
      this.attachedSrc = '';
      return;
    }
    this.attached.detach();
    this.attached = null;
    this.attachedSrc = '';
    this.playing = false;
  }

  // ── Controls ────────────────────────────────────────────────────────────────────────────────

  /** Starts playback after the browser blocked autoplay (a user gesture, so sound may come too). */
  play(): void {
    this.autoplayBlocked = false;
    if (this.src && this.video) this.tryPlay(this.video);
    else this.rtc?.resume();
  }

  pause(): void {
    this.video?.pause();
  }

  /** Turns sound on or off. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.video) this.video.muted = muted;
    this.rtc?.setAudio(!muted);
  }

  private togglePlay(): void {
    if (this.video && !this.video.paused) this.pause();
    else this.play();
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement === this) await document.exitFullscreen();
      else await this.requestFullscreen();
    } catch (error) {
      console.debug('[linger] fullscreen refused', error);
    }
  }

  private get pipVideo(): HTMLVideoElement | null {
    return this.src ? this.video : (this.rtcContainer?.querySelector('video') ?? null);
  }

  private async togglePip(): Promise<void> {
    try {
      if (document.pictureInPictureElement) await document.exitPictureInPicture();
      else await this.pipVideo?.requestPictureInPicture();
    } catch (error) {
      console.debug('[linger] picture-in-picture refused', error);
    }
  }

  private onVideoEvent(event: Event): void {
    const video = event.target as HTMLVideoElement;
    switch (event.type) {
      case 'playing':
        this.playing = true;
        this.firstFrame = true;
        this.autoplayBlocked = false;
        break;
      case 'loadeddata':
        this.firstFrame = true;
        break;
      case 'pause':
      case 'ended':
        this.playing = false;
        break;
      case 'volumechange':
        this.muted = video.muted;
        break;
      case 'error':
        this.mediaFailed = true;
        this.playing = false;
        break;
      case 'enterpictureinpicture':
        this.pip = true;
        break;
      case 'leavepictureinpicture':
        this.pip = false;
        break;
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.target instanceof HTMLButtonElement && (event.key === ' ' || event.key === 'Enter')) return;
    const key = event.key.toLowerCase();
    if (key === 'm') this.setMuted(!this.muted);
    else if (key === 'f') void this.toggleFullscreen();
    else if ((key === 'k' || key === ' ') && this.src) this.togglePlay();
    else return;
    event.preventDefault();
  }

  // ── Render ──────────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const t = this.t;
    const status = this.status;
    const live = !this.src;
    const showPoster = !!this.poster && !this.firstFrame;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled === true && (!!this.src || this.rtcState === 'live');
    const canFullscreen = typeof document !== 'undefined' && document.fullscreenEnabled === true;
    const videoEvents = (event: Event) => this.onVideoEvent(event);
    const message = this.message();
    const soundPrompt = this.muted && !this.autoplayBlocked && (this.src ? this.playing : this.rtcState === 'live');
    return html`
      <div part="base" class="frame" role="region" aria-label=${t.term('region')} lang=${t.lang} dir=${t.dir} @keydown=${this.onKeydown}>
        <div part="media" class="media">
          ${live
            ? html`<div class="rtc"></div>`
            : html`<video
                class="recorded"
                muted
                playsinline
                preload="metadata"
                ?loop=${this.loop}
                @playing=${videoEvents}
                @loadeddata=${videoEvents}
                @pause=${videoEvents}
                @ended=${videoEvents}
                @volumechange=${videoEvents}
                @error=${videoEvents}
                @enterpictureinpicture=${videoEvents}
                @leavepictureinpicture=${videoEvents}
              ></video>`}
        </div>
        ${showPoster ? html`<img part="poster" class="poster" src=${this.poster} alt="" decoding="async" />` : nothing}
        <div class="top">
          <span part="status" class="status status-${status}" role="status" aria-live="polite">${this.statusLabel()}</span>
          ${live && this.stats && this.rtcState === 'live' ? this.renderQuality(this.stats) : nothing}
        </div>
        ${message
          ? html`<p part="message" class="message" aria-live="polite">
              ${status === 'connecting' || status === 'reconnecting' || status === 'retrying' ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}
              <span>${message}</span>
            </p>`
          : nothing}
        ${this.autoplayBlocked
          ? html`<button part="play-button" class="big-play" type="button" aria-label=${t.term('play')} @click=${() => this.play()}>
              ${icon('play')}
            </button>`
          : nothing}
        ${soundPrompt
          ? html`<button part="unmute-button" class="unmute" type="button" @click=${() => this.setMuted(false)}>
              ${icon('muted')}<span>${t.term('tapForSound')}</span>
            </button>`
          : nothing}
        <div part="controls" class="controls">
          ${this.src
            ? html`<button part="control play-pause" type="button" aria-label=${t.term(this.playing ? 'pause' : 'play')} title=${t.term(this.playing ? 'pause' : 'play')} @click=${() => this.togglePlay()}>
                ${icon(this.playing ? 'pause' : 'play')}
              </button>`
            : nothing}
          <button
            part="control mute"
            type="button"
            aria-label=${t.term(this.muted ? 'unmute' : 'mute')}
            title=${t.term(this.muted ? 'unmute' : 'mute')}
            aria-pressed=${this.muted ? 'true' : 'false'}
            @click=${() => this.setMuted(!this.muted)}
          >
            ${icon(this.muted ? 'muted' : 'sound')}
          </button>
          <span class="spacer"></span>
          ${canPip
            ? html`<button part="control pip" type="button" aria-label=${t.term(this.pip ? 'exitPip' : 'pip')} title=${t.term(this.pip ? 'exitPip' : 'pip')} @click=${() => void this.togglePip()}>
                ${icon('pip')}
              </button>`
            : nothing}
          ${canFullscreen
            ? html`<button
                part="control fullscreen"
                type="button"
                aria-label=${t.term(this.fullscreen ? 'exitFullscreen' : 'fullscreen')}
                title=${t.term(this.fullscreen ? 'exitFullscreen' : 'fullscreen')}
                @click=${() => void this.toggleFullscreen()}
              >
                ${icon(this.fullscreen ? 'shrink' : 'expand')}
              </button>`
            : nothing}
        </div>
      </div>
    `;
  }

  private statusLabel(): string {
    const t = this.t;
    switch (this.status) {
      case 'upcoming':
        return t.term('upcoming');
      case 'ended':
        return t.term('ended');
      case 'replay':
      case 'error':
        return t.term('replay');
      case 'live':
        return t.term('live');
      case 'idle':
        return '';
      default:
        return this.phase === 'live' ? t.term('live') : t.term('replay');
    }
  }

  private message(): string | null {
    const t = this.t;
    switch (this.status) {
      case 'connecting':
        if (this.src) return null;
        return this.rtcState === 'waiting' ? t.term('waiting') : t.term('connecting');
      case 'reconnecting':
        return t.term('reconnecting');
      case 'retrying':
        return this.retryInMs && this.retryInMs >= 1000 ? t.term('retrying', t.number(Math.ceil(this.retryInMs / 1000))) : t.term('retryingNow');
      case 'ended':
        return t.term('ended');
      case 'upcoming':
        return this.poster ? null : t.term('upcoming');
      case 'error':
        return t.term('mediaError');
      case 'live':
        return this.src || this.roomConfig?.appId ? null : t.term('unavailable');
      default:
        return null;
    }
  }

  private renderQuality(stats: RtcStats) {
    const t = this.t;
    const q = stats.quality;
    const grade = q === 0 ? 'unknown' : q <= 2 ? 'good' : q === 3 ? 'fair' : 'poor';
    const label = t.term(grade === 'unknown' ? 'qualityUnknown' : grade === 'good' ? 'qualityGood' : grade === 'fair' ? 'qualityFair' : 'qualityPoor');
    const parts = [label];
    if (stats.delayMs !== null) parts.push(t.term('delay', t.number(Math.round(stats.delayMs))));
    if (stats.lowStream) parts.push(t.term('lowStream'));
    const bars = grade === 'good' ? 3 : grade === 'fair' ? 2 : grade === 'poor' ? 1 : 0;
    return html`<span part="quality" class="quality quality-${grade}" title=${parts.join(' · ')}>
      <span class="bars" aria-hidden="true">${[1, 2, 3].map((n) => html`<i class=${n <= bars ? 'on' : ''}></i>`)}</span>
      <span class="visually-hidden">${parts.join(', ')}</span>
      ${stats.delayMs !== null ? html`<span class="delay" aria-hidden="true">${t.number(Math.round(stats.delayMs))} ms</span>` : nothing}
      ${stats.lowStream ? html`<span class="low" aria-hidden="true">SD</span>` : nothing}
    </span>`;
  }
}

type IconName = 'play' | 'pause' | 'muted' | 'sound' | 'expand' | 'shrink' | 'pip';
const PATHS: Record<IconName, string> = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  muted: 'M4 9v6h4l5 4V5L8 9H4zm12.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
  sound: 'M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z',
  expand: 'M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z',
  shrink: 'M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z',
  pip: 'M3 5h18v14H3zm2 2v10h14V7zm6 5h7v4h-7z',
};
function icon(name: IconName) {
  return html`<svg class="icon icon-${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path d=${PATHS[name]}></path>`}</svg>`;
}
