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
   * The first render runs in a task of its own, not in the one that evaluated the element's module
   * and upgraded it: each stays short on a slow phone (issue 14, test/build/blocking.node.test.mjs).
   * The page reserved the element's box before its code arrived (src/cdn/reserve.ts), so the frame
   * that may paint in between shows nothing moving.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) this.localize.update();
    if (changed.has('room')) this.roomCtl.resolve();
  }
}
