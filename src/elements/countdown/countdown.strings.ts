import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  nextDrop: 'Next drop',
  startsIn: 'Starts in',
  happenedLive: 'Claims were taken during the live show.',
  comingUp: 'Coming up!',
  liveNow: 'It’s on!',
  dropping: 'Dropping now…',
  code: 'Code',
  copy: 'Copy code',
  copied: 'Copied',
  openOffer: 'Open the offer',
  left: (count: string, _form: Intl.LDMLPluralRule) => `${count} left`,
  soldOut: 'All gone',
  claim: 'Claim',
  claimed: 'Claimed! It’s yours.',
  claimSoldOut: 'Sorry, all gone',
  claimRefused: 'Your claim was not accepted',
  claimTier: 'This perk is for members of its tier: your claim was not accepted',
  forTier: (tier: string) => `For ${tier} members`,
  remindMe: 'Remind me',
  reminders: 'Add a reminder',
  ics: 'Calendar file (.ics)',
  google: 'Google Calendar',
  outlook: 'Outlook',
  nextShow: 'Next show',
  at: (time: string) => `at ${time}`,
};

export const translation: Translation<typeof en> = {
  name: 'countdown',
  en,
  loaders,
};
