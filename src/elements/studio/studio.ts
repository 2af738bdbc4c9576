import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { RoomElement } from '../../controllers/room-element.js';
import { DisconnectGrace } from '../../controllers/disconnect-grace.js';
import { STUDIO_PRESETS, StudioController, type DeviceKind, type StudioPreset, type StudioPublisher } from '../../controllers/studio-controller.js';
import type { RoomSession } from '../../core/session.js';
import type { RtcSdk } from '../../media/agora-rtc.js';
import { hostStyles } from '../../styles/host.styles.js';
import { translation, type en } from './studio.strings.js';
import styles from './studio.styles.js';

/**
 * The host's broadcast desk: camera and microphone pickers, a local preview, capture presets,
 * camera/microphone mute, switching a device without dropping the stream, Go live / End. Clear
 * messages when a device is missing, busy or blocked. Goes live only when the room's user is a host.
 * On Agora it publishes as a host-role client with the host's publisher token and dual stream; on a
 * room without Agora it streams to every `<linger-player>` over browser WebRTC connections signalled
 * through the room (docs/studio.md). The logic lives in `src/controllers/studio-controller.ts`.
 *
 * @summary The host's camera, microphone and Go live button.
 * @tag linger-studio
 * @attr room - Id of the `<linger-room>` (else the closest or only room).
 * @attr locale - Language of the desk (else the room's, else `<html lang>`).
 * @prop {StudioController} studio - Read-only: devices, problems, phase (`off`, `starting`, `ready`, `going-live`, `live`, `ending`) and the actions behind the buttons.
 * @prop {(session: RoomSession) => Promise<StudioPublisher>} publisher - Makes the publisher when going live (default: Agora RTC on an Agora room, else the local WebRTC path).
 * @prop {() => Promise<RtcSdk>} loadSdk - Loads the Agora RTC module (default: `import('agora-rtc-sdk-ng/esm')`); tests inject a fake.
 * @csspart base - The desk.
 * @csspart preview - The local preview video.
 * @csspart badge - The On air / Off air badge.
 * @csspart watching - How many viewers receive the stream (local path).
 * @csspart uplink - The upload's grade while live (good, fair, poor), from Agora's network quality or the local connections' stats.
 * @csspart problem - Each device or broadcast problem message.
 * @csspart devices - The camera, microphone and quality pickers.
 * @csspart picker - Each picker (`select`): camera, microphone, quality.
 * @csspart controls - The button row.
 * @csspart button - Every button (each also has its own name: `start`, `camera`, `microphone`, `share`, `go-live`, `end`, `stop`).
 * @cssproperty --linger-studio-aspect-ratio - The preview's box (default `16 / 9`).
 */
export class LingerStudio extends RoomElement<typeof en> {
  static override styles = [hostStyles, styles];

  /** Makes the publisher when going live; the default is the local WebRTC path on a room without Agora. */
  @property({ attribute: false }) publisher: ((session: RoomSession) => Promise<StudioPublisher>) | undefined;

  /** The desk's state and actions (read-only). */
  /** Loads the Agora RTC SDK; replace it to inject a fake in tests. */
  @property({ attribute: false }) loadSdk: (() => Promise<RtcSdk>) | undefined;

  readonly studio: StudioController = new StudioController(this, {
    session: () => this.roomCtl.session,
    media: () => this.roomCtl.room?.media ?? null,
    loadSdk: () => this.loadSdk,
    publisher: (session) => this.publisher?.(session),
  });

  /** A theme or a console tab moving the desk keeps the broadcast; gone for good releases the devices. */
  protected readonly grace = new DisconnectGrace(this, () => void this.studio.stop());

  constructor() {
    super(translation);
  }

  protected override render() {
    const t = this.localize;
    const studio = this.studio;
    const { phase } = studio;
    const live = phase === 'live';
    const busy = phase === 'starting' || phase === 'going-live' || phase === 'ending';
    const hasVideo = !!studio.stream?.getVideoTracks().length;
    const problems = (['camera', 'microphone'] as const).flatMap((kind) => {
      const problem = studio.problems[kind];
      if (!problem) return [];
      if (problem === 'unsupported') return kind === 'camera' ? [t.term('unsupported')] : [];
      if (problem === 'failed') return [t.term('deviceFailed')];
      return [t.term(`${kind}${problem[0]!.toUpperCase()}${problem.slice(1)}` as 'cameraDenied')];
    });
    if (studio.failure) problems.push(t.term(({ 'not-host': 'notHost', 'no-room': 'noRoom', 'no-device': 'noDevice', 'publish-failed': 'publishFailed' } as const)[studio.failure]));
    const viewers = studio.publisher?.viewers;
    // Agora's grades: 4–5 poor, 6 down. Viewers then fall back to the low stream or freeze.
    const uplink = studio.publisher?.uplink ?? 0;
    if (live && uplink >= 4) problems.push(t.term('uplinkWeak'));
    return html`
      <section part="base" class="desk ${live ? 'live' : ''}" aria-label=${t.term('region')} lang=${t.lang} dir=${t.dir} aria-busy=${busy ? 'true' : 'false'}>
        <div class="screen">
          <video part="preview" class="preview ${hasVideo && studio.cameraOn ? '' : 'dark'}" aria-label=${t.term('preview')} muted playsinline autoplay .srcObject=${studio.stream}></video>
          <span part="badge" class="badge ${live ? 'on' : ''}" role="status">${t.term(live ? 'onAir' : 'offAir')}</span>
          ${live && typeof viewers === 'number' ? html`<span part="watching" class="watching">${t.term('watching', t.number(viewers), t.plural(viewers))}</span>` : nothing}
          ${live && uplink > 0
            ? html`<span part="uplink" class="uplink uplink-${uplink <= 2 ? 'good' : uplink === 3 ? 'fair' : 'poor'}" role="status"
                >${t.term(uplink <= 2 ? 'uplinkGood' : uplink === 3 ? 'uplinkFair' : 'uplinkPoor')}</span
              >`
            : nothing}
        </div>
        <div class="problems" role="alert">
          ${problems.map((text) => html`<p part="problem" class="problem">${text}</p>`)}
        </div>
        ${studio.stream
          ? html`<div part="devices" class="devices">
              ${this.picker('camera', studio.cameras, studio.cameraId)} ${this.picker('microphone', studio.microphones, studio.microphoneId)}
              <label
                >${t.term('quality')}
                <select part="picker" name="preset" @change=${(event: Event) => void studio.setPreset((event.target as HTMLSelectElement).value as StudioPreset)}>
                  ${(Object.keys(STUDIO_PRESETS) as StudioPreset[]).map((preset) => html`<option value=${preset} ?selected=${studio.preset === preset}>${t.term(preset)}</option>`)}
                </select>
              </label>
            </div>`
          : nothing}
        <div part="controls" class="controls">
          ${phase === 'off' || phase === 'starting'
            ? html`<button part="button start" type="button" ?disabled=${phase === 'starting'} @click=${() => void studio.start()}>
                ${t.term(phase === 'starting' ? 'starting' : problems.length ? 'tryAgain' : 'start')}
              </button>`
            : html`${this.toggle('camera')} ${this.toggle('microphone')}
              ${studio.canShare
                ? html`<button part="button share" class="secondary" type="button" aria-pressed=${studio.sharing ? 'true' : 'false'} @click=${() => void (studio.sharing ? studio.stopSharing() : studio.shareScreen())}>
                    ${t.term(studio.sharing ? 'stopSharing' : 'shareScreen')}
                  </button>`
                : nothing}`}
          <span class="spacer"></span>
          ${live || phase === 'ending'
            ? html`<button part="button end" class="danger" type="button" ?disabled=${phase === 'ending'} @click=${() => void studio.end()}>${t.term(phase === 'ending' ? 'ending' : 'end')}</button>`
            : html`<button part="button go-live" class="primary" type="button" ?disabled=${busy} @click=${() => void studio.goLive()}>${t.term(phase === 'going-live' ? 'goingLive' : 'goLive')}</button>`}
          ${studio.stream && !live && !busy ? html`<button part="button stop" class="secondary" type="button" @click=${() => void studio.stop()}>${t.term('stop')}</button>` : nothing}
        </div>
      </section>
    `;
  }

  private picker(kind: DeviceKind, devices: MediaDeviceInfo[], selected: string) {
    const t = this.localize;
    if (devices.length === 0) return nothing;
    return html`<label
      >${t.term(kind)}
      <select part="picker" name=${kind} @change=${(event: Event) => void this.studio.useDevice(kind, (event.target as HTMLSelectElement).value)}>
        ${devices.map((device, index) => html`<option value=${device.deviceId} ?selected=${device.deviceId === selected}>${device.label || `${t.term(kind)} ${t.number(index + 1)}`}</option>`)}
      </select>
    </label>`;
  }

  private toggle(kind: DeviceKind) {
    const t = this.localize;
    const on = kind === 'camera' ? this.studio.cameraOn : this.studio.microphoneOn;
    const present = kind === 'camera' ? !!this.studio.stream?.getVideoTracks().length : !!this.studio.stream?.getAudioTracks().length;
    if (!present) return nothing;
    return html`<button part="button ${kind}" class="secondary" type="button" aria-pressed=${on ? 'false' : 'true'} @click=${() => this.studio.toggle(kind)}>
      ${t.term(`${kind}${on ? 'Off' : 'On'}` as 'cameraOff')}
    </button>`;
  }
}

