import { expect, waitUntil } from '@open-wc/testing';
import { groupAnswers, wordsOf, type TopicAnswer } from '../../src/core/topic-answers.js';
import { startShow } from '../helpers/show.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 50_000, interval: 20 });
const answer = (i: number, text: string, locale: string): TopicAnswer => ({ id: `m${i}`, from: `viewer-${i}`, text, locale, at: i });

describe('topic answers', () => {
  it('splits words with Intl.Segmenter, also in Thai and Chinese, and folds case and width', () => {
    expect([...wordsOf('At the BEACH, the beach!', 'en')], 'folded, distinct, one-letter words left out').to.deep.equal(['at', 'the', 'beach']);
    expect(wordsOf('ใส่ไปทะเล', 'th').size, 'Thai without spaces splits into words').to.be.greaterThan(1);
    expect([...wordsOf('去海边', 'zh')].join('|'), 'Chinese splits into words').to.include('海边');
    expect([...wordsOf('ＢＥＡＣＨ', 'en')], 'full width folds').to.deep.equal(['beach']);
  });

  it('groups answers per language: repeated words and repeated answers', () => {
    const groups = groupAnswers([
      answer(1, 'To the beach', 'en-US'),
      answer(2, 'beach party', 'en'),
      answer(3, 'the office', 'en'),
      answer(4, 'To the beach', 'en'),
      answer(5, 'ใส่ไปทะเล', 'th'),
      answer(6, 'ไปทะเลค่ะ', 'th'),
      answer(7, '去海边', 'zh-CN'),
      answer(8, '海边度假', 'zh-CN'),
      answer(9, '上班穿', 'zh-CN'),
    ]);
    expect(groups.map((group) => [group.lang, group.answers]), 'languages, most answers first').to.deep.equal([['en', 4], ['zh', 3], ['th', 2]]);
    const en = groups[0]!;
    expect(en.words[0], 'the most repeated word').to.deep.equal(['beach', 3]);
    expect(en.phrases, 'a whole answer given twice').to.deep.equal([['to the beach', 2]]);
    expect(groups[1]!.words.map(([word]) => word), 'Chinese: 海边 said twice').to.include('海边');
    expect(groups[2]!.words.map(([word]) => word), 'Thai: ทะเล said twice').to.include('ทะเล');
  });
});

describe('the topic on every screen', () => {
  it('pins the topic, tags answers, features one with the host moderation applied', async function () {
    this.timeout(60_000);
    const show = await startShow(2);
    const { host, viewers } = show;
    try {
      host.act('topic', { id: 't1', text: 'Where would you wear this?' });
      await until(() => viewers.every((viewer) => viewer.state.topic?.text === 'Where would you wear this?'), 'topic on every screen');
      expect(viewers[0]!.chat('To the beach', { topic: 't1', locale: 'en' }).ok, 'answer sent').to.equal(true);
      expect(viewers[1]!.chat('hello', { topic: 'old-topic' }).ok, 'a line for another topic is sent').to.equal(true);
      await until(() => host.state.chat.length === 2, 'the host has both lines');
      expect(host.state.chat.map((line) => line.topic ?? null), 'only the answer to the topic on air carries it').to.deep.equal(['t1', null]);
      const line = host.state.chat[0]!;
      host.act('topic.feature', { id: 't1', answer: { line: line.id, from: line.from, text: line.text } });
      await until(() => viewers.every((viewer) => viewer.state.topic?.featured?.text === 'To the beach'), 'featured on every screen');
      host.act('moderate', { blockWords: ['beach'] });
      await until(() => viewers.every((viewer) => viewer.state.topic && !viewer.state.topic.featured), 'a block word takes the featured answer down');
      host.act('moderate', { blockWords: [] });
      host.act('topic.feature', { id: 't1', answer: { line: line.id, from: line.from, text: line.text } });
      await until(() => viewers.every((viewer) => viewer.state.topic?.featured), 'featured again');
      host.act('moderate', { mute: ['viewer-0'] });
      await until(() => viewers.every((viewer) => viewer.state.topic && !viewer.state.topic.featured), 'muting the author takes it down');
      host.act('topic.feature', { id: 't1', answer: { line: line.id, from: line.from, text: line.text } });
      expect(host.state.topic!.featured, 'a muted author cannot be featured').to.equal(undefined);
      host.act('topic', { id: 't1', text: '' });
      await until(() => viewers.every((viewer) => viewer.state.topic === null), 'cleared everywhere');
    } finally {
      await show.close();
    }
  });
});
