/**
 * The host console's side of the show's timeline (docs/replay.md): records while the console drives
 * a host session, and once the show has ended sends the document to the room's webhook once, as one
 * `{"record": "timeline", "timeline": …}` request (retried with the one backoff, src/core/retry.ts),
 * and offers it as a download. The recording survives a reload of the host tab (IndexedDB,
 * src/core/timeline-store.ts).
 */
import { resolveHttpUrl } from '../core/primitives.js';
import { retryDelay } from '../core/retry.js';
import type { RoomSession } from '../core/session.js';
import type { Timeline } from '../core/timeline.js';
import { TimelineRecorder } from '../core/timeline-recorder.js';
import { indexedDbTimelineStore, type TimelineStore } from '../core/timeline-store.js';

export type TimelineDelivery = 'none' | 'sending' | 'sent' | 'failed';

export interface TimelineCaptureOptions {
  /** The show id (the room's `show`, else its channel). */
  show: () => string;
  /** The room's webhook URL, if any. */
  webhook: () => string;
  /** Something worth re-rendering happened (delivery state). */
  changed: () => void;
  fetch?: typeof fetch;
  /** Attempts before giving up on the webhook (default 4). */
  attempts?: number;
  /** Where the recording survives a reload (default IndexedDB; `null`: this tab's memory only). */
  store?: TimelineStore | null;
}

export class TimelineCapture {
  readonly recorder: TimelineRecorder;
  delivery: TimelineDelivery = 'none';
  private delivered = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: TimelineCaptureOptions) {
    this.recorder = new TimelineRecorder(options.show, options.store === undefined ? indexedDbTimelineStore() : options.store);
  }

  follow(session: RoomSession | null): void {
    if (!session?.isHost) return;
    this.recorder.follow(session);
    // A reloaded console shows what it took back from before the reload.
    void this.recorder.restored.then(() => this.options.changed());
  }

  /** On every console tick: once the show ended, the timeline goes to the webhook (once). */
  tick(): void {
    if (this.delivered || !this.recorder.ended) return;
    this.delivered = true;
    const url = resolveHttpUrl(this.options.webhook());
    if (url) this.send(url, JSON.stringify({ record: 'timeline', timeline: this.recorder.document() }), 1);
  }

  /**
   * The console's replay preview: the recording's URL and the offset the operator lines it up with
   * (docs/replay.md). The timeline is taken once when the preview opens, so the preview room keeps it.
   */
  preview: { src: string; offset: number; timeline: Timeline } | null = null;

  /** Opens (loading the replay's elements) or closes the preview. */
  togglePreview(): void {
    if (this.preview) this.preview = null;
    else {
      this.preview = { src: '', offset: 0, timeline: this.recorder.document() };
      void Promise.all([
        import('../elements/room/linger-room.js'),
        import('../elements/player/linger-player.js'),
        import('../elements/product/linger-product.js'),
        import('../elements/overlay/linger-overlay.js'),
      ]).catch((error: unknown) => console.warn('[linger] the replay preview could not load', error));
    }
    this.options.changed();
  }

  setPreview(change: Partial<{ src: string; offset: number }>): void {
    if (!this.preview) return;
    this.preview = { ...this.preview, ...change };
    this.options.changed();
  }

  /** The document as a file: a `blob:` URL and a file name (the caller revokes the URL). */
  download(): { href: string; name: string; timeline: Timeline } {
    const timeline = this.recorder.document();
    const blob = new Blob([JSON.stringify(timeline)], { type: 'application/json' });
    const name = `${timeline.show.replace(/[^\w.-]+/g, '-')}-timeline.json`;
    return { href: URL.createObjectURL(blob), name, timeline };
  }

  close(): void {
    clearTimeout(this.timer);
    this.recorder.close();
  }

  private send(url: string, body: string, attempt: number): void {
    this.set('sending');
    const fetcher = this.options.fetch ?? fetch.bind(globalThis);
    fetcher(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
      (response) => (response.ok ? this.set('sent') : this.retry(url, body, attempt, response.status < 500 && response.status !== 429)),
      () => this.retry(url, body, attempt, false),
    );
  }

  private retry(url: string, body: string, attempt: number, permanent: boolean): void {
    if (permanent || attempt >= (this.options.attempts ?? 4)) return this.set('failed');
    this.timer = setTimeout(() => this.send(url, body, attempt + 1), retryDelay(attempt));
  }

  private set(delivery: TimelineDelivery): void {
    this.delivery = delivery;
    this.options.changed();
  }
}
