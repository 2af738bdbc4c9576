/**
 * Storefront themes re-render their sections: Dawn replaces `<product-info>` on a variant change, so
 * a Linger element inside it is removed and inserted again — in the same task or a little later.
 * Elements therefore keep what is expensive to rebuild (video, RTC connection, chart, chat
 * subscription) while disconnected, and let go only when they stay out of the document for
 * {@link DISCONNECT_GRACE_MS}.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a removed element keeps its resources before tearing down (ms). One value for every element. */
export const DISCONNECT_GRACE_MS = 3000;

/** Runs `teardown` once the host has stayed disconnected for {@link DISCONNECT_GRACE_MS}; a re-insertion cancels it. */
export class DisconnectGrace implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly teardown: () => void,
  ) {
    host.addController(this);
  }

  /** True while the host is out of the document but not yet torn down. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  hostConnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.host.isConnected) this.teardown();
    }, DISCONNECT_GRACE_MS);
  }
}
