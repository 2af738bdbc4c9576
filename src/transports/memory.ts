/**
 * Many peers in one page: the transport of tests and benchmarks. A `MemoryNetwork` plays the
 * channel; each `connect(userId)` is one peer. Faults are injectable and seeded, so a failing run
 * can be replayed: latency and jitter, loss, duplication, reordering, and link drops.
 */
import { TransportBase } from './transport-base.js';
import { MAX_PAYLOAD_BYTES, MAX_STORAGE_BYTES, transportError, utf8Length, type ChannelStorage, type StoredValue, type Transport } from './transport.js';

export interface NetworkFaults {
  /** Base one-way delay in ms (0 = delivered synchronously). */
  latency?: number;
  /** Extra random delay, 0…jitter ms, per delivery. */
  jitter?: number;
  /** Probability (0–1) that a delivery is lost. */
  loss?: number;
  /** Probability (0–1) that a delivery arrives twice. */
  duplicate?: number;
  /** Probability (0–1) that a delivery is held back by up to `reorderWindow` ms. */
  reorder?: number;
  reorderWindow?: number;
}

export interface MemoryNetworkOptions extends NetworkFaults {
  /** Seed of the fault generator: the same seed replays the same faults. */
  seed?: number;
  /** Largest payload in bytes (default 32,768, like Agora RTM). */
  maxPayloadBytes?: number;
  /** The channel every peer of this network is in (default `memory`). */
  channel?: string;
}

/** Small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class MemoryNetwork {
  faults: NetworkFaults;
  readonly maxPayloadBytes: number;
  readonly channel: string;
  /** Every payload sent, for tests that assert on what crossed the wire. */
  readonly wire: Array<{ from: string; to: string | null; data: string }> = [];
  recordWire = false;
  private readonly peers = new Map<string, MemoryTransport>();
  private readonly stored = new Map<string, StoredValue>();
  private readonly random: () => number;

  constructor(options: MemoryNetworkOptions = {}) {
    const { seed = 1, maxPayloadBytes = MAX_PAYLOAD_BYTES, channel = 'memory', ...faults } = options;
    this.faults = faults;
    this.channel = channel;
    this.maxPayloadBytes = maxPayloadBytes;
    this.random = seededRandom(seed);
  }

  /** A new peer on this network (not yet connected). */
  connect(userId: string): MemoryTransport {
    return new MemoryTransport(this, userId);
  }

  /** Peers currently connected. */
  get size(): number {
    return this.peers.size;
  }

  /** Takes a peer off the network (as a dropped link), or puts it back. */
  setOnline(userId: string, online: boolean): void {
    this.peerById(userId)?.setLink(online);
  }

  /** @internal */
  join(peer: MemoryTransport): void {
    this.peers.set(peer.userId, peer);
    this.presenceChanged();
  }

  /** @internal */
  leave(peer: MemoryTransport): void {
    if (this.peers.get(peer.userId) === peer) this.peers.delete(peer.userId);
    this.presenceChanged();
  }

  /** @internal */
  peerById(userId: string): MemoryTransport | undefined {
    return this.peers.get(userId);
  }

  /**
   * Publishes `data` as if `sender` had sent it, without a connected peer: a crowd of thousands in
   * tests and benchmarks costs one map entry per receiver, not one transport per sender.
   */
  publishAs(sender: string, data: string): void {
    if (this.recordWire) this.wire.push({ from: sender, to: null, data });
    for (const peer of this.peers.values()) if (peer.userId !== sender) this.schedule(peer, data, sender, false);
  }

  /** @internal */
  deliver(from: MemoryTransport, to: string | null, data: string): void {
    if (this.recordWire) this.wire.push({ from: from.userId, to, data });
    if (to !== null) {
      const peer = this.peers.get(to);
      if (peer && peer !== from) this.schedule(peer, data, from.userId, true);
      return;
    }
    for (const peer of this.peers.values()) if (peer !== from) this.schedule(peer, data, from.userId, false);
  }

  /** @internal */
  storage(author: MemoryTransport): ChannelStorage {
    return {
      read: async (key) => this.stored.get(key) ?? null,
      write: async (key, value) => {
        if (utf8Length(value) > MAX_STORAGE_BYTES) throw transportError('storage-too-large', `Storage value is over ${MAX_STORAGE_BYTES} bytes.`);
        this.stored.set(key, { value, authorId: author.userId });
      },
    };
  }

  private schedule(peer: MemoryTransport, data: string, sender: string, direct: boolean): void {
    const { latency = 0, jitter = 0, loss = 0, duplicate = 0, reorder = 0, reorderWindow = 50 } = this.faults;
    if (loss > 0 && this.random() < loss) return;
    const copies = duplicate > 0 && this.random() < duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      let delay = latency + (jitter > 0 ? this.random() * jitter : 0);
      if (reorder > 0 && this.random() < reorder) delay += this.random() * reorderWindow;
      if (delay <= 0 && i === 0) peer.receive(data, sender, direct);
      else setTimeout(() => peer.receive(data, sender, direct), delay);
    }
  }

  private presenceChanged(): void {
    const count = [...this.peers.values()].filter((peer) => peer.online).length;
    for (const peer of this.peers.values()) peer.setPresence(count);
  }
}

export class MemoryTransport extends TransportBase implements Transport {
  readonly kind = 'memory';
  readonly maxPayloadBytes: number;
  readonly channel: string;
  readonly storage: ChannelStorage;
  online = true;

  constructor(
    private readonly network: MemoryNetwork,
    readonly userId: string,
  ) {
    super();
    this.maxPayloadBytes = network.maxPayloadBytes;
    this.channel = network.channel;
    this.storage = network.storage(this);
  }

  async connect(): Promise<void> {
    if (this.cell.status === 'connected') return;
    this.cell.set('connecting');
    this.network.join(this);
    this.cell.set('connected');
  }

  async publish(data: string): Promise<void> {
    this.check(data);
    if (this.online) this.network.deliver(this, null, data);
  }

  async sendTo(userId: string, data: string): Promise<void> {
    this.check(data);
    if (this.online) this.network.deliver(this, userId, data);
  }

  async close(): Promise<void> {
    if (this.cell.status === 'closed') return;
    this.network.leave(this);
    this.markClosed();
  }

  /** @internal */
  receive(data: string, sender: string, direct: boolean): void {
    if (this.online && this.cell.status === 'connected') this.messages.emit(data, sender, direct);
  }

  /** @internal */
  override setPresence(count: number): void {
    super.setPresence(count);
  }

  /** @internal — a dropped link: sends fail silently, nothing arrives, then it comes back. */
  setLink(online: boolean): void {
    if (this.online === online || this.cell.status === 'closed') return;
    this.online = online;
    this.cell.set(online ? 'connected' : 'reconnecting');
  }

  private check(data: string): void {
    if (this.cell.status !== 'connected' && this.cell.status !== 'reconnecting') {
      throw transportError('not-connected', `The memory transport of "${this.userId}" is ${this.cell.status}.`);
    }
    if (utf8Length(data) > this.maxPayloadBytes) {
      throw transportError('payload-too-large', `Payload is over ${this.maxPayloadBytes} bytes.`);
    }
  }
}
