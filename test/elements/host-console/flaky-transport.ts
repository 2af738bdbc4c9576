/**
 * A memory peer that cannot connect while `failure` is set — what a room sees when its token
 * endpoint refuses the host key, the endpoint is down or Agora is unreachable — and connects
 * normally once it is cleared. Everything else is the memory transport's.
 */
import type { MemoryNetwork, MemoryTransport } from '../../../src/transports/memory.js';
import type { Transport, TransportError, TransportStatus } from '../../../src/transports/transport.js';

export class FlakyTransport implements Transport {
  readonly kind = 'flaky';
  /** The error every `connect()` rejects with while set. */
  failure: TransportError | null = null;
  /** Calls of `connect()`, failed or not. */
  attempts = 0;
  private readonly inner: MemoryTransport;
  private failed = false;

  constructor(network: MemoryNetwork, userId: string) {
    this.inner = network.connect(userId);
  }

  get userId() {
    return this.inner.userId;
  }
  get channel(): string {
    return (this.inner as Partial<Transport>).channel ?? '';
  }
  get status(): TransportStatus {
    return this.failed ? 'failed' : this.inner.status;
  }
  get presence() {
    return this.inner.presence;
  }
  get storage() {
    return this.inner.storage;
  }
  get maxPayloadBytes() {
    return this.inner.maxPayloadBytes;
  }

  async connect(): Promise<void> {
    this.attempts++;
    if (this.failure) {
      this.failed = true;
      throw this.failure;
    }
    this.failed = false;
    await this.inner.connect();
  }
  publish(data: string) {
    return this.inner.publish(data);
  }
  sendTo(userId: string, data: string) {
    return this.inner.sendTo(userId, data);
  }
  close() {
    return this.inner.close();
  }
  onMessage(handler: Parameters<Transport['onMessage']>[0]) {
    return this.inner.onMessage(handler);
  }
  onStatus(handler: Parameters<Transport['onStatus']>[0]) {
    return this.inner.onStatus(handler);
  }
  onPresence(handler: Parameters<Transport['onPresence']>[0]) {
    return this.inner.onPresence(handler);
  }
}
