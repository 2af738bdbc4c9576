/**
 * The player's stage layout (co-hosting, docs/studio.md § Co-hosting): the host and up to three
 * guests, side by side when the player is at least 600 px wide, guests as picture-in-picture tiles
 * stacked at the inline end on a phone (the left in Arabic), each with its name. On a room without
 * Agora each guest's camera comes over its own WebRTC connection (src/media/local-stage.ts); this
 * screen's own camera, when it is a guest, plays from the device. Loaded by the player the first time
 * someone is on stage.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { LocalizeController } from '../../i18n/localize.js';
import type { RoomSession } from '../../core/session.js';
import { GuestLink, ownStageStream } from '../../media/local-stage.js';
import { agoraMedia, stageAudiences } from '../../media/stage-audience.js';
import { translation, type en } from './stage.strings.js';

type Host = ReactiveControllerHost & HTMLElement;
/** What the player hands over: its room and session (its RoomController). */
interface RoomOf {
  readonly room: Element | null;
  readonly session: RoomSession | null;
}

const tilesOf = new WeakMap<Host, StageTiles>();

/** The player's stage: the guests' tiles and the host's name, or `undefined` when nobody is on stage. */
export function stage(host: Host, roomCtl: RoomOf, muted: boolean) {
  let tiles = tilesOf.get(host);
  if (!tiles) tilesOf.set(host, (tiles = new StageTiles(host, () => roomCtl.room, () => roomCtl.session)));
  const view = tiles.render(roomCtl.session, muted);
  return view === nothing ? undefined : view;
}

export class StageTiles implements ReactiveController {
  readonly t: LocalizeController<typeof en>;
  private readonly links = new Map<string, GuestLink>();
  private session: RoomSession | null = null;
  private stopOwn: (() => void) | null = null;

  private agora = false;
  private muted = false;

  constructor(
    private readonly host: Host,
    private readonly roomOf: () => Element | null,
    private readonly sessionOf: () => RoomSession | null = () => null,
  ) {
    this.t = new LocalizeController(host, translation, roomOf);
    host.addController(this);
  }

  hostConnected(): void {}

  /** Out of the document (moved, or gone): the connections go; a render back in the page makes them again. */
  hostDisconnected(): void {
    this.stop();
  }

  /** On Agora, after each render: the player's audience plays each guest's tracks into its tile. */
  hostUpdated(): void {
    // The stage emptied (the player renders no tiles then): let every guest connection go.
    if (this.links.size && !this.sessionOf()?.state.stage?.guests.length) this.sync(this.session, []);
    const session = this.session;
    const audience = session && this.agora ? stageAudiences.get(session) : undefined;
    if (!session || !audience) return;
    for (const tile of this.host.shadowRoot?.querySelectorAll<HTMLElement>('.agora-video') ?? []) {
      const guest = session.state.stage?.guests.find((entry) => entry.id === tile.dataset.guest);
      if (guest) audience.playGuest(guest.id, tile, !this.muted && !guest.muted);
    }
  }

  /** The connection to one guest (tests check it). */
  linkTo(guest: string): GuestLink | undefined {
    return this.links.get(guest);
  }

  /** Lets every connection go (the player released its media). */
  stop(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.stopOwn?.();
    this.stopOwn = null;
    this.session = null;
  }

  /** Keeps one connection per guest on stage (not to itself), and none once the stage is empty. */
  private sync(session: RoomSession | null, ids: readonly string[]): void {
    if (session !== this.session) {
      this.stop();
      this.session = session;
      if (session) this.stopOwn = ownStageStream(session).listen(() => this.host.requestUpdate());
    }
    this.agora = agoraMedia(this.roomOf()) !== null;
    const wanted = new Set(session && !this.agora ? ids.filter((id) => id !== session.userId) : []);
    for (const [id, link] of this.links) {
      if (wanted.has(id)) continue;
      link.close();
      this.links.delete(id);
    }
    for (const id of wanted) if (!this.links.has(id)) this.links.set(id, new GuestLink(session!, id, () => this.host.requestUpdate()));
  }

  /** The guests' tiles and the host's name, or nothing when the stage is empty. */
  render(session: RoomSession | null, muted: boolean) {
    const guests = session?.state.stage?.guests ?? [];
    this.sync(session, guests.map((guest) => guest.id));
    if (!session || guests.length === 0) return nothing;
    const t = this.t;
    this.muted = muted;
    const own = ownStageStream(session).get();
    return html`<span part="stage-name" class="tile-name host-name" dir="auto">${t.term('host')}</span>
      <div part="stage" class="tiles" role="group" aria-label=${t.term('stage')}>
        ${guests.map((guest) => {
          const self = guest.id === session.userId;
          const stream = self ? own : (this.links.get(guest.id)?.stream ?? null);
          return html`<div part="stage-tile" class="tile" data-guest=${guest.id}>
            ${stream
              ? html`<video class="guest-video" .srcObject=${stream} .muted=${self || muted || Boolean(guest.muted)} autoplay playsinline></video>`
              : this.agora && !self
                ? html`<div class="agora-video" data-guest=${guest.id}></div>`
                : html`<span class="tile-wait" aria-hidden="true"></span>`}
            <span part="stage-name" class="tile-name" lang=${t.lang}
              ><bdi dir="auto">${guest.name || t.term('guest')}</bdi>${guest.muted
                ? html` <span class="tile-muted" role="img" aria-label=${t.term('muted')} title=${t.term('muted')}>🔇</span>`
                : nothing}</span
            >
          </div>`;
        })}
      </div>`;
  }
}

export const styles = css`
  .frame {
    container-type: inline-size;
  }
  .tile-name {
    position: absolute;
    inset-block-end: 6px;
    inset-inline-start: 6px;
    max-inline-size: calc(100% - 12px);
    padding: 0.1em 0.45em;
    border-radius: 4px;
    background: var(--_player-scrim);
    font-size: 0.75em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    z-index: 1;
  }
  .host-name {
    display: none;
  }
  /* Phones: the host fills the player, guests are picture-in-picture tiles stacked at the inline end. */
  .tiles {
    position: absolute;
    inset-block-end: 3.2em;
    inset-inline-end: 8px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    inline-size: 32%;
    z-index: 1;
  }
  .tile {
    position: relative;
    aspect-ratio: 16 / 9;
    overflow: hidden;
    border-radius: 6px;
    background: #111;
    box-shadow: 0 1px 6px rgb(0 0 0 / 0.5);
  }
  .agora-video {
    position: absolute;
    inset: 0;
  }
  .tile video {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  /* At least 600 px wide: side by side, host first (on the right in a right-to-left page). */
  @container (min-width: 600px) {
    .media.staged {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: minmax(0, 1fr);
      gap: 4px;
    }
    .media.staged .rtc {
      position: relative;
      grid-area: 1 / 1;
      inset: auto;
    }
    .media.staged .host-name {
      display: block;
      grid-area: 1 / 1;
      position: relative;
      align-self: end;
      justify-self: start;
      margin: 6px;
      inset: auto;
    }
    .tiles {
      display: contents;
    }
    .tile {
      aspect-ratio: auto;
      border-radius: 0;
      box-shadow: none;
      align-self: stretch;
    }
  }
`;
