import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  /** While the room connects, before the connection status's own code is here. */
  connecting: 'Connecting to the show…',
  region: 'Live chat',
  comments: 'Comments',
  replayNote: 'Replay: these comments are from the live show.',
  live: 'LIVE',
  upcoming: 'Starting soon',
  ended: 'Show ended',
  watching: (count: string) => `${count} watching`,
  /** Shown to this viewer only: the shows this browser watched, this one included (ordinal: `Intl.PluralRules` type `ordinal`). */
  returningViewer: (count: string, ordinal: Intl.LDMLPluralRule) => `${count}${ordinal === 'one' ? 'st' : ordinal === 'two' ? 'nd' : ordinal === 'few' ? 'rd' : 'th'} show you’re watching`,
  nextPerk: (title: string, time: string) => `Next: ${title} in ${time}`,
  nextPerkUntitled: (time: string) => `Next perk in ${time}`,
  lotteryOpen: (prize: string) => `Giveaway open: ${prize}`,
  lotteryKeyword: (keyword: string) => `Comment “${keyword}” to enter`,
  quizOpen: 'Quiz on now',
  voteOpen: (question: string) => `Vote on now: ${question}`,
  topic: 'Topic',
  replyToTopic: 'Reply to topic',
  answerPlaceholder: 'Your answer to the topic…',
  featuredAnswer: 'Featured answer',
  perkLive: (title: string) => `Perk live: ${title}`,
  announcement: 'Announcement',
  perkPrompt: (keyword: string) => `Type ${keyword} if you want it`,
  sendKeyword: (keyword: string) => `Send “${keyword}”`,
  pinned: 'Pinned',
  left: (count: string, _form: Intl.LDMLPluralRule) => `${count} left`,
  soldOut: 'Sold out',
  viewProduct: 'View',
  placeholder: 'Say something…',
  send: 'Send',
  charsLeft: (count: string, form: Intl.LDMLPluralRule) => (form === 'one' ? `${count} character left` : `${count} characters left`),
  like: 'Like',
  likes: (count: string, form: Intl.LDMLPluralRule) => (form === 'one' ? `${count} like` : `${count} likes`),
  more: (count: string, _form: Intl.LDMLPluralRule) => `+${count} more`,
  slowMode: (seconds: string) => `Slow mode — you can comment again in ${seconds} s`,
  slowModeOn: (seconds: string) => `Slow mode: one comment every ${seconds} s`,
  muted: 'You can’t comment in this show',
  blocked: 'That message isn’t allowed here',
  offline: 'Not connected — try again in a moment',
  tooLong: 'That comment is too long',
  viewer: 'Viewer',
  empty: 'No comments yet — say hi!',
};

export const translation: Translation<typeof en> = {
  name: 'overlay',
  en,
  loaders,
};
