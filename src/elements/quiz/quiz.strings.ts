import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  quiz: 'Quiz',
  timeLeft: 'Time left',
  happenedLive: 'Answers were taken during the live show.',
  chooseOne: 'Pick one answer. It locks when you tap.',
  sending: 'Sending your answer…',
  locked: 'Answer locked',
  lateRejected: 'Too late: the host did not count this answer',
  rejected: 'Your answer was not counted',
  closed: 'Time is up. The answer is coming…',
  right: 'Right!',
  wrong: 'Not quite.',
  noAnswer: 'You did not answer this one.',
  correctIs: (option: string) => `Correct answer: ${option}`,
  correctMark: 'correct',
  yourMark: 'your answer',
  why: 'Why',
  share: (percent: string) => `${percent} of answers`,
  score: (right: string, total: string) => `Your score: ${right} / ${total}`,
  verified: 'The answer matches the hash published with the question',
  verifyFailed: 'The answer does not match the hash published with the question',
};

export const translation: Translation<typeof en> = {
  name: 'quiz',
  en,
  loaders,
};
