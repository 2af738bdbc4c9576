import { expect } from '@open-wc/testing';
import {
  clampNumber,
  featureBody,
  formReader,
  fromTimeInput,
  parseAnnouncementForm,
  parseLotteryForm,
  parseModerationForm,
  parseProducts,
  parseQuestionForm,
  perkDropBody,
  preAnnounceBody,
  scheduleBody,
  toTimeInput,
} from '../../src/core/console-forms.js';
import { parseBank } from '../../src/core/quiz-bank.js';
import { checkBody } from '../../src/core/protocol.js';
import type { ChatLine } from '../../src/core/state.js';

const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? null;

describe('console forms', () => {
  it('a lottery form becomes session options: clamped numbers, the mode’s own field, eligibility', () => {
    expect(parseLotteryForm(reader({ mode: 'keyword', prize: ' Silk scarf ', keyword: ' ', winners: '500', seconds: '5' }))).to.deep.equal({
      mode: 'keyword',
      prize: 'Silk scarf',
      keyword: '1',
      winners: 100,
      seconds: 10,
    });
    expect(parseLotteryForm(reader({ mode: 'like-goal', prize: 'Tote', goal: '3', winners: '', seconds: 'soon', newWinnersOnly: 'on', minWatch: '7' }))).to.deep.equal({
      mode: 'like-goal',
      prize: 'Tote',
      goal: 3,
      winners: 1,
      seconds: 120,
      eligibility: { newWinnersOnly: true, minWatchMinutes: 7 },
    });
    expect(parseLotteryForm(reader({ mode: '<script>', prize: 'x' })).mode, 'an unknown mode is a keyword lottery').to.equal('keyword');
    expect(parseLotteryForm(reader({ mode: 'watch-time', prize: 'x', minutes: '9999', commented: 'on' }))).to.deep.include({ minutes: 600, eligibility: { commented: true } });
  });

  it('announcements, moderation and questions', () => {
    expect(parseAnnouncementForm(reader({ text: '  ' })), 'nothing to say').to.equal(null);
    expect(parseAnnouncementForm(reader({ text: ' Hi ', kind: 'perk-prompt' }))).to.deep.equal({ text: 'Hi', kind: 'perk-prompt' });
    expect(parseAnnouncementForm(reader({ text: 'Hi', kind: 'other' }))!.kind).to.equal('info');
    expect(parseModerationForm(reader({ slowMode: '9000', blockWords: ' spam, ,scam ' }))).to.deep.equal({ slowMode: 600, blockWords: ['spam', 'scam'] });
    expect(parseModerationForm(reader({})).slowMode).to.equal(0);
    const data = new FormData();
    for (const [name, value] of Object.entries({ question: 'Which?', option1: 'A', option2: 'B', option3: ' ', correct: '1', seconds: '20' })) data.set(name, value);
    expect(parseQuestionForm(formReader(data))).to.deep.equal({ question: 'Which?', options: ['A', 'B'], correct: 1, explanation: '', seconds: 20 });
    expect(() => parseQuestionForm(reader({ question: 'Which?', option1: 'A', option2: 'B', correct: '3', seconds: '20' }))).to.throw(TypeError, /"correct"/);
    expect(() => parseBank('{"question": 1}')).to.throw(TypeError, 'expected a JSON array of questions');
    expect(() => parseBank('[{"question": "Q", "options": ["a"], "correct": 0}]')).to.throw(TypeError, /question 1: "options"/);
  });

  it('products are checked against the pin schema, with the reason', () => {
    expect(parseProducts('[{"id": "scarf", "title": "Silk scarf", "price": "$49"}]')).to.deep.equal([{ id: 'scarf', title: 'Silk scarf', price: '$49' }]);
    expect(() => parseProducts('{"id": "scarf"}')).to.throw(TypeError, 'expected a JSON array');
    expect(() => parseProducts('[{"id": "x", "title": "Evil", "url": "javascript:alert(1)"}]')).to.throw(TypeError, /http\(s\) URLs only/);
    expect(() => parseProducts('not json')).to.throw(TypeError);
  });

  it('plan steps become drops, pre-announces and the schedule', () => {
    const step = { id: 'p1', kind: 'first-n' as const, at: 1000, lead: 90, prompt: 'Type 1', title: 'First 10', code: 'https://shop.example/offer' };
    expect(perkDropBody(step)).to.deep.equal({ id: 'p1', title: 'First 10', link: 'https://shop.example/offer', remaining: 10 });
    expect(perkDropBody({ ...step, kind: 'flash', code: 'LIVE30' })).to.deep.equal({ id: 'p1', title: 'First 10', code: 'LIVE30' });
    expect(perkDropBody({ ...step, kind: 'flash', code: 'javascript:alert(1)' }).link, 'never a non-http link').to.equal(undefined);
    expect(preAnnounceBody(step)).to.deep.equal({ text: 'First 10 — Type 1', kind: 'perk-prompt' });
    const plan = Array.from({ length: 60 }, (_, i) => ({ ...step, id: `p${i}` }));
    const schedule = scheduleBody(plan);
    expect(schedule.perks).to.have.length(50);
    expect(schedule.perks[0], 'perk fields only').to.deep.equal({ id: 'p0', kind: 'first-n', at: 1000, lead: 90, prompt: 'Type 1', title: 'First 10' });
    // A step's member tier (docs/tiers.md) rides on the schedule and the drop; one the schema would refuse is left out.
    expect(scheduleBody([{ ...step, tier: ' vip ' }]).perks[0]!.tier).to.equal('vip');
    expect(perkDropBody({ ...step, tier: 'vip' }).tier).to.equal('vip');
    expect(scheduleBody([{ ...step, tier: '<b>x</b>' }]).perks[0], 'a bad stored tier').to.not.have.property('tier');
    expect(perkDropBody({ ...step, tier: '' })).to.not.have.property('tier');
    expect(() => checkBody('schedule', scheduleBody([{ ...step, tier: '<img src=x>' }])), 'the schedule still goes out').to.not.throw();
    const line = { id: 'c1', from: 'v-1', name: '', text: 'Is it silk?' } as ChatLine;
    expect(featureBody(line)).to.deep.equal({ text: '“Is it silk?” — v-1', kind: 'info' });
  });

  it('numbers and times', () => {
    expect(clampNumber('7.6', 0, 10, 3)).to.equal(8);
    expect(clampNumber('', 1, 10, 3), 'empty').to.equal(3);
    expect(clampNumber(null, 1, 10, 3)).to.equal(3);
    expect(clampNumber('-5', 1, 10, 3)).to.equal(1);
    const at = new Date(2026, 5, 1, 9, 5).getTime();
    expect(toTimeInput(at)).to.equal('09:05');
    expect(new Date(fromTimeInput('20:30', at)).getHours()).to.equal(20);
    expect(fromTimeInput('25:00', at), 'not a time').to.equal(at);
    expect(fromTimeInput('', at)).to.equal(at);
  });
});
