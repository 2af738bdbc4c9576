/**
 * The player's live video without Agora (docs/studio.md): one browser `RTCPeerConnection` to the
 * host's `<linger-studio>`, signalled over the room's own transport (`rtc.want` → `rtc.offer` →
 * `rtc.answer`, src/core/protocol.ts). It has the surface of the Agora audience
 * (`src/media/agora-rtc.ts`), so `src/controllers/rtc-controller.ts` drives it with the same retries.
 *
 * Loaded only while the host's studio is on air on a room without Agora (`RoomSession.localMedia`):
 * a storefront that never sees a local stream never downloads it.
 */
import type { RoomSession, SignalType } from '../core/session.js';
import type { Inbound } from '../core/protocol.js';
import { transportError } from '../transports/transport.js';
import type { RtcAudienceOptions, RtcState } from './agora-rtc.js';

/** No offer this long after asking: ask again through the controller's retry policy. */
const OFFER_WAIT_MS = 10_000;

/**
 * Resolves once the connection gathered its ICE candidates (host candidates on one machine take
 * milliseconds), so one offer or answer carries them all; after `ms` it sends what it has.
 */
export function gathered(pc: RTCPeerConnection, ms = 3000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState !== 'complete' && !timedOut) return;
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      done();
    }, ms);
    pc.addEventListener('icegatheringstatechange', done);
    done();
  });
}

/** The adapter shape `RtcController` loads: `new RtcAudience(options)`, bound to this room's session. */
export function audienceAdapter(session: RoomSession): { RtcAudience: new (options: RtcAudienceOptions) => LocalAudience } {
  return {
    RtcAudience: class extends LocalAudience {
      constructor(options: RtcAudienceOptions) {
        super(session, options);
      }
    },
  };
}

export class LocalAudience {
  state: RtcState = 'idle';
  private pc: RTCPeerConnection | null = null;
  private video: HTMLVideoElement | null = null;
  private off: (() => void) | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private audioOn = false;
  private closed = false;

  constructor(
    private readonly session: RoomSession,
    private readonly options: RtcAudienceOptions,
  ) {}

  /** The connection to the host (tests check that a camera switch keeps it). */
  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  load(): Promise<void> {
    return Promise.resolve();
  }

  /** One attempt: asks every host for the stream; the offer arrives as a signal. */
  async join(): Promise<void> {
    if (this.closed) throw transportError('closed', 'Live video: the player was closed.');
    if (typeof RTCPeerConnection !== 'function') throw transportError('webrtc-unsupported', 'Live video: this browser has no WebRTC.');
    this.off ??= this.session.onSignal((message) => void this.signal(message));
    this.set('connecting');
    const sent = await Promise.all([...this.session.hosts].map((host) => this.session.signal('rtc.want', {}, host)));
    if (!sent.includes(true)) throw transportError('local-video', 'Live video: could not ask the host’s studio for the stream over the room.');
    if (this.state === 'connecting') this.set('waiting');
    clearTimeout(this.waitTimer);
    this.waitTimer = setTimeout(() => {
      if (!this.pc && !this.closed) this.options.onDropped?.(transportError('local-video', 'Live video: the host’s studio did not answer; asking again.'));
    }, OFFER_WAIT_MS);
  }

  setAudio(on: boolean): void {
    this.audioOn = on;
    if (this.video) this.video.muted = !on;
  }

  resume(): void {
    this.play();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    clearTimeout(this.waitTimer);
    this.off?.();
    this.pc?.close();
    this.pc = null;
    if (this.video) {
      this.video.srcObject = null;
      this.video.remove();
      this.video = null;
    }
    this.set('closed');
    return Promise.resolve();
  }

  private async signal(message: Inbound<SignalType>): Promise<void> {
    // The table already refuses an offer from anyone but a host; answers and asks are for the studio.
    if (message.type !== 'rtc.offer' || !message.fromHost || this.closed) return;
    clearTimeout(this.waitTimer);
    this.pc?.close();
    const pc = (this.pc = new RTCPeerConnection());
    pc.ontrack = (event) => this.attach(event.streams[0] ?? new MediaStream([event.track]));
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === 'disconnected') this.set('reconnecting');
      else if (pc.connectionState === 'connected' && this.video && !this.video.paused) this.set('live');
      else if (pc.connectionState === 'failed') {
        this.pc = null;
        pc.close();
        this.options.onDropped?.(transportError('local-video', 'Live video: the connection to the host’s studio failed.'));
      }
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: (message as Inbound<'rtc.offer'>).body.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      if (pc !== this.pc || !pc.localDescription) return;
      await this.session.signal('rtc.answer', { sdp: pc.localDescription.sdp }, message.sender);
    } catch (error) {
      if (pc !== this.pc) return;
      this.pc = null;
      pc.close();
      this.options.onDropped?.(transportError('local-video', `Live video: the host’s offer could not be used (${String(error)}).`, error));
    }
  }

  private attach(stream: MediaStream): void {
    if (this.closed) return;
    let video = this.video;
    if (!video) {
      video = this.video = document.createElement('video');
      video.playsInline = true;
      video.style.cssText = 'width:100%;height:100%;object-fit:var(--linger-player-fit,contain);display:block';
      video.addEventListener('playing', () => this.set('live'));
      this.options.container.append(video);
    }
    video.muted = !this.audioOn;
    if (video.srcObject !== stream) video.srcObject = stream;
    this.play();
  }

  private play(): void {
    this.video?.play().catch((error: unknown) => {
      if ((error as DOMException)?.name === 'NotAllowedError') this.options.onAutoplayBlocked?.();
    });
  }

  private set(state: RtcState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState?.(state);
  }
}
