/**
 * Replay mode of `<linger-room>` (docs/replay.md): loads the show's timeline (a URL or an object),
 * checks and indexes it, and keeps the replay session on the player's position — every animation
 * frame it reads the `<linger-player>`'s `currentTime` and, when it moved (playing, seeking, a rate
 * change, scrubbing back), shows the show as it was then. A deep link (`#t=12:40`) or the room's
 * `chapter` attribute opens the replay there.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { resolveRoom, type RoomHandle } from '../core/registry.js';
import { MAX_TIMELINE_CHARS, parseTimeline, type ReplayInfo, type TimelineProblem } from '../core/timeline.js';
import { TimelineIndex } from '../core/timeline-index.js';
import { ReplaySession } from '../core/timeline-session.js';
import { resolveHttpUrl } from '../core/primitives.js';
import { transportError, type TransportError } from '../transports/transport.js';

/** What the driver reads and moves: `<linger-player>` (its recording's position, in seconds). */
interface TimeSource extends Element {
  currentTime: number;
}

/** `12:40`, `1:02:03`, `760` or `760s` → seconds; `null` when it is none of these. */
export function parseClock(value: string): number | null {
  const text = value.trim();
  if (/^\d+(\.\d+)?s?$/.test(text)) return Number.parseFloat(text);
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Reads a response body up to `limit` characters; a larger one is cancelled, not read. */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit * 3) return null;
  if (!response.body) {
    const text = await response.text();
    return text.length > limit ? null : text;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
    if (text.length > limit) {
      void reader.cancel();
      return null;
    }
  }
}

export type ReplayLoad = { ok: true; session: ReplaySession } | { ok: false; error: TransportError };

export class ReplayDriver {
  private readonly info$ = atom<ReplayInfo>({ status: 'loading', chapters: [], duration: 0, problem: null });
  private session: ReplaySession | null = null;
  private frame: number | null = null;
  private lastTime = Number.NaN;
  private opened = false;

  constructor(
    private readonly room: RoomHandle,
    private readonly options: {
      /** Seconds added to the player's position to get show time (the recording started before or after the show). */
      offset: () => number;
      /** A chapter id (product or perk) to open at. */
      chapter: () => string;
    },
  ) {}

  get $info(): ReadableAtom<ReplayInfo> {
    return this.info$;
  }

  /** Loads and checks a timeline: its URL, its JSON text or the parsed object. */
  async load(source: unknown): Promise<ReplayLoad> {
    let input = source;
    if (typeof source === 'string' && source.length <= 2048 && !source.trim().startsWith('{')) {
      const url = resolveHttpUrl(source);
      if (!url) return this.failed('invalid', `"${source.slice(0, 200)}" is not an http(s) URL.`);
      try {
        const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!response.ok) return this.failed('unreachable', `The timeline answered ${response.status}.`);
        const text = await readCapped(response, MAX_TIMELINE_CHARS);
        if (text === null) return this.failed('too-large', `The timeline is over ${MAX_TIMELINE_CHARS} characters.`);
        input = text;
      } catch (error) {
        return this.failed('unreachable', `The timeline could not be fetched: ${String((error as Error)?.message ?? error)}`);
      }
    }
    const parsed = parseTimeline(input);
    if (!parsed.ok) return this.failed(parsed.problem, parsed.detail);
    const index = new TimelineIndex(parsed.timeline);
    this.session = new ReplaySession(index);
    this.info$.set({ status: 'ready', chapters: index.chapters, duration: index.duration, problem: null });
    return { ok: true, session: this.session };
  }

  /** Follows the player from now on, opening at the deep link or chapter first. */
  start(): void {
    if (this.frame !== null || !this.session) return;
    const loop = () => {
      this.frame = requestAnimationFrame(loop);
      this.follow();
    };
    this.frame = requestAnimationFrame(loop);
    this.follow();
  }

  stop(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    void this.session?.close();
    this.session = null;
  }

  /** Jumps to the `chapter` the room names now (the attribute changed). */
  openChapter(): void {
    const at = this.opening();
    if (at !== null) this.seek(at);
  }

  /** Moves the replay (and the player) to show time `seconds`. */
  seek(seconds: number): void {
    const session = this.session;
    if (!session) return;
    const player = this.player();
    if (player) player.currentTime = Math.max(0, seconds - this.options.offset());
    session.seek(seconds * 1000);
    this.lastTime = player?.currentTime ?? Number.NaN;
  }

  /** Show time (s) a deep link (`#t=12:40`) or the `chapter` attribute asks for, if any. */
  private opening(): number | null {
    const chapter = this.options.chapter();
    if (chapter) {
      const found = this.info$.get().chapters.find((candidate) => candidate.id === chapter);
      if (found) return found.t / 1000;
    }
    const hash = /(?:^#|&)t=([^&]+)/.exec(typeof location === 'undefined' ? '' : location.hash);
    return hash ? parseClock(decodeURIComponent(hash[1]!)) : null;
  }

  private follow(): void {
    const session = this.session;
    if (!session) return;
    const player = this.player();
    if (!this.opened && player) {
      this.opened = true;
      const at = this.opening();
      if (at !== null) return this.seek(at);
    }
    const time = player ? player.currentTime : 0;
    if (time === this.lastTime) return;
    this.lastTime = time;
    session.seek((time + this.options.offset()) * 1000);
  }

  /** The `<linger-player>` of this room (its own, or one naming it). */
  private player(): TimeSource | null {
    for (const element of document.querySelectorAll('linger-player')) {
      if (resolveRoom(element) === this.room && typeof (element as Partial<TimeSource>).currentTime === 'number') return element as TimeSource;
    }
    return null;
  }

  private failed(problem: TimelineProblem | 'unreachable', detail: string): ReplayLoad {
    this.info$.set({ status: 'failed', chapters: [], duration: 0, problem });
    const code = problem === 'unreachable' ? 'replay-unreachable' : 'replay-invalid';
    return { ok: false, error: transportError(code, `[linger] The replay's timeline was refused (${problem}): ${detail}`) };
  }
}
