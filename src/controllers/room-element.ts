/**
 * What every Linger element that belongs to a room has in common, written once: the `room` and
 * `locale` properties, the room association (`roomCtl`) and the strings (`localize`). Neither
 * property is reflected: an element never writes attributes onto itself when it upgrades, so
 * server-rendered markup hydrates without a mismatch.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController, type Strings, type Translation } from '../i18n/localize.js';
import { RoomController, type RoomControllerOptions } from './room-controller.js';
import { nextTask } from '../utilities/next-task.js';
import { partsArrived } from './lazy-view.js';

export class RoomElement<T extends Strings> extends LitElement {
  /** Language (else the room's, else `<html lang>`), e.g. `ar`, `pt-BR`, `zh-CN`. */
  @property() locale = '';
  /** Id of the `<linger-room>` (else the closest or only room). */
  @property() room = '';

  protected readonly roomCtl: RoomController;
  protected readonly localize: LocalizeController<T>;

  constructor(translation: Translation<T>, roomOptions: RoomControllerOptions = {}) {
    super();
    this.roomCtl = new RoomController(this, roomOptions);
    this.localize = new LocalizeController(this, translation, () => this.roomCtl.room);
  }

  /**
   * Every render runs in a task of its own, never in the one that changed what it shows: not in the
   * one that evaluated the element's module and upgraded it, nor the room's arrival, nor the connect
   * that every element on the page follows. Each task stays short on a slow phone (issue 14,
   * test/build/blocking.node.test.mjs), and changes made in one task make one render. The page
   * reserved the element's box before its code arrived (src/cdn/reserve.ts), so the frame that may
   * paint in between shows nothing moving.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await this.beforeRender();
    super.scheduleUpdate();
  }

  /** What an update waits for before it renders: the next task (the overlay: the next frame). */
  protected beforeRender(): Promise<void> {
    return nextTask();
  }

  /**
   * False during the first render, true from the second, a task later: an element draws what the
   * first frame needs (its frame, the status) first and its controls (the composer, the player's
   * buttons) in that next task, inside the box it already holds — two short tasks instead of one
   * long one on a slow phone (issue 14). `updateComplete` waits for both.
   */
  protected settled = false;
  private settling: Promise<void> | null = null;

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    this.settling = nextTask().then(() => {
      this.settled = true;
      this.requestUpdate();
      // Drawn in this task, not after `beforeRender` (the overlay's would wait for a frame).
      this.performUpdate();
    });
  }

  /** Also waits for the settled render and for the lazy parts a render asked for (src/controllers/lazy-view.ts). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (let rounds = 0; rounds < 4; rounds++) {
      const waiting = !this.settled && this.settling ? this.settling : partsArrived(this);
      if (!waiting) break;
      await waiting;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) this.localize.update();
    if (changed.has('room')) this.roomCtl.resolve();
  }
}
