/**
 * bench/soak: a 3-hour show compressed into a few minutes, in headless Chromium. A host page (room +
 * host console on its chat tab) and a viewer page (room + player with a poster + list overlay +
 * danmaku overlay + countdown + lottery + quiz + product) share one memory network. 100,000
 * comments and 1,000,000 likes (as `likes {n}` batches from a turning-over audience of fans) are
 * spread over the 3 simulated hours, and the host runs a 20-minute rhythm: schedule, pins,
 * announcements, a lottery with entries and a draw, a quiz with answers and a reveal, a first-N drop
 * with claims, moderation.
 *
 * Time is compressed by moving the clock every Linger clock reads (`Date.now`) one simulated second
 * at a time, several seconds per animation frame, so the page renders all along; timers stay real.
 * Heap (after `gc()`) and DOM nodes (document and every shadow root) are sampled every 10 simulated
 * minutes. "Flat" means: heap growth from 1 h to 3 h ≤ 5 MB and DOM nodes at 3 h ≤ 1.1 × at 1 h.
 * See docs/soak.md.
 */
import { LingerRoom } from '../src/elements/room/room.js';
import { LingerPlayer } from '../src/elements/player/player.js';
import { LingerOverlay } from '../src/elements/overlay/overlay.js';
import { LingerCountdown } from '../src/elements/countdown/countdown.js';
import { LingerLottery } from '../src/elements/lottery/lottery.js';
import { LingerQuiz } from '../src/elements/quiz/quiz.js';
import { LingerProduct } from '../src/elements/product/product.js';
import { LingerHostConsole } from '../src/elements/host-console/host-console.js';
import { define } from '../src/utilities/define.js';
import { MemoryNetwork, seededRandom } from '../src/transports/memory.js';
import type { RoomSession } from '../src/core/session.js';
import { PROTOCOL_VERSION, encode, randomId, type BodyOf, type LotteryMode, type MessageType, type Product } from '../src/core/protocol.js';

const SHOW_MINUTES = 180;
/** One whole host cycle before the clock starts, so every template and code path is warm at "start". */
const CYCLE_S = 20 * 60;
const WARMUP_S = CYCLE_S;
const COMMENTS = 100_000;
const LIKES = 1_000_000;
/** Largest like batch one viewer's page sends in one message (taps in one second). */
const MAX_BATCH = 20;
const SIM_SECONDS_PER_FRAME = 20;
const SAMPLE_EVERY_MIN = 10;
/** Audience turnover: about this many fans are around at once, and this many new ones arrive a minute. */
const ACTIVE_FANS = 3_000;
const NEW_FANS_PER_MINUTE = 100;
const HOST_ID = 'host-1';
const VIEWER_ID = 'viewer-soak';

const SHOW_S = SHOW_MINUTES * 60;
const COMMENTS_PER_S = COMMENTS / SHOW_S;
const LIKES_PER_S = LIKES / SHOW_S;
const LOTTERY_MODES: readonly LotteryMode[] = ['tap', 'keyword', 'like-goal'];
const POSTER = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#333"/></svg>')}`;
const WORDS = ['Love it!', 'สวยมาก', 'كم السعر؟', '这个好看', 'Quero 😍', 'size M?', 'ship to Jakarta?', 'かわいい'];

declare global {
  interface Window {
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

// ── Page measurements ─────────────────────────────────────────────────────────────────────────

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Used JS heap in MB after two forced collections (weak references and finalizers get a pass between). */
async function heapAfterGc(): Promise<number> {
  window.gc?.();
  await settle(50);
  window.gc?.();
  return (performance.memory?.usedJSHeapSize ?? 0) / 1024 / 1024;
}

/** Every node in the document, shadow roots included (what the page has attached now). */
function countNodes(node: Node): number {
  let count = 1;
  if (node instanceof Element && node.shadowRoot) count += countNodes(node.shadowRoot);
  for (let child = node.firstChild; child; child = child.nextSibling) count += countNodes(child);
  return count;
}

interface Sample {
  minute: number;
  heapMb: number;
  domNodes: number;
}

async function sample(minute: number): Promise<Sample> {
  // Two frames: coalesced renders land before the nodes are counted.
  await nextFrame();
  await nextFrame();
  return { minute, heapMb: await heapAfterGc(), domNodes: countNodes(document) };
}

// ── Simulated time ───────────────────────────────────────────────────────────────────────────

/** Every Linger clock reads `Date.now()`: the bench sets it to the simulated second instead of waiting. */
class SimulatedClock {
  private readonly realNow = Date.now;
  private readonly showStart = Date.now();
  private current = this.showStart;

  constructor() {
    Date.now = () => this.current;
  }
  /** `second` counts from the show's start (negative during the warm-up). */
  set(second: number): void {
    this.current = this.showStart + second * 1000;
  }
  restore(): void {
    Date.now = this.realNow;
  }
}

// ── The audience ──────────────────────────────────────────────────────────────────────────────

/**
 * Fans put protocol messages on the memory wire under their own sender ids, as their viewer pages
 * would. They are not joined to the network: a joined peer costs every delivery a loop step, and
 * thousands of them would make the bench measure the memory network instead of the page.
 */
class Crowd {
  private readonly random = seededRandom(7);
  constructor(private readonly network: MemoryNetwork) {}

  /** A fan present at this point (seconds since the doors opened): the audience turns over. */
  fanAt(doorsSecond: number): string {
    const arrived = Math.floor((doorsSecond / 60) * NEW_FANS_PER_MINUTE);
    return `fan-${arrived + Math.floor(this.random() * ACTIVE_FANS)}`;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** `to` null: to everyone (chat, likes); a user id: host-directed (enter, answer, claim). */
  send<T extends MessageType>(fan: string, type: T, body: BodyOf<T>, to: string | null = null): void {
    const raw = encode({ v: PROTOCOL_VERSION, type, id: randomId(), at: Date.now(), body });
    this.network.deliver(this.network.connect(fan), to, raw);
  }
}

/** Comments and likes due by the end of each second, spread evenly (warm-up at the show's rates). */
class Traffic {
  comments = 0;
  likes = 0;
  likeMessages = 0;
  private readonly random = seededRandom(11);

  constructor(private readonly crowd: Crowd) {}

  counts() {
    return { comments: this.comments, likes: this.likes, likeMessages: this.likeMessages };
  }

  second(doorsSecond: number, keyword: string | null): void {
    const commentsDue = Math.round(COMMENTS_PER_S * (doorsSecond + 1));
    for (; this.comments < commentsDue; this.comments++) {
      const fan = this.crowd.fanAt(doorsSecond);
      // While a keyword giveaway is open, every other comment is the keyword.
      const text = keyword && this.comments % 2 === 0 ? keyword : `${this.crowd.pick(WORDS)} #${this.comments}`;
      this.crowd.send(fan, 'chat', { text, name: fan });
    }
    const likesDue = Math.round(LIKES_PER_S * (doorsSecond + 1));
    while (this.likes < likesDue) {
      const n = Math.min(1 + Math.floor(this.random() * MAX_BATCH), likesDue - this.likes);
      this.crowd.send(this.crowd.fanAt(doorsSecond), 'likes', { n });
      this.likes += n;
      this.likeMessages++;
    }
  }
}

// ── The host's 20-minute rhythm ───────────────────────────────────────────────────────────────

const PRODUCTS: readonly Product[] = Array.from({ length: 6 }, (_, i) => ({
  id: `p${i}`,
  title: ['Silk scarf', 'Linen shirt', 'Tea set', 'Leather tote', 'Jade bangle', 'Rain jacket'][i]!,
  price: `${19 + i * 7}.00`,
  currency: 'USD',
  stock: 40 + i,
}));

/** Cue times within a cycle, in seconds. */
const CUE = { schedule: 0, prompt: 210, lottery: 300, lotteryEnd: 420, draw: 450, pin: 600, quiz: 720, quizEnd: 750, reveal: 760, drop: 960, dropEnd: 980, moderate: 1080, title: 1140 };

/** Runs the host's cues and the requests the crowd sends back (entries, answers, claims). */
class HostScript {
  actions = 0;
  lotteries = 0;
  quizzes = 0;
  private lotteryId = '';
  private quizId = '';
  private mutedFan: string | null = null;

  constructor(
    private readonly host: RoomSession,
    private readonly viewer: RoomSession,
    private readonly crowd: Crowd,
  ) {}

  counts() {
    return { actions: this.actions, lotteries: this.lotteries, quizzes: this.quizzes };
  }

  /** The keyword of the open giveaway, if it is a keyword one (the crowd answers with it). */
  get keyword(): string | null {
    const lottery = this.host.state.lottery;
    return lottery?.status === 'open' && lottery.mode === 'keyword' ? (lottery.keyword ?? null) : null;
  }

  /**
   * Runs this second's cue and requests. Returns a promise only when a cue is asynchronous (opening a
   * lottery or asking a quiz hashes a secret): awaiting every second would let every element render
   * every simulated second instead of once a frame.
   */
  second(doorsSecond: number): Promise<void> | void {
    const cycle = Math.floor(doorsSecond / CYCLE_S);
    const at = doorsSecond % CYCLE_S;
    const pending = this.cue(cycle, at);
    this.requests(doorsSecond, at);
    return pending;
  }

  private act<T extends MessageType>(type: T, body: BodyOf<T>): void {
    this.host.act(type, body);
    this.actions++;
  }

  private perkId(cycle: number, kind: string): string {
    return `${kind}-${cycle}`;
  }

  private cue(cycle: number, at: number): Promise<void> | void {
    const cycleStart = Date.now() - at * 1000;
    switch (at) {
      case CUE.schedule:
        this.act('schedule', {
          perks: [
            { id: this.perkId(cycle, 'lottery'), kind: 'lottery', at: cycleStart + CUE.lottery * 1000, lead: 90, prompt: 'Type 1 to win!', title: 'Giveaway' },
            { id: this.perkId(cycle, 'quiz'), kind: 'quiz', at: cycleStart + CUE.quiz * 1000, lead: 60, prompt: 'Quiz in a minute', title: 'Quiz' },
            { id: this.perkId(cycle, 'first-n'), kind: 'first-n', at: cycleStart + CUE.drop * 1000, lead: 60, prompt: 'First 100 get 20% off', title: 'First 100' },
          ],
        });
        this.act('announce', { text: `Welcome to part ${cycle + 1}! Giveaway in 5 minutes.`, kind: 'info' });
        this.act('pin', { product: PRODUCTS[(cycle * 2) % PRODUCTS.length]!, remaining: null });
        return;
      case CUE.prompt:
        this.act('announce', { text: 'Giveaway in 90 seconds: type 1 when it opens!', kind: 'perk-prompt' });
        return;
      case CUE.lottery:
        return this.openLottery(cycle);
      case CUE.draw:
        return this.draw();
      case CUE.pin:
        this.act('pin', { product: PRODUCTS[(cycle * 2 + 1) % PRODUCTS.length]!, remaining: 50 });
        this.act('announce', { text: 'Only 50 at this price!', kind: 'info' });
        return;
      case CUE.quiz:
        return this.askQuiz(cycle);
      case CUE.reveal:
        this.host.revealQuiz('Silk breathes: it keeps you cool in summer and warm in winter.');
        this.actions++;
        return;
      case CUE.drop:
        this.act('perk.drop', { id: this.perkId(cycle, 'first-n'), title: 'First 100: 20% off', code: `SOAK${cycle}`, remaining: 100 });
        this.viewer.claim(this.perkId(cycle, 'first-n'));
        return;
      case CUE.moderate:
        return this.moderate();
      case CUE.title:
        this.act('show', { phase: 'live', title: `Spring sale · part ${cycle + 2}` });
        return;
      default:
    }
  }

  private async openLottery(cycle: number): Promise<void> {
    const mode = LOTTERY_MODES[cycle % LOTTERY_MODES.length]!;
    const options = { mode, prize: 'Silk scarf', winners: 3, seconds: CUE.lotteryEnd - CUE.lottery };
    const envelope = await this.host.openLottery(mode === 'keyword' ? { ...options, keyword: '1' } : mode === 'like-goal' ? { ...options, goal: 8_000 } : options);
    this.lotteryId = envelope.body.id;
    this.actions++;
    this.lotteries++;
    if (mode === 'tap') this.viewer.enter(this.lotteryId);
    if (mode === 'keyword') this.viewer.chat('1');
  }

  private async draw(): Promise<void> {
    const status = this.host.state.lottery?.status;
    // A like-goal giveaway unlocks when the room reaches the goal; it has no draw.
    if (status !== 'open' && status !== 'closed') return;
    await this.host.drawLottery('DM us your order number to claim');
    this.actions++;
  }

  private async askQuiz(cycle: number): Promise<void> {
    const envelope = await this.host.askQuiz({
      question: `Which fabric keeps you cool? (#${cycle})`,
      options: ['Polyester', 'Silk', 'Nylon', 'Acrylic'],
      correct: 1,
      seconds: CUE.quizEnd - CUE.quiz,
    });
    this.quizId = envelope.body.id;
    this.actions++;
    this.quizzes++;
    this.viewer.answer(this.quizId, 1);
  }

  /** Deletes the newest comment, mutes one fan (and lets the previous one speak again). */
  private moderate(): void {
    const newest = this.host.state.chat.at(-1);
    const fan = newest?.from ?? null;
    this.act('moderate', {
      ...(newest ? { deleteIds: [newest.id] } : {}),
      ...(fan ? { mute: [fan] } : {}),
      ...(this.mutedFan ? { unmute: [this.mutedFan] } : {}),
    });
    this.mutedFan = fan;
  }

  /** Host-directed requests while a window is open: tap entries, quiz answers, first-N claims. */
  private requests(doorsSecond: number, at: number): void {
    const lottery = this.host.state.lottery;
    if (at >= CUE.lottery && at < CUE.lotteryEnd && lottery?.mode === 'tap') {
      for (let i = 0; i < 12; i++) this.crowd.send(this.crowd.fanAt(doorsSecond), 'enter', { lottery: this.lotteryId }, HOST_ID);
    }
    if (at >= CUE.quiz && at < CUE.quizEnd) {
      for (let i = 0; i < 30; i++) this.crowd.send(this.crowd.fanAt(doorsSecond), 'answer', { quiz: this.quizId, choice: i % 4 }, HOST_ID);
    }
    if (at >= CUE.drop && at < CUE.dropEnd) {
      for (let i = 0; i < 10; i++) this.crowd.send(this.crowd.fanAt(doorsSecond), 'claim', { perk: this.host.state.perk?.id ?? '' }, HOST_ID);
    }
  }
}

// ── The two pages ─────────────────────────────────────────────────────────────────────────────

function registerElements(): void {
  // Registered here: the package's `sideEffects` list names dist files, so a bundler drops bare src imports.
  define('linger-room', LingerRoom);
  define('linger-player', LingerPlayer);
  define('linger-overlay', LingerOverlay);
  define('linger-countdown', LingerCountdown);
  define('linger-lottery', LingerLottery);
  define('linger-quiz', LingerQuiz);
  define('linger-product', LingerProduct);
  define('linger-host-console', LingerHostConsole);
}

function room(network: MemoryNetwork, userId: string, inner: string): LingerRoom {
  const element = document.createElement('linger-room');
  element.hosts = HOST_ID;
  element.customTransport = network.connect(userId);
  element.innerHTML = inner;
  return element;
}

async function connected(element: LingerRoom): Promise<RoomSession> {
  for (let i = 0; i < 500 && element.session?.$status.get() !== 'connected'; i++) await settle(10);
  const session = element.session;
  if (!session) throw new Error(`[bench/soak] room ${element.customTransport?.userId} did not connect`);
  return session;
}

/** Host page and viewer page side by side, as two tabs of one show would be. */
async function openPages(network: MemoryNetwork) {
  document.body.style.margin = '0';
  const stage = document.createElement('div');
  stage.style.cssText = 'display: grid; grid-template-columns: 1fr 420px; gap: 8px';
  const hostRoom = room(network, HOST_ID, '<linger-host-console></linger-host-console>');
  const viewerRoom = room(
    network,
    VIEWER_ID,
    `<linger-player poster="${POSTER}"></linger-player>
     <linger-overlay variant="list" name="soak"></linger-overlay>
     <div style="background: #222"><linger-overlay variant="danmaku" hide-composer></linger-overlay></div>
     <linger-countdown></linger-countdown><linger-lottery></linger-lottery><linger-quiz></linger-quiz><linger-product></linger-product>`,
  );
  stage.append(hostRoom, viewerRoom);
  document.body.append(stage);
  const [host, viewer] = await Promise.all([connected(hostRoom), connected(viewerRoom)]);
  // The moderator's view: the chat tab re-renders the newest 100 lines.
  await nextFrame();
  hostRoom.querySelector('linger-host-console')?.shadowRoot?.querySelector<HTMLButtonElement>('#tab-chat')?.click();
  return { stage, host, viewer };
}

// ── Report ────────────────────────────────────────────────────────────────────────────────────

const mb = (value: number) => Number(value.toFixed(2));

function printCurve(curve: readonly Sample[]): void {
  const rows = curve.map(({ minute, heapMb, domNodes }) => `${String(minute).padStart(6)} ${heapMb.toFixed(2).padStart(9)} ${String(domNodes).padStart(9)}`);
  console.log(['curve (simulated minute, heap MB after gc, DOM nodes):', '  minute   heap MB  DOM nodes', ...rows].join('\n'));
}

type Counts = ReturnType<Traffic['counts']> & ReturnType<HostScript['counts']>;

/** What happened between two snapshots of the counters (the show, without its warm-up). */
function countsBetween(start: Counts, end: Counts): Counts {
  const entries = Object.keys(end).map((key) => [key, end[key as keyof Counts] - start[key as keyof Counts]]);
  return Object.fromEntries(entries) as Counts;
}

function figuresOf(curve: readonly Sample[], counts: Counts, wallSeconds: number) {
  const at = (minute: number) => curve.find((point) => point.minute === minute)!;
  const [start, h1, h2, h3] = [at(0), at(60), at(120), at(180)];
  return {
    heap_mb_start: mb(start.heapMb),
    heap_mb_1h: mb(h1.heapMb),
    heap_mb_2h: mb(h2.heapMb),
    heap_mb_3h: mb(h3.heapMb),
    heap_growth_mb_1h_3h: mb(h3.heapMb - h1.heapMb),
    heap_mb_max: mb(Math.max(...curve.map((point) => point.heapMb))),
    dom_nodes_start: start.domNodes,
    dom_nodes_1h: h1.domNodes,
    dom_nodes_2h: h2.domNodes,
    dom_nodes_3h: h3.domNodes,
    dom_ratio_3h_1h: Number((h3.domNodes / h1.domNodes).toFixed(3)),
    comments: counts.comments,
    likes: counts.likes,
    like_messages: counts.likeMessages,
    host_actions: counts.actions,
    lotteries: counts.lotteries,
    quizzes: counts.quizzes,
    wall_seconds: Math.round(wallSeconds),
  };
}

export default async function run() {
  registerElements();
  const clock = new SimulatedClock();
  clock.set(-WARMUP_S);
  const network = new MemoryNetwork();
  const { stage, host, viewer } = await openPages(network);
  host.act('show', { phase: 'live', title: 'Spring sale · part 1', startedAt: Date.now() });
  const crowd = new Crowd(network);
  const traffic = new Traffic(crowd);
  const script = new HostScript(host, viewer, crowd);
  const curve: Sample[] = [];
  let atShowStart: Counts = { ...traffic.counts(), ...script.counts() };
  const started = performance.now();

  for (let doorsSecond = 0; doorsSecond <= WARMUP_S + SHOW_S; doorsSecond++) {
    const showSecond = doorsSecond - WARMUP_S;
    if (showSecond >= 0 && showSecond % (SAMPLE_EVERY_MIN * 60) === 0) {
      if (showSecond === 0) atShowStart = { ...traffic.counts(), ...script.counts() };
      const point = await sample(showSecond / 60);
      curve.push(point);
      console.log(`minute ${point.minute}: heap ${point.heapMb.toFixed(2)} MB, ${point.domNodes} DOM nodes (${Math.round((performance.now() - started) / 1000)} s)`);
    }
    if (showSecond === SHOW_S) break;
    clock.set(showSecond);
    const cue = script.second(doorsSecond);
    if (cue) await cue;
    traffic.second(doorsSecond, script.keyword);
    if (doorsSecond % SIM_SECONDS_PER_FRAME === SIM_SECONDS_PER_FRAME - 1) await nextFrame();
  }
  const wallSeconds = (performance.now() - started) / 1000;

  printCurve(curve);
  const figures = figuresOf(curve, countsBetween(atShowStart, { ...traffic.counts(), ...script.counts() }), wallSeconds);
  stage.remove();
  clock.restore();
  return {
    figures,
    targets: { heap_growth_mb_1h_3h: 5, dom_ratio_3h_1h: 1.1, wall_seconds: 300 },
    direction: {},
    curve,
  };
}
