import { MAX_PAYLOAD_BYTES, transportError, type Transport } from './transport.js';
import type { AgoraRtmOptions } from './agora-rtm.js';

/**
 * The Agora transport behind a dynamic import, so neither the adapter nor the SDK (434 KB gzip)
 * is loaded until a room actually uses Agora.
 */
export function lazyAgoraTransport(options: AgoraRtmOptions): Transport {
  return new LazyTransport(
    'agora-rtm',
    options.userId ?? '',
    options.channel,
    () => import('./agora-rtm.js').then((module) => module.createAgoraRtmTransport(options)),
  );
}

/** Forwards to a transport that is created on `connect()`. */
export class LazyTransport implements Transport {
  private inner: Transport | null = null;
  private readonly pendingSubscriptions: Array<(inner: Transport) => () => void> = [];
  private readonly unsubscribers: Array<() => void> = [];

  constructor(
    readonly kind: string,
    private readonly requestedUserId: string,
    readonly channel: string,
    private readonly load: () => Promise<Transport>,
  ) {}

  get userId() {
    return this.inner?.userId ?? this.requestedUserId;
  }
  get status() {
    return this.inner?.status ?? 'idle';
  }
  get presence() {
    return this.inner?.presence ?? null;
  }
  get storage() {
    return this.inner?.storage;
  }
  get maxPayloadBytes() {
    return this.inner?.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  }

  async connect(): Promise<void> {
    if (!this.inner) {
      this.inner = await this.load();
      for (const subscribe of this.pendingSubscriptions) this.unsubscribers.push(subscribe(this.inner));
    }
    await this.inner.connect();
  }
  publish(data: string) {
    return this.inner ? this.inner.publish(data) : Promise.reject(transportError('not-connected', 'Not connected yet.'));
  }
  sendTo(userId: string, data: string) {
    return this.inner ? this.inner.sendTo(userId, data) : Promise.reject(transportError('not-connected', 'Not connected yet.'));
  }
  async close() {
    for (const stop of this.unsubscribers.splice(0)) stop();
    await this.inner?.close();
  }
  onMessage(handler: Parameters<Transport['onMessage']>[0]) {
    return this.defer((inner) => inner.onMessage(handler));
  }
  onStatus(handler: Parameters<Transport['onStatus']>[0]) {
    return this.defer((inner) => inner.onStatus(handler));
  }
  onPresence(handler: Parameters<Transport['onPresence']>[0]) {
    return this.defer((inner) => inner.onPresence(handler));
  }

  private defer(subscribe: (inner: Transport) => () => void): () => void {
    if (this.inner) return subscribe(this.inner);
    let stop: (() => void) | undefined;
    let cancelled = false;
    this.pendingSubscriptions.push((inner) => {
      if (cancelled) return () => {};
      stop = subscribe(inner);
      return stop;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }
}
