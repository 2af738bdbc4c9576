/**
 * The embedded default: a BroadcastChannel per show, so every tab of one browser shares the show
 * with no server at all (the demo, a merchant trying Linger, a host and a preview side by side).
 *
 * Trust: a BroadcastChannel only reaches same-origin tabs of one browser profile, so the sender id
 * in a frame is as trustworthy as the page itself. It is not a production transport for a public
 * show — use `agora-rtm` there, where the sender id is authenticated by a token.
 */
import { TransportBase } from './transport-base.js';
import { MAX_PAYLOAD_BYTES, MAX_STORAGE_BYTES, transportError, utf8Length, type ChannelStorage, type Transport } from './transport.js';
import { safeLocalStorage } from '../utilities/storage.js';

export interface BroadcastOptions {
  channel: string;
  userId: string;
  /** How often a peer says it is here (ms); peers silent for 3× this are gone. Default 5 s. */
  presenceEveryMs?: number;
}

type Frame =
  | { kind: 'msg'; from: string; to: string | null; data: string }
  | { kind: 'here' | 'bye'; from: string };

export class BroadcastTransport extends TransportBase implements Transport {
  readonly kind = 'broadcast';
  readonly maxPayloadBytes = MAX_PAYLOAD_BYTES;
  readonly channel: string;
  readonly storage: ChannelStorage;
  readonly userId: string;
  private readonly channelName: string;
  private readonly presenceEveryMs: number;
  private readonly lastSeen = new Map<string, number>();
  private port: BroadcastChannel | null = null;
  private beacon: ReturnType<typeof setInterval> | null = null;

  constructor(options: BroadcastOptions) {
    super();
    this.userId = options.userId;
    this.channel = options.channel;
    this.channelName = `linger:${options.channel}`;
    this.presenceEveryMs = options.presenceEveryMs ?? 5_000;
    const storageKey = (key: string) => `${this.channelName}:${key}`;
    this.storage = {
      read: async (key) => {
        const raw = safeLocalStorage()?.getItem(storageKey(key));
        if (!raw) return null;
        try {
          const { value, authorId } = JSON.parse(raw) as { value: unknown; authorId: unknown };
          return typeof value === 'string' ? { value, authorId: typeof authorId === 'string' ? authorId : null } : null;
        } catch {
          return null;
        }
      },
      write: async (key, value) => {
        if (utf8Length(value) > MAX_STORAGE_BYTES) throw transportError('storage-too-large', `Storage value is over ${MAX_STORAGE_BYTES} bytes.`);
        safeLocalStorage()?.setItem(storageKey(key), JSON.stringify({ value, authorId: this.userId }));
      },
    };
  }

  async connect(): Promise<void> {
    if (this.port) return;
    if (typeof BroadcastChannel !== 'function') {
      const error = transportError('unsupported', 'This browser has no BroadcastChannel; set app-id and token-url to use Agora RTM.');
      this.cell.set('failed', error);
      throw error;
    }
    this.cell.set('connecting');
    this.port = new BroadcastChannel(this.channelName);
    this.port.onmessage = (event: MessageEvent) => this.receive(event.data);
    this.lastSeen.clear();
    this.say({ kind: 'here', from: this.userId });
    this.beacon = setInterval(() => {
      this.say({ kind: 'here', from: this.userId });
      this.countPresence();
    }, this.presenceEveryMs);
    this.countPresence();
    this.cell.set('connected');
  }

  async publish(data: string): Promise<void> {
    this.send(null, data);
  }

  async sendTo(userId: string, data: string): Promise<void> {
    this.send(userId, data);
  }

  async close(): Promise<void> {
    if (this.cell.status === 'closed') return;
    if (this.port) {
      this.say({ kind: 'bye', from: this.userId });
      this.port.close();
      this.port = null;
    }
    if (this.beacon) clearInterval(this.beacon);
    this.markClosed();
  }

  private send(to: string | null, data: string): void {
    if (!this.port) throw transportError('not-connected', `The broadcast transport is ${this.cell.status}.`);
    if (utf8Length(data) > MAX_PAYLOAD_BYTES) throw transportError('payload-too-large', `Payload is over ${MAX_PAYLOAD_BYTES} bytes.`);
    this.say({ kind: 'msg', from: this.userId, to, data });
  }

  private say(frame: Frame): void {
    try {
      this.port?.postMessage(frame);
    } catch {
      // A closed channel during unload: nothing to tell anyone.
    }
  }

  private receive(frame: unknown): void {
    if (typeof frame !== 'object' || frame === null) return;
    const { kind, from } = frame as Partial<Frame>;
    if (typeof from !== 'string' || from === this.userId) return;
    if (kind === 'bye') {
      this.lastSeen.delete(from);
      this.countPresence();
      return;
    }
    const known = this.lastSeen.has(from);
    this.lastSeen.set(from, Date.now());
    if (!known) {
      // Answer a newcomer at once so both sides count each other without waiting a beacon.
      if (kind === 'here') this.say({ kind: 'here', from: this.userId });
      this.countPresence();
    }
    if (kind !== 'msg') return;
    const { to, data } = frame as Extract<Frame, { kind: 'msg' }>;
    if (typeof data !== 'string' || (to !== null && to !== this.userId)) return;
    this.messages.emit(data, from, to !== null);
  }

  private countPresence(): void {
    const cutoff = Date.now() - this.presenceEveryMs * 3;
    for (const [peer, seen] of this.lastSeen) if (seen < cutoff) this.lastSeen.delete(peer);
    this.setPresence(this.lastSeen.size + 1);
  }
}
