/**
 * Co-hosting (连麦, docs/studio.md § Co-hosting): viewers on camera beside the host.
 *
 * The host alone decides who is on stage: it publishes the whole stage (`stage`: asks open or not,
 * up to MAX_GUESTS guests) and every screen shows exactly that. A viewer only asks (`stage.ask`,
 * queued only while the host opened asks), accepts an invitation it received (`stage.accept`,
 * taken only from a viewer the host invited), and leaves (`stage.leave`). A guest beats
 * (`stage.beat`) while on stage; one the host has not heard from for GUEST_SILENT_MS leaves the
 * stage, so a closed tab or a lost network clears it within seconds.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { MAX_GUESTS, type Inbound, type Stage } from './protocol.js';
import { RECEIVE_ALLOWANCES } from './sender-limits.js';
import { NO_STAGE } from './state.js';
import type { SessionCore } from './session-core.js';

/** How often a guest tells the host it is still there. */
export const GUEST_BEAT_MS = 2000;
/** A guest the host has not heard from this long leaves the stage. */
export const GUEST_SILENT_MS = 6000;
/** An invitation not accepted within this time lapses (the viewer's dialog closes too). */
export const INVITE_WAIT_MS = 60_000;
/** An accepted invitation the host's stage does not show within this time was refused. */
export const ACCEPT_WAIT_MS = 10_000;
/** Most asks the host's queue holds; later asks wait until some are answered. */
export const MAX_QUEUE = 50;

/** A viewer's ask, as the host's console lists it. Name and text are the viewer's own: render them as text only. */
export interface StageRequest {
  id: string;
  name?: string;
  text?: string;
  /** Host time the ask arrived. */
  at: number;
}

/** This screen's own part: asked, invited (by which host), both reset when it leaves or is removed. */
export interface StageMine {
  asked: boolean;
  invitedBy: string | null;
  /** Accepted, waiting for the host's stage to list this screen. */
  accepting: boolean;
}

const NOBODY: StageMine = Object.freeze({ asked: false, invitedBy: null, accepting: false });

export class StageFlow {
  /**
   * Host: called before an invitation goes out, e.g. to record it with the token endpoint so the
   * viewer can get a publisher token on Agora (docs/tokens.md § Co-hosting). A rejection cancels it.
   */
  beforeInvite: ((viewer: string) => Promise<void>) | null = null;
  /** Host: called when a viewer's invitation or place on stage ends (removed, left, silent, lapsed). */
  afterLeave: ((viewer: string) => void) | null = null;

  private readonly queue$ = atom<readonly StageRequest[]>([]);
  private readonly invited$ = atom<ReadonlyMap<string, number>>(new Map());
  private readonly mine$ = atom<StageMine>(NOBODY);
  private readonly heard = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private wasOnStage = false;

  constructor(private readonly core: SessionCore) {
    core.timers.every(() => this.tick(), 1000);
    core.onApplied((message) => {
      if (message.type === 'stage' || message.type === 'snapshot') this.stageChanged();
    });
  }

  /** The stage every screen shows. */
  get state(): Stage {
    return this.core.state.stage ?? NO_STAGE;
  }
  /** Host: asks waiting, oldest first. */
  get $queue(): ReadableAtom<readonly StageRequest[]> {
    return this.queue$;
  }
  /** Host: viewers invited and not on stage yet → host time of the invitation. */
  get $invited(): ReadableAtom<ReadonlyMap<string, number>> {
    return this.invited$;
  }
  /** This screen's own ask and invitation. */
  get $mine(): ReadableAtom<StageMine> {
    return this.mine$;
  }
  /** True while this screen is a guest on stage. */
  get onStage(): boolean {
    return this.state.guests.some((guest) => guest.id === this.core.userId);
  }

  // ── Viewer ────────────────────────────────────────────────────────────────────────────────

  /** Asks every host to join on camera (only while the host opened asks). False when nothing was sent. */
  ask(details: { name?: string; text?: string } = {}): boolean {
    const { core } = this;
    if (core.isHost || !this.state.open || this.onStage || !this.spend()) return false;
    const body: { name?: string; text?: string } = {};
    const name = details.name?.trim().slice(0, 40);
    const text = details.text?.trim().slice(0, 140);
    if (name) body.name = name;
    if (text) body.text = text;
    for (const host of core.hosts) void core.send(core.envelope('stage.ask', body), host);
    this.mine$.set({ ...this.mine$.get(), asked: true });
    return true;
  }

  /** Goes on stage after an invitation (the element checked the devices first). False without one. */
  accept(name?: string): boolean {
    const { core } = this;
    const host = this.mine$.get().invitedBy;
    if (!host) return false;
    const trimmed = name?.trim().slice(0, 40);
    void core.send(core.envelope('stage.accept', trimmed ? { name: trimmed } : {}), host);
    this.mine$.set({ ...this.mine$.get(), accepting: true });
    this.beat();
    // No place on stage after a while (the stage was full, the invitation lapsed): back to watching.
    core.timers.cancel('stage.accepted');
    core.timers.once('stage.accepted', () => {
      if (!this.onStage && this.mine$.get().accepting) this.mine$.set(NOBODY);
    }, ACCEPT_WAIT_MS);
    return true;
  }

  /** Withdraws the ask, declines the invitation, or leaves the stage. */
  leave(): void {
    const { core } = this;
    const mine = this.mine$.get();
    if (!mine.asked && !mine.invitedBy && !this.onStage) return;
    for (const host of core.hosts) void core.send(core.envelope('stage.leave', {}), host);
    core.timers.cancel('stage.beat');
    this.mine$.set(NOBODY);
  }

  /** A host's invitation arrived (the table lets only a host send it). */
  invitedBy(message: Inbound<'stage.invite'>): void {
    if (this.core.isHost || this.onStage) return;
    this.mine$.set({ asked: this.mine$.get().asked, invitedBy: message.sender, accepting: false });
    this.core.timers.cancel('stage.lapse');
    this.core.timers.once('stage.lapse', () => {
      if (!this.onStage && !this.mine$.get().accepting) this.mine$.set(NOBODY);
    }, INVITE_WAIT_MS);
  }

  private beat(): void {
    const { core } = this;
    core.timers.once('stage.beat', () => {
      const mine = this.mine$.get();
      if (!this.onStage && !mine.accepting) return;
      const host = mine.invitedBy ?? [...core.hosts][0];
      if (host) void core.send(core.envelope('stage.beat', {}), host);
      this.beat();
    }, GUEST_BEAT_MS);
  }

  private stageChanged(): void {
    const mine = this.mine$.get();
    if (this.onStage) {
      this.wasOnStage = true;
      if (mine.accepting) this.mine$.set({ ...mine, accepting: false });
      return;
    }
    if (this.wasOnStage) {
      // The host's stage no longer lists this screen: removed, or gone silent.
      this.wasOnStage = false;
      this.core.timers.cancel('stage.beat');
      this.mine$.set(NOBODY);
    } else if (!this.state.open && mine.asked && !mine.invitedBy) this.mine$.set(NOBODY);
  }

  /** Viewer-side pacing of asks and accepts (every host clips a faster sender anyway). */
  private spend(): boolean {
    return this.core.pace.take('stage', RECEIVE_ALLOWANCES.request, 1, this.core.clock.localNow()) === 1;
  }

  // ── Host ──────────────────────────────────────────────────────────────────────────────────

  /** Host: lets viewers ask to join (off by default), or stops it and clears the queue. */
  setOpen(open: boolean): void {
    if (!open) this.queue$.set([]);
    if (this.state.open !== open) this.publish({ ...this.state, open });
  }

  /**
   * Host: invites a viewer (from the queue or anyone) on stage. False when the stage and the
   * invitations pending already make MAX_GUESTS, the id is a host's or a guest's, or `beforeInvite`
   * refused.
   */
  async invite(viewer: string): Promise<boolean> {
    const { core } = this;
    if (!core.isHost || core.hosts.has(viewer) || this.state.guests.some((guest) => guest.id === viewer)) return false;
    if (this.state.guests.length + this.invited$.get().size >= MAX_GUESTS && !this.invited$.get().has(viewer)) return false;
    if (this.beforeInvite) {
      try {
        await this.beforeInvite(viewer);
      } catch (error) {
        console.warn('[linger] stage: the invitation could not be recorded', error);
        return false;
      }
    }
    if (core.closed) return false;
    this.setInvited(viewer, core.clock.now());
    this.setQueue(this.queue$.get().filter((request) => request.id !== viewer));
    return core.send(core.envelope('stage.invite', {}), viewer);
  }

  /** Host: takes a guest off the stage (or withdraws an invitation). */
  remove(viewer: string): void {
    if (!this.core.isHost) return;
    this.setInvited(viewer, null);
    this.setQueue(this.queue$.get().filter((request) => request.id !== viewer));
    const guests = this.state.guests.filter((guest) => guest.id !== viewer);
    if (guests.length !== this.state.guests.length) this.publish({ ...this.state, guests });
    this.heard.delete(viewer);
    this.afterLeave?.(viewer);
  }

  /** Host: mutes or unmutes a guest's microphone on every screen. */
  mute(viewer: string, muted: boolean): void {
    if (!this.core.isHost) return;
    const guests = this.state.guests.map((guest) => {
      if (guest.id !== viewer || Boolean(guest.muted) === muted) return guest;
      const { muted: _was, ...rest } = guest;
      return muted ? { ...rest, muted: true } : rest;
    });
    if (guests.some((guest, index) => guest !== this.state.guests[index])) this.publish({ ...this.state, guests });
  }

  /** Host: a viewer's stage request (the session checked the sender, the route and the body). */
  receive(message: Inbound<'stage.ask' | 'stage.accept' | 'stage.leave' | 'stage.beat'>): void {
    const { core } = this;
    if (!core.isHost || message.fromHost) return;
    const viewer = message.sender;
    const now = core.clock.now();
    const onStage = this.state.guests.some((guest) => guest.id === viewer);
    switch (message.type) {
      case 'stage.ask': {
        const { name, text } = (message as Inbound<'stage.ask'>).body;
        if (!this.state.open || onStage || this.invited$.get().has(viewer)) return;
        const queue = this.queue$.get().filter((request) => request.id !== viewer);
        if (queue.length >= MAX_QUEUE) return;
        const request: StageRequest = { id: viewer, at: now };
        if (name) request.name = name;
        if (text) request.text = text;
        if (name) this.names.set(viewer, name);
        return this.setQueue([...queue, request]);
      }
      case 'stage.accept': {
        // Only a viewer this host invited, whose invitation has not lapsed, and only while there is room.
        const invitedAt = this.invited$.get().get(viewer);
        if (invitedAt === undefined || onStage || this.state.guests.length >= MAX_GUESTS) return;
        this.setInvited(viewer, null);
        const name = (message as Inbound<'stage.accept'>).body.name ?? this.names.get(viewer);
        this.heard.set(viewer, core.clock.localNow());
        return this.publish({ ...this.state, guests: [...this.state.guests, name ? { id: viewer, name } : { id: viewer }] });
      }
      case 'stage.leave':
        if (!onStage && !this.invited$.get().has(viewer) && !this.queue$.get().some((request) => request.id === viewer)) return;
        return this.remove(viewer);
      case 'stage.beat':
        if (onStage) this.heard.set(viewer, core.clock.localNow());
        return;
    }
  }

  /** Host, every second: guests gone silent leave the stage; invitations lapse. */
  private tick(): void {
    const { core } = this;
    if (!core.isHost || core.closed) return;
    const local = core.clock.localNow();
    for (const guest of this.state.guests) {
      const heard = this.heard.get(guest.id);
      // A guest restored from storage by a reloaded host gets a full grace period to beat.
      if (heard === undefined) this.heard.set(guest.id, local);
      else if (local - heard > GUEST_SILENT_MS) this.remove(guest.id);
    }
    const now = core.clock.now();
    for (const [viewer, at] of this.invited$.get()) if (now - at > INVITE_WAIT_MS) this.remove(viewer);
  }

  private publish(stage: Stage): void {
    this.core.act('stage', stage);
  }

  private setQueue(queue: readonly StageRequest[]): void {
    if (queue.length !== this.queue$.get().length || queue.some((request, index) => request !== this.queue$.get()[index])) this.queue$.set(queue);
  }

  private setInvited(viewer: string, at: number | null): void {
    const current = this.invited$.get();
    if (at === null && !current.has(viewer)) return;
    const next = new Map(current);
    if (at === null) next.delete(viewer);
    else next.set(viewer, at);
    this.invited$.set(next);
  }
}
