import { expect, waitUntil } from '@open-wc/testing';
import {
  ChatFeed,
  DANMAKU_CAP,
  DanmakuScheduler,
  LANE_GAP_MS,
  LIST_CAP,
  MORE_FADE_MS,
  MORE_REFRESH_MS,
  lanesFor,
  linesAfter,
  type ChatSource,
} from '../../src/controllers/danmaku-scheduler.js';
import type { ChatLine } from '../../src/core/state.js';

/** A chat source whose lines are numbered `from`…`to` (what the reducer appended on this screen). */
class Chat implements ChatSource {
  chat: ChatLine[] = [];
  chatCount = 0;
  deletedIds: string[] = [];
  moderation = { muted: [] as string[] };
  constructor(private readonly buffer = 200) {}
  /** Appends `count` lines, as the reducer does (bounded buffer, running `n`). */
  add(count = 1, from = 'v1'): this {
    for (let i = 0; i < count; i++) {
      const n = ++this.chatCount;
      this.chat = [...this.chat, { n, id: `m${n}`, from, text: `line ${n}`, at: n }].slice(-this.buffer);
    }
    return this;
  }
  /** The host deletes a line: it leaves the chat and its id is remembered. */
  delete(n: number): this {
    this.chat = this.chat.filter((line) => line.n !== n);
    this.deletedIds = [...this.deletedIds, `m${n}`];
    return this;
  }
  /** What a message the reducer drops (block word, duplicate) does to the chat: nothing. */
  drop(): this {
    this.chat = [...this.chat];
    return this;
  }
}

const texts = (lines: readonly ChatLine[]) => lines.map((line) => line.n);
const flying = (scheduler: DanmakuScheduler) => scheduler.bullets.map((bullet) => bullet.line.n);

describe('danmaku scheduler (src/controllers/danmaku-scheduler.ts)', () => {
  describe('linesAfter', () => {
    it('returns the lines after the cursor, oldest first', () => {
      const chat = new Chat().add(5);
      expect(texts(linesAfter(chat.chat, 2).fresh)).to.deep.equal([3, 4, 5]);
      expect(linesAfter(chat.chat, 5).fresh).to.deep.equal([]);
      expect(linesAfter(chat.chat, 5).missed).to.equal(0);
    });

    it('counts lines that left a full buffer unseen, not lines the host deleted', () => {
      const full = new Chat(10).add(25);
      expect(linesAfter(full.chat, 5, 10), 'lines 6–15 left the buffer').to.deep.include({ missed: 10 });
      expect(texts(linesAfter(full.chat, 5, 10).fresh)).to.deep.equal([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
      const gaps = new Chat(10).add(6).delete(3).delete(4);
      expect(linesAfter(gaps.chat, 2, 10), 'deleted lines are no arrivals').to.deep.equal({ fresh: gaps.chat.slice(2), missed: 0 });
      const allGone = new Chat(10).add(3).delete(1).delete(2).delete(3);
      expect(linesAfter(allGone.chat, 0, 10)).to.deep.equal({ fresh: [], missed: 0 });
    });
  });

  it('lanesFor: 30 px per lane, between 2 and 10', () => {
    expect(lanesFor(180)).to.equal(6);
    expect(lanesFor(40)).to.equal(2);
    expect(lanesFor(1000)).to.equal(10);
    expect(lanesFor(0), 'no height yet: the default stage').to.equal(6);
  });

  describe('cursor', () => {
    it('takes each line in once; a message the reducer dropped adds nothing', () => {
      const chat = new Chat().add(1);
      const feed = new DanmakuScheduler();
      feed.reset(0);
      expect(feed.hasNew(chat)).to.equal(true);
      feed.advance(chat, 'danmaku', 0);
      expect(flying(feed)).to.deep.equal([1]);
      chat.drop();
      expect(feed.hasNew(chat), 'a dropped line is nothing new').to.equal(false);
      for (let t = 1; t <= 5; t++) feed.advance(chat, 'danmaku', t * 1000);
      expect(flying(feed), 'the previous line is not launched again').to.deep.equal([1]);
      expect(feed.more, 'and not counted').to.equal(0);
    });

    it('a line deleted before it was drawn is neither launched nor counted', () => {
      const chat = new Chat().add(1);
      const feed = new DanmakuScheduler();
      feed.advance(chat, 'danmaku', 0);
      chat.add(1).delete(2);
      expect(feed.hasNew(chat), 'the count moved').to.equal(true);
      feed.advance(chat, 'danmaku', 2000);
      expect(flying(feed)).to.deep.equal([1]);
      expect(feed.waiting).to.deep.equal([]);
      expect(feed.more).to.equal(0);
    });

    it('reset(chatCount) treats what is already there as history; a chat that starts over restarts the count', () => {
      const chat = new Chat().add(30);
      const feed = new DanmakuScheduler();
      feed.reset(chat.chatCount);
      feed.advance(chat, 'danmaku', 0);
      expect(feed.bullets, 'history is not launched').to.deep.equal([]);
      const fresh = new Chat().add(2);
      feed.advance(fresh, 'danmaku', 10);
      expect(feed.cursor, 'another session: its count').to.equal(2);
      expect(feed.bullets, 'its lines before the reset are history too').to.deep.equal([]);
    });
  });

  describe('list', () => {
    it('keeps the newest lines and counts what a single render could not show', () => {
      const chat = new Chat().add(10);
      const feed = new DanmakuScheduler();
      feed.advance(chat, 'list', 0);
      expect(feed.list.length).to.equal(10);
      expect(feed.more).to.equal(0);
      chat.add(100);
      feed.advance(chat, 'list', 16);
      expect(texts(feed.list)).to.deep.equal(texts(chat.chat.slice(-LIST_CAP)));
      expect(feed.more, '100 new lines, 40 shown').to.equal(100 - LIST_CAP);
      expect(feed.renderDelay('list', 16), 'the list draws every new line in the next frame').to.equal(0);
    });

    it('a flood past the buffer counts the lines that left it unseen', () => {
      const chat = new Chat(200);
      const feed = new DanmakuScheduler({ buffer: 200 });
      chat.add(5000);
      feed.advance(chat, 'list', 0);
      expect(feed.list.length).to.equal(LIST_CAP);
      expect(feed.more, 'all but the 40 shown').to.equal(5000 - LIST_CAP);
    });
  });

  describe('danmaku', () => {
    it('starts one bullet per render, each in the first free lane', () => {
      const chat = new Chat().add(3);
      const feed = new DanmakuScheduler();
      feed.lanes = 5;
      feed.advance(chat, 'danmaku', 0);
      feed.advance(chat, 'danmaku', 16);
      feed.advance(chat, 'danmaku', 32);
      expect(flying(feed)).to.deep.equal([1, 2, 3]);
      expect(feed.bullets.map((bullet) => bullet.lane), 'lanes 0, 1, 2').to.deep.equal([0, 1, 2]);
      expect(feed.waiting).to.deep.equal([]);
    });

    it('a lane is taken for LANE_GAP_MS after a bullet enters it', () => {
      const chat = new Chat();
      const feed = new DanmakuScheduler();
      feed.lanes = 2;
      feed.advance(chat.add(1), 'danmaku', 0);
      feed.advance(chat.add(1), 'danmaku', 10);
      feed.advance(chat.add(1), 'danmaku', 20);
      expect(feed.canLaunch(20), 'both lanes taken').to.equal(false);
      expect(feed.renderDelay('danmaku', 20), 'no render until "+N more" needs one').to.equal(MORE_REFRESH_MS);
      expect(feed.followUpIn(20), 'the next lane frees at 1,400 ms').to.equal(LANE_GAP_MS - 20);
      feed.advance(chat, 'danmaku', LANE_GAP_MS - 1);
      expect(flying(feed), 'still waiting').to.deep.equal([1, 2]);
      feed.advance(chat, 'danmaku', LANE_GAP_MS);
      expect(flying(feed)).to.deep.equal([1, 2, 3]);
      expect(feed.bullets[2]!.lane, 'back in lane 0').to.equal(0);
      expect(feed.followUpIn(LANE_GAP_MS), 'nothing waits').to.equal(null);
    });

    it('never flies more than the cap; a few wait (one per lane), the rest is "+N more"', () => {
      const feed = new DanmakuScheduler({ laneGapMs: 0 });
      feed.lanes = 6;
      const chat = new Chat();
      let now = 0;
      for (let i = 0; i < 100; i++) {
        chat.add(10);
        feed.advance(chat, 'danmaku', (now += 16));
        expect(feed.bullets.length).to.be.at.most(DANMAKU_CAP);
        expect(feed.waiting.length).to.be.at.most(6);
      }
      expect(feed.bullets.length).to.equal(DANMAKU_CAP);
      expect(feed.canLaunch(now), 'full').to.equal(false);
      // Every line is accounted for exactly once: flying, waiting or counted.
      expect(feed.bullets.length + feed.waiting.length + feed.more).to.equal(1000);
    });

    it('"+N more" stays while comments overflow and goes MORE_FADE_MS after the last one', () => {
      const feed = new DanmakuScheduler();
      feed.lanes = 2;
      const chat = new Chat().add(10);
      feed.advance(chat, 'danmaku', 0);
      expect(feed.more, '10 lines at once: 2 keep a place (one flies at once, one waits), 8 counted').to.equal(8);
      expect(feed.waiting.length).to.equal(1);
      feed.advance(chat, 'danmaku', MORE_FADE_MS);
      expect(feed.more, 'not yet').to.equal(8);
      feed.advance(chat, 'danmaku', MORE_FADE_MS + 1);
      expect(feed.more).to.equal(0);
    });

    it('finished flights, deleted lines and muted senders leave at once', () => {
      const feed = new DanmakuScheduler({ flightMs: 1000, laneGapMs: 0 });
      const chat = new Chat().add(1, 'a').add(1, 'b').add(1, 'c');
      for (const at of [0, 1, 2]) feed.advance(chat, 'danmaku', at);
      expect(flying(feed)).to.deep.equal([1, 2, 3]);
      chat.delete(1);
      chat.moderation = { muted: ['b'] };
      feed.advance(chat, 'danmaku', 10);
      expect(flying(feed), 'deleted and muted gone').to.deep.equal([3]);
      expect(feed.landed('m3'), 'its animation ended').to.equal(true);
      expect(feed.landed('m3'), 'once').to.equal(false);
      chat.add(1, 'c');
      feed.advance(chat, 'danmaku', 20);
      feed.advance(chat, 'danmaku', 20 + 1000 + 501);
      expect(feed.bullets, 'a flight whose end was never reported is over after flightMs').to.deep.equal([]);
    });

    it('the list layout clears bullets; danmaku clears the list', () => {
      const feed = new DanmakuScheduler();
      const chat = new Chat().add(3);
      feed.advance(chat, 'danmaku', 0);
      expect(feed.bullets.length).to.equal(1);
      feed.advance(chat, 'list', 10);
      expect(feed.bullets).to.deep.equal([]);
      expect(feed.waiting).to.deep.equal([]);
      expect(feed.list.length).to.equal(3);
      feed.advance(chat, 'danmaku', 20);
      expect(feed.list).to.deep.equal([]);
    });
  });
});

/** A session stand-in: a state and its listeners, changed by hand. */
class FakeSession {
  private listeners = new Set<(state: ChatSource) => void>();
  constructor(public state: Chat) {}
  readonly $state = {
    listen: (listener: (state: ChatSource) => void) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };
  get listening(): number {
    return this.listeners.size;
  }
  changed(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}

describe('ChatFeed (follows a session for an element)', () => {
  const setup = (mode: 'list' | 'danmaku' = 'danmaku') => {
    const host = { requests: 0, isUpdatePending: false, requestUpdate() { this.requests++; } };
    let now = 0;
    const feed = new ChatFeed(host, () => mode, new DanmakuScheduler(), () => now);
    return { host, feed, at: (ms: number) => (now = ms) };
  };

  it('asks for a render for new lines only: a dropped message asks for nothing', () => {
    const { host, feed } = setup('list');
    const session = new FakeSession(new Chat().add(3));
    feed.follow(session);
    expect(feed.scheduler.cursor, 'what is there is history').to.equal(3);
    session.state.drop();
    session.changed();
    expect(host.requests, 'a state change without a new line').to.equal(0);
    session.state.add(1);
    session.changed();
    expect(host.requests).to.equal(1);
    host.isUpdatePending = true;
    session.state.add(1);
    session.changed();
    expect(host.requests, 'a render is already due').to.equal(1);
  });

  it('with every lane taken, refreshes "+N more" later instead of rendering every line', async () => {
    const { host, feed, at } = setup('danmaku');
    const session = new FakeSession(new Chat());
    feed.follow(session);
    feed.scheduler.lanes = 1;
    session.state.add(1);
    session.changed();
    expect(host.requests, 'a lane is free: render').to.equal(1);
    feed.scheduler.advance(session.state, 'danmaku', at(0));
    for (let i = 0; i < 50; i++) {
      session.state.add(1);
      session.changed();
    }
    expect(host.requests, 'no render per line while the lane is taken').to.equal(1);
    await waitUntil(() => host.requests === 2, '"+N more" refreshed once, a moment later');
    feed.stop();
  });

  it('after a render, plans the next one when a comment waits for a lane', async () => {
    const { host, feed, at } = setup('danmaku');
    const session = new FakeSession(new Chat());
    feed.follow(session);
    feed.scheduler.lanes = 3;
    session.state.add(2);
    feed.scheduler.advance(session.state, 'danmaku', at(0));
    expect(feed.scheduler.waiting.length, 'one flies, one waits').to.equal(1);
    feed.rendered();
    await waitUntil(() => host.requests === 1, 'the waiting comment gets the next render');
    feed.scheduler.advance(session.state, 'danmaku', at(16));
    expect(feed.scheduler.waiting).to.deep.equal([]);
    feed.rendered();
    expect(host.requests, 'nothing waits: nothing planned').to.equal(1);
  });

  it('follows one session at a time and stops for good', () => {
    const { feed } = setup();
    const a = new FakeSession(new Chat().add(5));
    const b = new FakeSession(new Chat().add(2));
    feed.follow(a);
    feed.follow(a);
    expect(a.listening).to.equal(1);
    feed.follow(b);
    expect([a.listening, b.listening]).to.deep.equal([0, 1]);
    expect(feed.scheduler.cursor, 'the new session’s count').to.equal(2);
    feed.stop();
    expect(b.listening).to.equal(0);
  });
});
