/**
 * Tracks what page-level resources are live, and which source file made each: timers, intervals,
 * animation frames, window/document (and media-query) listeners, BroadcastChannels. Install it
 * before the code under test is imported, so every handle is seen from its creation.
 *
 * A handle belongs to the files of the stack frames (at creation) whose path starts with the `from`
 * marker — `/src/` for Linger's own code — so a leak is reported with the functions and files that
 * made it, and the test runner's own timers never count.
 */

export type HandleKind = 'timeout' | 'interval' | 'animation-frame' | 'listener' | 'broadcast-channel';

export interface LiveHandle {
  kind: HandleKind;
  /** e.g. `setInterval` or `document visibilitychange`. */
  what: string;
  stack: string;
}

const FRAME = /^\s*at (?:(.*?) \()?(https?:\/\/\S+?):\d+:\d+\)?$/;

/**
 * Where a handle comes from: the stack frames (at creation) in files whose path starts with `marker`,
 * innermost first, as `function (path)` — e.g. `RoomSession.every (/src/core/session.ts) ←
 * RoomSession.startSyncing (…)`. Null when no frame is in such a file. (Line numbers are left out:
 * they are those of the transformed file the test server sends, not of the TypeScript source.)
 */
export function sourceOf(stack: string, marker: string): string | null {
  const frames: string[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const [, name, url] = FRAME.exec(line) ?? [];
    const path = url ? new URL(url).pathname : '';
    if (!path.startsWith(marker)) continue;
    frames.push(`${name ?? '(anonymous)'} (${path})`);
    if (frames.length === 3) break;
  }
  return frames.length > 0 ? frames.join(' ← ') : null;
}

type Listener = EventListenerOrEventListenerObject;

export class HandleTracker {
  /** Animation frames requested so far (a loop keeps this growing). */
  frameRequests: LiveHandle[] = [];
  private readonly timers = new Map<number, LiveHandle>();
  private readonly frames = new Map<number, LiveHandle>();
  private readonly listeners = new Map<string, LiveHandle & { target: EventTarget; type: string; listener: Listener; capture: boolean }>();
  private readonly channels = new Map<BroadcastChannel, LiveHandle>();
  private readonly restores: Array<() => void> = [];

  /** Page-level targets whose listeners outlive any element (window, document, media queries). */
  private static isPageTarget(target: EventTarget): boolean {
    return target === window || target === document || (typeof MediaQueryList === 'function' && target instanceof MediaQueryList);
  }

  install(): void {
    this.wrapTimers();
    this.wrapFrames();
    this.wrapListeners();
    this.wrapChannels();
  }

  uninstall(): void {
    for (const restore of this.restores.splice(0).reverse()) restore();
  }

  /** What is still live and was made by a file whose path starts with `from`, with that file named. */
  live(from: string): Array<LiveHandle & { source: string }> {
    const all = [...this.timers.values(), ...this.frames.values(), ...this.listeners.values(), ...this.channels.values()];
    return all.flatMap((handle) => {
      const source = sourceOf(handle.stack, from);
      return source ? [{ kind: handle.kind, what: handle.what, stack: handle.stack, source }] : [];
    });
  }

  /** Clears, cancels, removes and closes what `from` files left live (so a sanity leak does not outlive its test). */
  releaseAll(from: string): void {
    for (const [id, handle] of this.timers) if (sourceOf(handle.stack, from)) window.clearInterval(id);
    for (const [id, handle] of this.frames) if (sourceOf(handle.stack, from)) window.cancelAnimationFrame(id);
    for (const handle of [...this.listeners.values()]) {
      if (sourceOf(handle.stack, from)) handle.target.removeEventListener(handle.type, handle.listener, handle.capture);
    }
    for (const [channel, handle] of this.channels) if (sourceOf(handle.stack, from)) channel.close();
  }

  /** Animation frames requested by `from` files since `since` (an index into `frameRequests`). */
  framesRequestedSince(since: number, from: string): number {
    return this.frameRequests.slice(since).filter((handle) => sourceOf(handle.stack, from)).length;
  }

  private replace<T extends object, K extends keyof T>(owner: T, key: K, value: T[K]): void {
    const original = owner[key];
    owner[key] = value;
    this.restores.push(() => (owner[key] = original));
  }

  private wrapTimers(): void {
    const { setTimeout: setT, clearTimeout: clearT, setInterval: setI, clearInterval: clearI } = window;
    const timers = this.timers;
    const forget = (id: number | undefined) => id !== undefined && timers.delete(id);
    const trackedTimeout = (handler: TimerHandler, ms?: number, ...args: unknown[]): number => {
      const id = setT(
        (...callArgs: unknown[]) => {
          timers.delete(id);
          if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...callArgs);
        },
        ms,
        ...args,
      );
      timers.set(id, { kind: 'timeout', what: `setTimeout(${ms ?? 0} ms)`, stack: new Error().stack ?? '' });
      return id;
    };
    const trackedInterval = (handler: TimerHandler, ms?: number, ...args: unknown[]): number => {
      const id = setI(handler, ms, ...args);
      timers.set(id, { kind: 'interval', what: `setInterval(${ms ?? 0} ms)`, stack: new Error().stack ?? '' });
      return id;
    };
    // Browsers share one id space: either clear function clears either kind.
    this.replace(window, 'setTimeout', trackedTimeout as typeof setTimeout);
    this.replace(window, 'setInterval', trackedInterval as typeof setInterval);
    this.replace(window, 'clearTimeout', ((id?: number) => (forget(id), clearT(id))) as typeof clearTimeout);
    this.replace(window, 'clearInterval', ((id?: number) => (forget(id), clearI(id))) as typeof clearInterval);
  }

  private wrapFrames(): void {
    const { requestAnimationFrame: request, cancelAnimationFrame: cancel } = window;
    const frames = this.frames;
    this.replace(window, 'requestAnimationFrame', (callback: FrameRequestCallback) => {
      const id = request((time) => {
        frames.delete(id);
        callback(time);
      });
      const handle: LiveHandle = { kind: 'animation-frame', what: 'requestAnimationFrame', stack: new Error().stack ?? '' };
      frames.set(id, handle);
      this.frameRequests.push(handle);
      return id;
    });
    this.replace(window, 'cancelAnimationFrame', (id: number) => {
      frames.delete(id);
      cancel(id);
    });
  }

  private wrapListeners(): void {
    const proto = EventTarget.prototype;
    const { addEventListener: add, removeEventListener: remove } = proto;
    const listeners = this.listeners;
    const keys = new WeakMap<object, number>();
    let nextKey = 0;
    const keyOf = (target: EventTarget, type: string, listener: Listener, options?: boolean | EventListenerOptions) => {
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const id = (object: object) => keys.get(object) ?? (keys.set(object, ++nextKey), nextKey);
      return { key: `${id(target)}|${type}|${id(listener)}|${capture}`, capture };
    };
    const nameOf = (target: EventTarget) => (target === window ? 'window' : target === document ? 'document' : 'MediaQueryList');
    this.replace(proto, 'addEventListener', function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions) {
      if (listener && HandleTracker.isPageTarget(this) && !(typeof options === 'object' && options.once)) {
        const { key, capture } = keyOf(this, type, listener, options);
        if (!listeners.has(key)) {
          listeners.set(key, { kind: 'listener', what: `${nameOf(this)} ${type}`, stack: new Error().stack ?? '', target: this, type, listener, capture });
        }
      }
      return add.call(this, type, listener, options);
    });
    this.replace(proto, 'removeEventListener', function (this: EventTarget, type: string, listener: Listener | null, options?: boolean | EventListenerOptions) {
      if (listener) listeners.delete(keyOf(this, type, listener, options).key);
      return remove.call(this, type, listener, options);
    });
  }

  private wrapChannels(): void {
    if (typeof BroadcastChannel !== 'function') return;
    const channels = this.channels;
    const Original = BroadcastChannel;
    const close = Original.prototype.close;
    class TrackedChannel extends Original {
      constructor(name: string) {
        super(name);
        channels.set(this, { kind: 'broadcast-channel', what: `BroadcastChannel("${name}") not closed`, stack: new Error().stack ?? '' });
      }
    }
    this.replace(window, 'BroadcastChannel', TrackedChannel);
    this.replace(Original.prototype, 'close', function (this: BroadcastChannel) {
      channels.delete(this);
      return close.call(this);
    });
  }
}

/** One line per live handle: kind, what, and the source file that made it. */
export function describe(handles: ReadonlyArray<LiveHandle & { source: string }>): string {
  return handles.map((handle) => `${handle.kind} ${handle.what} ← ${handle.source}`).join('\n');
}
