/**
 * The viewer's side of co-hosting in `<linger-overlay>` (docs/studio.md § Co-hosting): "Ask to join"
 * (only while the host opened asks), the consent dialog with a device check and a self-preview, and
 * "Leave stage". On a room without Agora the guest's camera goes to every player over local WebRTC
 * (src/media/local-stage.ts). Loaded by the overlay the first time the host opens the stage.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { LocalizeController } from '../../i18n/localize.js';
import type { RoomSession } from '../../core/session.js';
import { translation, type en } from './stage.strings.js';
import { agoraMedia, stageAudiences } from '../../media/stage-audience.js';
import type { RoomMedia } from '../../core/registry.js';

type Problem = 'denied' | 'missing' | 'busy' | 'unsupported';
type Host = ReactiveControllerHost & HTMLElement;

/** What getUserMedia's error means for the viewer (as in the studio, docs/studio.md). */
export function problemOf(error: unknown): Problem {
  const name = (error as DOMException)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'missing';
}

const joins = new WeakMap<Host, StageJoin>();

/** The overlay's co-hosting part for a viewer (nothing for a host or a replay). */
export function join(host: Host, roomCtl: { readonly room: Element | null; readonly session: RoomSession | null }, name: string) {
  const session = roomCtl.session;
  if (!session || session.isHost || session.replay) return nothing;
  let part = joins.get(host);
  if (!part) joins.set(host, (part = new StageJoin(host, () => roomCtl.room)));
  return part.render(session, name);
}

export class StageJoin implements ReactiveController {
  readonly t: LocalizeController<typeof en>;
  private session: RoomSession | null = null;
  private stops: Array<() => void> = [];
  /** The ask form is open. */
  private composing = false;
  private request = '';
  /** The checked camera and microphone: the preview, then what goes on stage. */
  private stream: MediaStream | null = null;
  private problem: Problem | null = null;
  private checking = false;
  private broadcast: { setMuted(muted: boolean): void; stop(): void } | null = null;
  private starting = false;

  constructor(
    private readonly host: Host,
    private readonly roomOf: () => Element | null,
  ) {
    this.t = new LocalizeController(host, translation, roomOf);
    host.addController(this);
  }

  hostConnected(): void {}

  /** Leaves the stage and lets the devices go (the overlay left the page for good). */
  stop(): void {
    this.session?.stage.leave();
    this.release();
    for (const stop of this.stops.splice(0)) stop();
    this.session = null;
  }

  private follow(session: RoomSession): void {
    if (session === this.session) return;
    for (const stop of this.stops.splice(0)) stop();
    this.session = session;
    const changed = () => {
      this.reconcile();
      this.host.requestUpdate();
    };
    this.stops.push(session.stage.$mine.listen(changed), session.$state.listen(changed));
  }

  /** On stage: publish the checked camera; off it: stop and let the devices go; muted by the host: mute. */
  private reconcile(): void {
    const session = this.session;
    if (!session) return;
    const me = session.state.stage?.guests.find((guest) => guest.id === session.userId);
    const mine = session.stage.$mine.get();
    if (me && this.stream && !this.broadcast && !this.starting) {
      this.starting = true;
      const stream = this.stream;
      const media = agoraMedia(this.roomOf());
      const started = media ? this.publishOnAgora(session, stream, media) : import('../../media/local-stage.js').then(({ GuestBroadcast }) => new GuestBroadcast(session, stream));
      void started.then(
        (broadcast) => {
          this.starting = false;
          if (this.session !== session || !session.stage.onStage || this.stream !== stream) return broadcast.stop();
          this.broadcast = broadcast;
          broadcast.setMuted(Boolean(session.state.stage?.guests.find((guest) => guest.id === session.userId)?.muted));
        },
        (error: unknown) => {
          // Not published (no guest token, the SDK refused): off the stage rather than a black tile on every screen.
          this.starting = false;
          console.warn('[linger] stage: could not publish the camera', error);
          session.stage.leave();
        },
      );
    }
    if (me) this.broadcast?.setMuted(Boolean(me.muted));
    if (!me && !mine.invitedBy && !mine.accepting) this.release();
  }

  /**
   * On Agora: the player's own client switches to the host role with this viewer's guest token
   * (issued only after the host's invitation, docs/tokens.md § Co-hosting) and publishes; without a
   * player on the page, a publisher client of its own does the same.
   */
  private async publishOnAgora(session: RoomSession, stream: MediaStream, media: RoomMedia): Promise<{ setMuted(muted: boolean): void; stop(): void }> {
    const setMuted = (muted: boolean) => stream.getAudioTracks().forEach((track) => (track.enabled = !muted));
    const guestTokens = () => media.guestTokens?.() ?? Promise.resolve(null);
    const { setOwnStageStream } = await import('../../media/local-stage.js');
    const audience = stageAudiences.get(session);
    let stop: () => Promise<void>;
    if (audience) {
      await audience.goOnStage(stream, async () => (await guestTokens())?.rtcToken ?? null);
      stop = () => audience.leaveStage();
    } else {
      const { AgoraPublisher } = await import('../../media/agora-publish.js');
      const publisher = new AgoraPublisher({ appId: media.appId, channel: media.channel, tokens: guestTokens });
      await publisher.start(stream, { bitrateKbps: 1000 });
      stop = () => publisher.stop();
    }
    setOwnStageStream(session, stream);
    return {
      setMuted,
      stop: () => {
        setOwnStageStream(session, null);
        void stop();
      },
    };
  }

  private release(): void {
    this.broadcast?.stop();
    this.broadcast = null;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.problem = null;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.problem = null;
    if (!navigator.mediaDevices?.getUserMedia) {
      this.problem = 'unsupported';
      this.host.requestUpdate();
      return;
    }
    this.checking = true;
    this.host.requestUpdate();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 360 } }, audio: true });
      for (const track of this.stream?.getTracks() ?? []) track.stop();
      this.stream = stream;
    } catch (error) {
      this.problem = problemOf(error);
    } finally {
      this.checking = false;
      this.host.requestUpdate();
    }
    if (this.stream) void this.focus('[part~="stage-accept"]');
  }

  private focus(selector: string): Promise<void> {
    return (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus(),
    );
  }

  private send(name: string): void {
    if (this.session?.stage.ask({ name, text: this.request })) {
      this.composing = false;
      this.request = '';
    }
    this.host.requestUpdate();
  }

  /** The stage part of the overlay for this viewer, or nothing. */
  render(session: RoomSession, name: string) {
    this.follow(session);
    const t = this.t;
    const stage = session.state.stage;
    const mine = session.stage.$mine.get();
    const me = stage?.guests.find((guest) => guest.id === session.userId);
    if (me) {
      return html`<div part="stage-panel" class="stage-join on" role="status" lang=${t.lang} dir=${t.dir}>
        <span>${t.term('onStage')}</span>
        ${me.muted ? html`<span part="stage-muted" class="stage-note">${t.term('mutedByHost')}</span>` : nothing}
        <button part="stage-leave" type="button" class="chip" @click=${() => session.stage.leave()}>${t.term('leave')}</button>
      </div>`;
    }
    if (mine.accepting) return html`<div part="stage-panel" class="stage-join" role="status" lang=${t.lang} dir=${t.dir}>${t.term('joining')}</div>`;
    if (mine.invitedBy) return this.renderConsent(session, name);
    if (!stage?.open) return nothing;
    if (mine.asked) {
      return html`<div part="stage-panel" class="stage-join" role="status" lang=${t.lang} dir=${t.dir}>
        <span>${t.term('asked')}</span>
        <button part="stage-withdraw" type="button" class="chip" @click=${() => session.stage.leave()}>${t.term('withdraw')}</button>
      </div>`;
    }
    if (!this.composing) {
      return html`<div part="stage-panel" class="stage-join" lang=${t.lang} dir=${t.dir}>
        <button part="stage-ask" type="button" class="chip" @click=${() => {
          this.composing = true;
          this.host.requestUpdate();
          void this.focus('[part~="stage-request"]');
        }}>${t.term('ask')}</button>
      </div>`;
    }
    return html`<form part="stage-panel" class="stage-join form" lang=${t.lang} dir=${t.dir} aria-label=${t.term('askTitle')} @submit=${(event: Event) => {
      event.preventDefault();
      this.send(name);
    }}>
      <label class="stage-label">${t.term('askTitle')}
        <input part="stage-request" type="text" maxlength="140" dir="auto" placeholder=${t.term('askText')} .value=${this.request}
          @input=${(event: Event) => (this.request = (event.target as HTMLInputElement).value)} />
      </label>
      <span class="stage-buttons">
        <button part="stage-send" type="submit" class="chip">${t.term('send')}</button>
        <button part="stage-cancel" type="button" class="chip" @click=${() => {
          this.composing = false;
          this.host.requestUpdate();
        }}>${t.term('cancel')}</button>
      </span>
    </form>`;
  }

  /** The consent dialog: what going on stage means, the device check, the self-preview. */
  private renderConsent(session: RoomSession, name: string) {
    const t = this.t;
    return html`<div part="stage-dialog" class="stage-join dialog" role="dialog" aria-labelledby="stage-invited" aria-describedby="stage-consent" lang=${t.lang} dir=${t.dir}>
      <strong id="stage-invited">${t.term('invited')}</strong>
      <p id="stage-consent">${t.term('consent')}</p>
      ${this.stream
        ? html`<video part="stage-preview" class="stage-preview" aria-label=${t.term('preview')} .srcObject=${this.stream} .muted=${true} autoplay playsinline></video>`
        : nothing}
      ${this.problem ? html`<p part="stage-problem" class="stage-problem" role="alert">${t.term(this.problem)}</p>` : nothing}
      <span class="stage-buttons">
        ${this.stream
          ? html`<button part="stage-accept" type="button" class="chip primary" @click=${() => session.stage.accept(name)}>${t.term('goOn')}</button>`
          : html`<button part="stage-check" type="button" class="chip" ?disabled=${this.checking} @click=${() => void this.check()}>${t.term('check')}</button>`}
        <button part="stage-decline" type="button" class="chip" @click=${() => {
          session.stage.leave();
          this.release();
          this.host.requestUpdate();
        }}>${t.term('notNow')}</button>
      </span>
    </div>`;
  }
}

export const styles = css`
  .stage-join {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding: 0.5em 0.6em;
    border-radius: var(--linger-radius, 8px);
    background: var(--_overlay-card-bg, rgb(0 0 0 / 0.06));
    overflow-wrap: anywhere;
  }
  .stage-join.dialog,
  .stage-join.form {
    flex-direction: column;
    align-items: stretch;
  }
  .stage-join p {
    margin: 0;
  }
  .stage-label {
    display: flex;
    flex-direction: column;
    gap: 0.3em;
  }
  .stage-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .stage-preview {
    inline-size: min(100%, 240px);
    aspect-ratio: 16 / 9;
    background: #000;
    border-radius: 6px;
    object-fit: cover;
  }
  .stage-problem {
    color: var(--linger-color-danger, #b91c1c);
  }
  .stage-note {
    font-size: 0.85em;
    opacity: 0.85;
  }
`;
