import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import type { RtcController } from '../../controllers/rtc-controller.js';
import { LingerErrorEvent } from '../../events/dom/linger-error.js';
import { transportError } from '../../transports/transport.js';
import { DisconnectGrace } from '../../controllers/disconnect-grace.js';
import { TickController } from '../../controllers/viewer-controller.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { RtcSdk } from '../../media/agora-rtc.js';
import type { AttachedSource, HlsModule } from '../../media/hls.js';
import { sharedImport } from '../../utilities/shared-import.js';
import { WatchTimeTracker } from '../../media/watch-time.js';
import { LingerPlayerStateEvent, type PlayerStatus } from '../../events/dom/linger-player-state.js';
import { translation, type en } from './player.strings.js';
import styles from './player.styles.js';
import { icon } from './player.view.js';
import { LazyView, addStyles } from '../../controllers/lazy-view.js';
import { connectionStatusFor } from '../connection-status/on-demand.js';

const loadLiveVideo = sharedImport(() => import('./player-live.js'));
/** What the player reads of live video. */
type LiveVideo = Pick<RtcController, 'state' | 'stats' | 'autoplayBlocked' | 'retryAt' | 'error' | 'stop' | 'resume' | 'setAudio'>;
/** Live video before its controller is here: nothing playing, nothing to stop. */
const NO_LIVE_VIDEO: LiveVideo = { state: 'idle', stats: null, autoplayBlocked: false, retryAt: null, error: null, stop() {}, resume() {}, setAudio() {} };

/** The recorded-source helper (MP4/HLS), loaded when the player first gets a `src`. */
const loadSources = sharedImport(() => import('../../media/hls.js'));

/**
 * The show's video. Live: joins the room's Agora channel as an RTC audience member (the SDK is
 * loaded with `import()` only when the show is live and the room runs on Agora; the lifecycle and
 * retries live in `src/controllers/rtc-controller.ts`). Replay/demo:
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
 * @prop {PlayerStatus} status - Read-only: `idle`, `upcoming`, `connecting`, `live`, `reconnecting`, `retrying`, `ended`, `replay`, `error`; also a CSS custom state (`linger-player:state(live)`), never an attribute.
 * @prop {() => Promise<RtcSdk>} loadSdk - Loads the Agora RTC module (default: `import('agora-rtc-sdk-ng/esm')`); tests inject a fake.
 * @prop {() => Promise<HlsModule>} loadHls - Loads hls.js (default: `import('hls.js/light')`).
 * @prop {boolean} muted - Whether sound is off (starts `true`).
 * @fires linger-player-state - The status changed (`detail.status`, `detail.previous`).
 * @fires linger-error - Live video failed (`detail.code`: `agora-unreachable`, `agora-credentials`, `token-failed`, `sdk-load-failed`, …; `detail.message` names the cause). Once per distinct cause while it keeps retrying.
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
 * @csspart chapters - A replay's chapter menu (docs/replay.md).
 * @csspart chapters-button - The button that opens the chapter menu.
 * @csspart chapter - One chapter in the menu: its title and time; choosing it moves the replay there.
 * @csspart chapter-mark - A chapter's mark along the bottom edge.
 * @csspart stage - The guests' tiles while viewers are on stage with the host (co-hosting, docs/studio.md § Co-hosting).
 * @csspart stage-tile - One guest's video: beside the host from 600 px wide, picture-in-picture below that.
 * @csspart stage-name - The host's and each guest's name on the stage.
 * @cssproperty --linger-player-aspect-ratio - Box ratio reserved before load (default `16 / 9`).
 * @cssproperty --linger-player-background - Behind the video (default `#000`).
 * @cssproperty --linger-player-radius - Corner radius (default the global `--linger-radius`).
 * @cssproperty --linger-player-fit - `object-fit` of the video (default `contain`).
 * @cssproperty --linger-player-live-color - The LIVE badge colour (default the accent).
 * @cssproperty --linger-player-scrim - Behind the badges over the video (default `rgb(0 0 0 / 0.6)`; the player stays light-on-dark in every preset).
 */
export class LingerPlayer extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  /** A recording to play instead of the live channel. */
  @property() src = '';
  /** Image shown until the first frame. */
  @property() poster = '';
  /** A recording starts again when it ends (passed to the `<video>`). */
  @property({ type: Boolean }) loop = false;
  /** RTC audience latency: `ultra-low` (level 2, default) or `low` (level 1). */
  @property() latency: 'ultra-low' | 'low' = 'ultra-low';
  /** Sound off; the player starts muted so it may autoplay. */
  @property({ type: Boolean, attribute: false }) muted = true;
  /** Loads the Agora RTC SDK; replace it to inject a fake in tests. */
  @property({ attribute: false }) loadSdk: (() => Promise<RtcSdk>) | undefined;
  /** Loads hls.js; replace it to inject another build. */
  @property({ attribute: false }) loadHls: (() => Promise<HlsModule>) | undefined;

  @state() private current: PlayerStatus = 'idle';
  @state() private firstFrame = false;
  @state() private playing = false;
  @state() private autoplayBlocked = false;
  @state() private mediaFailed = false;
  @state() private fullscreen = false;
  @state() private pip = false;

  @query('video.recorded') private video!: HTMLVideoElement | null;
  @query('.rtc') private rtcContainer!: HTMLElement | null;

  /** @internal Live video: joins, retries and leaves the room's Agora channel. */
  /**
   * Live video (Agora, or the studio's local stream): its controller's code arrives when the room
   * first has media while the show is live, so a page that only waits for a show does not load it.
   */
  private rtcController: RtcController | null = null;
  private rtcLoading = false;
  private liveVideo: typeof import('./player-live.js') | null = null;
  protected get rtc(): LiveVideo {
    return this.rtcController ?? NO_LIVE_VIDEO;
  }
  /** CSS custom states (`:state(live)`): the status without writing an attribute onto the element. */
  private readonly internals: ElementInternals | null = typeof this.attachInternals === 'function' ? this.attachInternals() : null;
  private attached: AttachedSource | null = null;
  private attachedSrc = '';
  private intersection: IntersectionObserver | null = null;
  private readonly watch = new WatchTimeTracker({ report: (type, props) => this.roomCtl.session?.track(type, props) });
  private readonly onVisibility = () => this.watch.setPageVisible(document.visibilityState !== 'hidden');
  private readonly onFullscreen = () => {
    this.fullscreen = document.fullscreenElement === this;
  };
  /** @internal A theme that re-renders its section moves the player: video and RTC survive a short absence. */
  protected readonly grace = new DisconnectGrace(this, () => this.teardownMedia());
  /** @internal Counts "retrying in N s" down while a retry is planned. */
  protected readonly tick = new TickController(this, () => this.rtc.retryAt !== null, 1000);
  /** Whether playback was running when the player left the document (the browser pauses a removed video). */
  private resumeOnReturn = false;

  constructor() {
    super(translation);
  }

  /**
   * Position of the recording (`src`) in seconds; setting it seeks (before the recording loaded, it
   * starts there). A replay room (docs/replay.md) follows it. Always 0 live.
   */
  get currentTime(): number {
    return this.video?.currentTime ?? this.startAt;
  }
  set currentTime(seconds: number) {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    this.startAt = seconds;
    if (this.video) this.video.currentTime = seconds;
  }
  private startAt = 0;
  /** A replay's chapter menu and marks: their code comes with the first replay that has chapters. */
  private readonly chapters = new LazyView(this, () => import('./player-chapters.js'));
  /** The stage layout (co-hosting, docs/studio.md): its code comes with the first guest on stage. */
  private readonly stageView = new LazyView(this, () => import('../stage/stage-tiles.js'));

  /** Current status (read-only): also a CSS custom state, `linger-player:state(live)`. */
  get status(): PlayerStatus {
    return this.current;
  }

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
    this.resumeOnReturn = this.src ? this.playing : this.rtc.state === 'live';
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    this.intersection?.disconnect();
    this.intersection = null;
    // Video and RTC stay until the grace period ends (DisconnectGrace).
  }

  /** The player stayed out of the document past the grace period: release the media for good. */
  private teardownMedia(): void {
    this.resumeOnReturn = false;
    this.rtc.stop();
    this.detachSource();
  }

  /** Back in the document after a move: carry on where the browser paused the removed video. */
  private resumePlayback(): void {
    if (!this.resumeOnReturn) return;
    this.resumeOnReturn = false;
    if (!this.src) this.rtc.resume();
    else if (this.video?.paused && this.attached) this.tryPlay(this.video);
  }

  /** The phase of the room's show (`upcoming` before the room connects). */
  private get phase(): 'upcoming' | 'live' | 'ended' {
    return this.roomCtl.state?.show.phase ?? 'upcoming';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Out of the document the room is let go: keep the last status rather than flash "idle".
    if (!this.isConnected) return;
    const next = this.computeStatus();
    if (next !== this.current) {
      const previous = this.current;
      this.current = next;
      this.showState(previous, next);
      this.dispatchEvent(new LingerPlayerStateEvent(next, previous));
    }
  }

  protected override updated(): void {
    if (!this.isConnected) return; // moved by a theme, or leaving: DisconnectGrace decides
    if (!this.rtcController && !this.src && this.phase === 'live' && this.roomCtl.room?.media) void this.startLiveVideo();
    // Live video follows on its own (RtcController.hostUpdated); a recording is attached here.
    if (this.src) {
      if (this.attachedSrc !== this.src) void this.attach(this.src);
    } else this.detachSource();
    this.watch.setPlaying(this.src ? this.playing : this.rtc.state === 'live' && !this.rtc.autoplayBlocked);
  }

  private async startLiveVideo(): Promise<void> {
    if (this.rtcLoading) return;
    this.rtcLoading = true;
    let module: Awaited<ReturnType<typeof loadLiveVideo>>;
    try {
      module = await loadLiveVideo();
    } catch (error) {
      // Said once per failed load; the next update (the room's next change) tries again.
      this.dispatchEvent(new LingerErrorEvent(transportError('sdk-load-failed', `Live video: could not load Linger's player code (${String(error)}). Check the network and script-src.`, error)));
      return;
    } finally {
      this.rtcLoading = false;
    }
    if (this.rtcController) return;
    addStyles(this, module.styles);
    this.liveVideo = module;
    this.rtcController = new module.RtcController(this, {
      room: () => this.roomCtl.room,
      wanted: () => !this.src && this.phase === 'live',
      container: () => this.rtcContainer,
      latency: () => (this.latency === 'low' ? 'low' : 'ultra-low'),
      loadSdk: () => this.loadSdk,
    });
    this.rtcController.setAudio(!this.muted);
    this.requestUpdate();
  }

  private showState(previous: PlayerStatus, next: PlayerStatus): void {
    try {
      this.internals?.states.delete(previous);
      this.internals?.states.add(next);
    } catch {
      // Browsers before CustomStateSet: the `status` property and the event still tell.
    }
  }

  private computeStatus(): PlayerStatus {
    if (this.src) {
      if (this.mediaFailed) return 'error';
      if (this.phase === 'live' && this.roomCtl.session && !this.roomCtl.session.replay) return 'live';
      return this.playing || this.firstFrame ? 'replay' : 'connecting';
    }
    // Not connected: the phase is not known yet (the waiting screen says what is happening).
    if (!this.roomCtl.session || this.waitingForRoom()) return 'idle';
    if (this.phase === 'upcoming') return 'upcoming';
    if (this.phase === 'ended') return 'ended';
    if (!this.roomCtl.room?.media) return 'live';
    switch (this.rtc.state) {
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
      // Recorded sources only: a live storefront never downloads the source helper.
      const { attachSource } = await loadSources();
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
    if (this.startAt > 0 && video.currentTime === 0) video.currentTime = this.startAt;
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
    else this.rtc.resume();
  }

  pause(): void {
    this.video?.pause();
  }

  /** Turns sound on or off. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.video) this.video.muted = muted;
    this.rtc.setAudio(!muted);
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
    const t = this.localize;
    const rtc = this.rtc;
    const status = this.status;
    const live = !this.src;
    const framed = live ? rtc.state === 'live' || rtc.state === 'reconnecting' : this.firstFrame;
    const showPoster = !!this.poster && !framed;
    const blocked = this.autoplayBlocked || (live && rtc.autoplayBlocked);
    const videoEvents = (event: Event) => this.onVideoEvent(event);
    const message = this.message();
    const soundPrompt = this.muted && !blocked && (this.src ? this.playing : rtc.state === 'live');
    const stage = live && this.phase === 'live' && this.roomCtl.state?.stage?.guests.length ? this.stageView.get()?.stage(this, this.roomCtl, this.muted) : undefined;
    return html`
      <div part="base" class="frame" role="region" aria-label=${t.term('region')} lang=${t.lang} dir=${t.dir} @keydown=${this.onKeydown}>
        <div part="media" class="media ${stage ? 'staged' : ''}">
          ${live
            ? html`<div class="rtc"></div>${stage ?? nothing}`
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
          ${live && rtc.stats && rtc.state === 'live' && this.liveVideo ? this.liveVideo.quality(rtc.stats, this.localize) : nothing}
        </div>
        ${this.waitingForRoom()
          ? html`<div part="message" class="message connection">
              <linger-connection-status .room=${this.room} .locale=${this.locale}>${t.term('connecting')}</linger-connection-status>
            </div>`
          : message
          ? html`<p part="message" class="message" aria-live="polite">
              ${status === 'connecting' || status === 'reconnecting' || status === 'retrying' ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}
              <span>${message}</span>
            </p>`
          : nothing}
        ${blocked
          ? html`<button part="play-button" class="big-play" type="button" aria-label=${t.term('play')} @click=${() => this.play()}>
              ${icon('play')}
            </button>`
          : nothing}
        ${soundPrompt
          ? html`<button part="unmute-button" class="unmute" type="button" @click=${() => this.setMuted(false)}>
              ${icon('muted')}<span>${t.term('tapForSound')}</span>
            </button>`
          : nothing}
        ${this.settled ? this.renderControls() : nothing}
        ${this.renderChapters()}
      </div>
    `;
  }

  /** Play, sound, picture-in-picture and fullscreen: drawn from the second render (see `settled`). */
  private renderControls() {
    const t = this.localize;
    const rtc = this.rtc;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled === true && (!!this.src || rtc.state === 'live');
    const canFullscreen = typeof document !== 'undefined' && document.fullscreenEnabled === true;
    return html`<div part="controls" class="controls">
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
      </div>`;
  }

  /** The room is not connected and no video plays: say so (connecting, retrying in N s, can't reach). */
  private waitingForRoom(): boolean {
    const connection = this.roomCtl.connection;
    connectionStatusFor(connection?.status);
    return !this.src && !!connection && connection.status !== 'connected' && this.rtc.state !== 'live';
  }

  private statusLabel(): string {
    const t = this.localize;
    const status = this.status;
    if (status === 'idle') return '';
    if (status === 'upcoming' || status === 'ended' || status === 'live') return t.term(status);
    return status !== 'replay' && status !== 'error' && this.phase === 'live' ? t.term('live') : t.term('replay');
  }

  private renderChapters() {
    const info = this.src ? this.roomCtl.room?.$replay?.get() : null;
    if (!info || info.status !== 'ready' || info.chapters.length === 0) return nothing;
    return this.chapters.get()?.renderChapters(this.localize, info, (seconds) => this.roomCtl.room?.seekReplay?.(seconds)) ?? nothing;
  }

  private message(): string | null {
    const t = this.localize;
    const rtc = this.rtc;
    if (this.roomCtl.room?.$replay?.get()?.status === 'failed') return t.term('replayFailed');
    switch (this.status) {
      case 'connecting':
        if (this.src) return null;
        return rtc.state === 'waiting' ? t.term('waiting') : t.term('connecting');
      case 'reconnecting':
        return t.term('reconnecting');
      case 'retrying': {
        const left = rtc.retryAt === null ? 0 : rtc.retryAt - Date.now();
        return left >= 1000 ? t.term('retrying', t.number(Math.ceil(left / 1000))) : t.term('retryingNow');
      }
      case 'ended':
        return t.term('ended');
      case 'upcoming':
        return this.poster ? null : t.term('upcoming');
      case 'error':
        return t.term('mediaError');
      case 'live':
        return this.src || this.roomCtl.room?.media ? null : t.term('unavailable');
      default:
        return null;
    }
  }
}
