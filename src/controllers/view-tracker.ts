/**
 * Reports each item an element shows once, when at least half of it has been on screen: the
 * `product_view` event. Items carry `data-view-id`; an item seen once is not reported again for
 * the element's life. Without IntersectionObserver (old browsers, SSR) nothing is reported.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ViewTracker implements ReactiveController {
  private observer: IntersectionObserver | null = null;
  private readonly seen = new Set<string>();
  private readonly observed = new WeakSet<Element>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly report: (id: string) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (typeof IntersectionObserver !== 'function') return;
    this.observer ??= new IntersectionObserver((entries) => this.intersected(entries), { threshold: 0.5 });
    for (const item of this.host.shadowRoot?.querySelectorAll<HTMLElement>('[data-view-id]') ?? []) {
      if (this.observed.has(item) || this.seen.has(item.dataset.viewId!)) continue;
      this.observed.add(item);
      this.observer.observe(item);
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private intersected(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer?.unobserve(entry.target);
      const id = (entry.target as HTMLElement).dataset.viewId!;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.report(id);
    }
  }
}
