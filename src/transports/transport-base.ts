// The shared machinery of the transport implementations (memory, BroadcastChannel, Agora RTM). Kept
// apart from transport.ts, whose error helpers every element needs at first paint: these classes
// load only with a transport, after the page is up (docs/architecture.md).
import type { MessageHandler, TransportError, TransportStatus } from './transport.js';

/**
 * A tiny listener set shared by the transports so each one only decides *when* to emit.
 */
export class Listeners<Args extends unknown[]> {
  private readonly handlers = new Set<(...args: Args) => void>();

  add(handler: (...args: Args) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(...args: Args): void {
    for (const handler of this.handlers) {
      try {
        handler(...args);
      } catch (error) {
        // A broken listener must not stop delivery to the others.
        console.error('[linger] listener failed', error);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}

/**
 * Status bookkeeping shared by every transport: holds the current state and tells listeners
 * only when it changes.
 */
export class StatusCell {
  status: TransportStatus = 'idle';
  readonly listeners = new Listeners<[TransportStatus, TransportError | undefined]>();

  set(status: TransportStatus, error?: TransportError): void {
    if (status === this.status && !error) return;
    this.status = status;
    this.listeners.emit(status, error);
  }
}

/**
 * What every transport shares: status, presence and the three listener sets. A transport only
 * decides *when* to emit.
 */
export abstract class TransportBase {
  protected readonly cell = new StatusCell();
  protected readonly messages = new Listeners<Parameters<MessageHandler>>();
  protected readonly presenceListeners = new Listeners<[number]>();
  protected presenceCount: number | null = null;

  get status(): TransportStatus {
    return this.cell.status;
  }
  get presence(): number | null {
    return this.presenceCount;
  }

  onMessage(handler: MessageHandler): () => void {
    return this.messages.add(handler);
  }
  onStatus(handler: (status: TransportStatus, error?: TransportError) => void): () => void {
    return this.cell.listeners.add(handler);
  }
  onPresence(handler: (count: number) => void): () => void {
    return this.presenceListeners.add(handler);
  }

  /** Records the number of peers present and tells listeners when it changed. */
  protected setPresence(count: number): void {
    if (count === this.presenceCount) return;
    this.presenceCount = count;
    this.presenceListeners.emit(count);
  }

  /** The end state: `closed`, reported once, then no listener is kept. */
  protected markClosed(): void {
    this.cell.set('closed');
    this.messages.clear();
    this.presenceListeners.clear();
    this.cell.listeners.clear();
  }
}
