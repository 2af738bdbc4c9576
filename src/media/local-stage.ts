/**
 * Co-hosting without Agora (docs/studio.md § Co-hosting): a guest on stage offers its camera to each
 * viewer that asks, as the host's studio does (`rtc.want` → `stage.offer` → `rtc.answer`), and each
 * player keeps one connection per guest. A player takes a `stage.offer` only from a guest the host's
 * `stage` lists, so no viewer can push video into another's player by sending one.
 *
 * Loaded only when a room without Agora has someone on stage.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { RoomSession } from '../core/session.js';
import type { Inbound } from '../core/protocol.js';
import { LocalBroadcaster } from './local-broadcast.js';
import { gathered } from './local-rtc.js';

/** No offer this long after asking a guest: ask again. */
const OFFER_WAIT_MS = 5000;

/** This screen's own camera while it is a guest, per session: its player shows it without a connection to itself. */
const own = new WeakMap<RoomSession, ReturnType<typeof atom<MediaStream | null>>>();
export function ownStageStream(session: RoomSession): ReadableAtom<MediaStream | null> {
  let store = own.get(session);
  if (!store) own.set(session, (store = atom<MediaStream | null>(null)));
  return store;
}

/** Sets this screen's own stage camera (`null` once off the stage). */
export function setOwnStageStream(session: RoomSession, stream: MediaStream | null): void {
  const store = ownStageStream(session) as ReturnType<typeof atom<MediaStream | null>>;
  if (stream || store.get()) store.set(stream);
}

/** A guest's side: serves its camera to every viewer that asks, while it is on stage. */
export class GuestBroadcast {
  private readonly broadcaster: LocalBroadcaster;

  constructor(
    private readonly session: RoomSession,
    private readonly stream: MediaStream,
  ) {
    this.broadcaster = new LocalBroadcaster(session, 'stage.offer');
    void this.broadcaster.start(stream, { bitrateKbps: 1500 });
    setOwnStageStream(session, stream);
  }

  /** The host muted (or unmuted) this guest: its microphone follows on every connection. */
  setMuted(muted: boolean): void {
    for (const track of this.stream.getAudioTracks()) track.enabled = !muted;
  }

  stop(): void {
    void this.broadcaster.stop();
    for (const track of this.stream.getTracks()) track.stop();
    if (ownStageStream(this.session).get() === this.stream) setOwnStageStream(this.session, null);
  }
}

/** A player's connection to one guest: asks for its camera, takes its offer, answers. */
export class GuestLink {
  stream: MediaStream | null = null;
  private pc: RTCPeerConnection | null = null;
  private readonly off: () => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly session: RoomSession,
    readonly guest: string,
    private readonly changed: () => void,
  ) {
    this.off = session.onSignal((message) => void this.signal(message));
    this.ask();
  }

  /** The connection (tests check it). */
  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.off();
    this.pc?.close();
    this.pc = null;
    this.stream = null;
  }

  private ask(): void {
    if (this.closed) return;
    void this.session.signal('rtc.want', {}, this.guest);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.pc || this.pc.connectionState === 'failed') this.ask();
    }, OFFER_WAIT_MS);
  }

  private async signal(message: Inbound): Promise<void> {
    // Only this guest, and only while the host's stage lists it.
    if (this.closed || message.type !== 'stage.offer' || message.sender !== this.guest) return;
    if (!this.session.state.stage?.guests.some((guest) => guest.id === message.sender)) return;
    clearTimeout(this.timer);
    this.pc?.close();
    const pc = (this.pc = new RTCPeerConnection());
    pc.ontrack = (event) => {
      this.stream = event.streams[0] ?? new MediaStream([event.track]);
      this.changed();
    };
    pc.onconnectionstatechange = () => {
      if (pc === this.pc && pc.connectionState === 'failed') this.ask();
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: (message as Inbound<'stage.offer'>).body.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      if (pc !== this.pc || !pc.localDescription) return;
      await this.session.signal('rtc.answer', { sdp: pc.localDescription.sdp }, this.guest);
    } catch (error) {
      console.warn('[linger] stage: a guest’s offer could not be used', error);
      if (pc === this.pc) this.ask();
    }
  }
}
