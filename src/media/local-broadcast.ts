/**
 * The studio's side of live video without Agora (docs/studio.md): for each viewer that asks
 * (`rtc.want`), one `RTCPeerConnection` carrying the studio's tracks, offered with a complete SDP
 * (`rtc.offer`); the answer is taken only from that viewer (`rtc.answer`). A camera switch replaces
 * the track on every connection (`RTCRtpSender.replaceTrack`), so no viewer reconnects.
 *
 * Meant for one machine and a handful of tabs (`npm start`, tests): every viewer is one upload
 * from the host's browser. A real show publishes over Agora RTC (src/media/agora-publish.ts).
 */
import type { RoomSession, SignalType } from '../core/session.js';
import type { Inbound } from '../core/protocol.js';
import { gathered } from './local-rtc.js';

/** What `<linger-studio>` publishes through: this local path, or Agora RTC. */
export interface StudioPublisher {
  /** Starts publishing the stream's tracks. */
  start(stream: MediaStream, options: { bitrateKbps: number }): Promise<void>;
  /** Puts `track` in place of the published track of its kind (camera or microphone switch). */
  replaceTrack(track: MediaStreamTrack): Promise<void>;
  /** Stops publishing and releases every connection. */
  stop(): Promise<void>;
  /** How many viewers receive the stream, when the publisher knows. */
  readonly viewers: number | null;
  /** Upload quality 0 (unknown) … 6 (down), when the publisher knows (Agora's `network-quality`). */
  readonly uplink?: number;
  /** Called when `viewers` or `uplink` changes. */
  onChange?: () => void;
}

/** Local connections are uploads from the host's browser: beyond this many viewers, none are added. */
export const MAX_LOCAL_VIEWERS = 16;

/** How often the local path reads its connections' stats for the upload grade. */
const STATS_EVERY_MS = 2000;

/**
 * An upload grade on Agora's scale (1 excellent … 6 down) from what the viewers' side reports back
 * (RTCP): the share of packets lost and the round trip. Loopback tabs read 1.
 */
export function uplinkGrade(fractionLost: number, roundTripSeconds: number): number {
  if (fractionLost > 0.1 || roundTripSeconds > 0.4) return 4;
  if (fractionLost > 0.03 || roundTripSeconds > 0.2) return 3;
  return fractionLost > 0.01 || roundTripSeconds > 0.1 ? 2 : 1;
}

export class LocalBroadcaster implements StudioPublisher {
  onChange?: () => void;
  /** The worst upload grade over the connected viewers (0 until the first reading), as Agora grades it. */
  uplink = 0;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private readonly peers = new Map<string, RTCPeerConnection>();
  private stream: MediaStream | null = null;
  private bitrateKbps = 0;
  private off: (() => void) | null = null;

  constructor(
    private readonly session: RoomSession,
    /** `rtc.offer` for the host's studio; `stage.offer` for a guest on stage (src/media/local-stage.ts). */
    private readonly offerType: 'rtc.offer' | 'stage.offer' = 'rtc.offer',
  ) {}

  get viewers(): number {
    let connected = 0;
    for (const pc of this.peers.values()) if (pc.connectionState === 'connected') connected++;
    return connected;
  }

  /** The connection to one viewer (tests check that a camera switch keeps it). */
  connectionTo(viewer: string): RTCPeerConnection | undefined {
    return this.peers.get(viewer);
  }

  start(stream: MediaStream, options: { bitrateKbps: number }): Promise<void> {
    this.stream = stream;
    this.bitrateKbps = options.bitrateKbps;
    this.off ??= this.session.onSignal((message) => void this.signal(message));
    this.statsTimer ??= setInterval(() => void this.readStats(), STATS_EVERY_MS);
    return Promise.resolve();
  }

  /** The upload grade from each connected viewer's receiver reports (`remote-inbound-rtp`) and the encoder's limits. */
  private async readStats(): Promise<void> {
    let worst = 0;
    for (const pc of [...this.peers.values()]) {
      if (pc.connectionState !== 'connected') continue;
      const report = await pc.getStats().catch(() => null);
      let grade = 1;
      report?.forEach((entry: { type: string; kind?: string; fractionLost?: number; roundTripTime?: number; qualityLimitationReason?: string }) => {
        if (entry.type === 'remote-inbound-rtp' && entry.kind === 'video') grade = Math.max(grade, uplinkGrade(entry.fractionLost ?? 0, entry.roundTripTime ?? 0));
        if (entry.type === 'outbound-rtp' && entry.kind === 'video' && entry.qualityLimitationReason === 'bandwidth') grade = Math.max(grade, 3);
      });
      worst = Math.max(worst, grade);
    }
    if (worst === this.uplink || !this.stream) return;
    this.uplink = worst;
    this.onChange?.();
  }

  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    const swaps: Array<Promise<void>> = [];
    for (const pc of this.peers.values()) {
      for (const sender of pc.getSenders()) if (sender.track?.kind === track.kind) swaps.push(sender.replaceTrack(track));
    }
    await Promise.all(swaps);
  }

  stop(): Promise<void> {
    this.off?.();
    this.off = null;
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.uplink = 0;
    this.stream = null;
    for (const pc of this.peers.values()) pc.close();
    this.peers.clear();
    this.onChange?.();
    return Promise.resolve();
  }

  private async signal(message: Inbound<SignalType>): Promise<void> {
    if (message.sender === this.session.userId) return;
    if (message.type === 'rtc.want') return this.offer(message.sender);
    if (message.type !== 'rtc.answer') return;
    // Only the viewer this connection was offered to, and only while it waits for an answer.
    const pc = this.peers.get(message.sender);
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: (message as Inbound<'rtc.answer'>).body.sdp });
      await this.capBitrate(pc);
    } catch (error) {
      console.warn('[linger] studio: a viewer’s answer could not be used', error);
      this.drop(message.sender, pc);
    }
  }

  private async offer(viewer: string): Promise<void> {
    const stream = this.stream;
    if (!stream || (!this.peers.has(viewer) && this.peers.size >= MAX_LOCAL_VIEWERS)) return;
    this.peers.get(viewer)?.close();
    const pc = new RTCPeerConnection();
    this.peers.set(viewer, pc);
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') this.drop(viewer, pc);
      else this.onChange?.();
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      if (this.peers.get(viewer) !== pc || !pc.localDescription) return;
      await this.session.signal(this.offerType, { sdp: pc.localDescription.sdp }, viewer);
    } catch (error) {
      console.warn('[linger] studio: could not offer the stream to a viewer', error);
      this.drop(viewer, pc);
    }
  }

  /** The preset's video bitrate, once negotiated. */
  private async capBitrate(pc: RTCPeerConnection): Promise<void> {
    const sender = pc.getSenders().find((candidate) => candidate.track?.kind === 'video');
    if (!sender || !this.bitrateKbps) return;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) return;
    for (const encoding of parameters.encodings) encoding.maxBitrate = this.bitrateKbps * 1000;
    await sender.setParameters(parameters).catch(() => undefined);
  }

  private drop(viewer: string, pc: RTCPeerConnection): void {
    pc.close();
    if (this.peers.get(viewer) === pc) this.peers.delete(viewer);
    this.onChange?.();
  }
}
