import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/room/linger-room.js';
import '../../../src/elements/host-console/linger-host-console.js';
import '../../../src/elements/overlay/linger-overlay.js';
import type { LingerHostConsole } from '../../../src/elements/host-console/host-console.js';
import type { LingerOverlay } from '../../../src/elements/overlay/overlay.js';
import type { LingerRoom } from '../../../src/elements/room/room.js';
import { translation } from '../../../src/elements/host-console/host-console.strings.js';
import { translation as overlayTranslation } from '../../../src/elements/overlay/overlay.strings.js';
import { MemoryNetwork } from '../../../src/transports/memory.js';
import { RoomSession } from '../../../src/core/session.js';
import { expectNoRawKeys } from '../../helpers/i18n.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const shadow = (element: Element) => element.shadowRoot!;
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.textContent!.trim() === label) as HTMLButtonElement | undefined;
const text = (element: Element) => (element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

async function stage(channel: string, lang = 'en') {
  localStorage.removeItem(`linger:console:${channel}`);
  const network = new MemoryNetwork({ latency: 1 });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>
    <linger-room id=${`${channel}-host`} channel=${channel} hosts="host-1" .customTransport=${network.connect('host-1')}>
      <linger-host-console></linger-host-console>
    </linger-room>
    <div style="inline-size: 390px">
      <linger-room id=${`${channel}-viewer`} channel=${channel} hosts="host-1" .customTransport=${network.connect('viewer-0')}>
        <linger-overlay name="Mai"></linger-overlay>
      </linger-room>
    </div>
  </div>`);
  const [hostRoom, viewerRoom] = [...wrapper.querySelectorAll<LingerRoom>('linger-room')] as [LingerRoom, LingerRoom];
  await until(() => hostRoom.session?.$status.get() === 'connected' && viewerRoom.session?.$status.get() === 'connected', 'rooms connected');
  await until(() => viewerRoom.session!.state.epoch !== null, 'viewer has the snapshot');
  const others: RoomSession[] = [];
  for (const id of ['viewer-th', 'viewer-zh', 'viewer-zh2', 'viewer-en', 'viewer-th2']) {
    const session = new RoomSession({ transport: network.connect(id), hosts: ['host-1'] });
    await session.connect();
    others.push(session);
  }
  return {
    host: hostRoom.session!,
    console: wrapper.querySelector<LingerHostConsole>('linger-host-console')!,
    overlay: wrapper.querySelector<LingerOverlay>('linger-overlay')!,
    viewer: viewerRoom.session!,
    others,
    close: async () => {
      await Promise.all(others.map((session) => session.close()));
      localStorage.removeItem(`linger:console:${channel}`);
    },
  };
}

describe('<linger-host-console> topic and <linger-overlay> answers', () => {
  it('posts a topic, takes one-tap answers, groups them in three languages and features one on every screen', async function () {
    this.timeout(90_000);
    const { host, console, overlay, viewer, others, close } = await stage('hc-topic');
    const root = shadow(console);
    try {
      (root.querySelector('#tab-chat') as HTMLButtonElement).click();
      await console.updateComplete;
      const input = root.querySelector<HTMLInputElement>('#topic-text')!;
      input.value = 'Where would you wear this?';
      input.dispatchEvent(new Event('input'));
      button(root, 'Post topic')!.click();
      await until(() => shadow(overlay).querySelector('[part~="topic-text"]')?.textContent === 'Where would you wear this?', 'the topic is pinned above the chat');
      expect(shadow(overlay).querySelector('[part~="topic-text"]')!.getAttribute('dir'), 'topic text has dir=auto').to.equal('auto');
      await expect(overlay, 'overlay with the topic').to.be.accessible();
      // One tap: the composer answers the topic.
      shadow(overlay).querySelector<HTMLButtonElement>('[part~="topic-reply"]')!.click();
      await overlay.updateComplete;
      const composer = shadow(overlay).querySelector<HTMLInputElement>('[part~="input"]')!;
      expect(composer.placeholder, 'the composer says it answers').to.equal('Your answer to the topic…');
      composer.value = 'To the beach';
      composer.dispatchEvent(new Event('input'));
      await overlay.updateComplete;
      shadow(overlay).querySelector<HTMLFormElement>('[part~="composer"]')!.requestSubmit();
      const topicId = viewer.state.topic!.id;
      // A line tagged with a topic this screen has not received yet goes out untagged.
      await until(() => others.every((session) => session.state.topic?.id === topicId), 'every answering screen has the topic');
      others[0]!.chat('ใส่ไปทะเล', { topic: topicId, locale: 'th' });
      others[1]!.chat('去海边', { topic: topicId, locale: 'zh-CN' });
      others[2]!.chat('海边度假', { topic: topicId, locale: 'zh-CN' });
      others[3]!.chat('the beach, obviously', { topic: topicId, locale: 'en' });
      others[4]!.chat('ไปทะเลค่ะ', { topic: topicId, locale: 'th' });
      await until(() => (root.querySelector('[part="next"]')?.textContent ?? '').includes('6 answers'), 'six answers');
      const headings = [...root.querySelectorAll('[part="heading"]')].map((node) => node.textContent!);
      expect(headings.filter((heading) => /English|Chinese|Thai/.test(heading)).length, 'grouped in three languages').to.equal(3);
      const lists = [...root.querySelectorAll('ul[lang]')];
      const words = (lang: string) => [...lists.find((list) => list.getAttribute('lang') === lang)!.querySelectorAll('.text')].map((node) => node.textContent);
      expect(words('en'), 'English: "beach" said twice').to.include('beach');
      expect(words('zh'), 'Chinese: 海边 said twice').to.include('海边');
      expect(words('th'), 'Thai: ทะเล said twice').to.include('ทะเล');
      await expect(console, 'topic in the console').to.be.accessible();
      // Feature Mai's answer: every screen shows it.
      const mine = [...root.querySelectorAll('li')].find((item) => item.textContent!.includes('To the beach') && item.querySelector('button'))!;
      button(mine, 'Feature this answer')!.click();
      await until(() => text(overlay).includes('Featured answer: Mai — To the beach'), 'the featured answer on the viewer overlay');
      await until(() => others.every((session) => session.state.topic?.featured?.text === 'To the beach'), 'on every screen');
      // The host's moderation applies: muting Mai takes the featured answer and her answers down.
      host.act('moderate', { mute: ['viewer-0'] });
      await until(() => !shadow(overlay).querySelector('[part~="topic-featured"]'), 'gone when its author is muted');
      await until(() => (root.querySelector('[part="next"]')?.textContent ?? '').includes('5 answers'), 'a muted author no longer counts');
      expectNoRawKeys(console, translation);
      expectNoRawKeys(overlay, overlayTranslation);
    } finally {
      await close();
    }
  });

  it('reads right to left in Arabic, console and overlay', async function () {
    this.timeout(60_000);
    const { console, overlay, others, close } = await stage('hc-topic-ar', 'ar');
    const root = shadow(console);
    try {
      (root.querySelector('#tab-chat') as HTMLButtonElement).click();
      await console.updateComplete;
      const input = root.querySelector<HTMLInputElement>('#topic-text')!;
      input.value = 'أين سترتدين هذا الفستان؟';
      input.dispatchEvent(new Event('input'));
      root.querySelector<HTMLFormElement>('#topic-text')!.closest('form')!.requestSubmit();
      await until(() => shadow(overlay).querySelector('[part~="topic-text"]'), 'topic pinned');
      await until(() => others[0]!.state.topic?.id && others[1]!.state.topic?.id, 'viewers have it');
      const topicId = others[0]!.state.topic!.id;
      others[0]!.chat('إلى الشاطئ', { topic: others[0]!.state.topic!.id, locale: 'ar' });
      others[1]!.chat('إلى الشاطئ', { topic: others[1]!.state.topic!.id, locale: 'ar' });
      await until(() => root.querySelectorAll('ul[lang="ar"] .text').length > 0, 'Arabic answers grouped');
      expect(topicId, 'a topic id').to.not.equal('');
      await until(() => shadow(overlay).querySelector('[part~="topic-reply"]')!.textContent!.trim() === 'الرد على الموضوع', 'the Arabic button (its strings load on demand)');
      await expect(console, 'Arabic console').to.be.accessible();
      await expect(overlay, 'Arabic overlay').to.be.accessible();
    } finally {
      await close();
    }
  });

  it('has a plan step kind: a planned topic step fires as the topic on every screen', async function () {
    this.timeout(60_000);
    const { console, overlay, others, close } = await stage('hc-topic-plan');
    const root = shadow(console);
    try {
      button(root, 'Add step')!.click();
      await console.updateComplete;
      const step = root.querySelector('.step')!;
      const kind = step.querySelector<HTMLSelectElement>('select')!;
      kind.value = 'topic';
      kind.dispatchEvent(new Event('change'));
      await console.updateComplete;
      const title = [...root.querySelector('.step')!.querySelectorAll<HTMLInputElement>('input')].find((input) => input.maxLength === 200)!;
      title.value = 'Where would you wear this?';
      title.dispatchEvent(new Event('change'));
      await console.updateComplete;
      button(root.querySelector('.step')!, 'Fire now')!.click();
      // The queued step goes out after its undo window.
      await until(() => others.every((session) => session.state.topic?.text === 'Where would you wear this?'), 'the planned topic reached every viewer');
      await until(() => shadow(overlay).querySelector('[part~="topic-text"]'), 'pinned on the overlay');
    } finally {
      await close();
    }
  });
});
