/**
 * A stand-in for a buggy element, to prove the cleanup guards: on connect it starts one kind of
 * page-level handle; on disconnect it releases it only when `cleansUp` is set. Kept in its own file
 * so the guards can attribute its handles to it alone.
 */
import { LitElement } from 'lit';
import type { HandleKind } from './live-handles.js';

export const LEAKY_PROBE_FILE = '/test/lifecycle/leaky-probe.ts';

export class LeakyProbe extends LitElement {
  leak: HandleKind = 'interval';
  cleansUp = false;
  private release: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.release = this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.cleansUp) this.release?.();
  }

  private start(): () => void {
    const noop = () => undefined;
    switch (this.leak) {
      case 'interval': {
        const id = setInterval(noop, 1_000);
        return () => clearInterval(id);
      }
      case 'timeout': {
        const id = setTimeout(noop, 60_000);
        return () => clearTimeout(id);
      }
      case 'animation-frame': {
        let id = 0;
        const loop = () => (id = requestAnimationFrame(loop));
        loop();
        return () => cancelAnimationFrame(id);
      }
      case 'listener':
        document.addEventListener('visibilitychange', noop);
        return () => document.removeEventListener('visibilitychange', noop);
      case 'broadcast-channel': {
        const channel = new BroadcastChannel('cleanup-leaky-probe');
        return () => channel.close();
      }
    }
  }
}
customElements.define('cleanup-leaky-probe', LeakyProbe);
