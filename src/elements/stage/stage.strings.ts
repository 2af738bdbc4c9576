/**
 * Co-hosting strings (docs/studio.md § Co-hosting), shared by the overlay's "Ask to join" part and
 * the player's stage layout. Both parts load lazily, so these strings never weigh on first paint.
 */
import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  ask: 'Ask to join',
  askTitle: 'Ask to join the host on camera',
  askText: 'What would you like to show or ask? (optional)',
  send: 'Send request',
  cancel: 'Cancel',
  asked: 'Request sent. The host will see it.',
  withdraw: 'Withdraw',
  invited: 'The host invites you on stage',
  consent: 'Everyone watching will see and hear you. Check your camera and microphone first.',
  check: 'Check camera and microphone',
  goOn: 'Go on stage',
  notNow: 'Not now',
  joining: 'Joining the stage…',
  onStage: 'You are on stage',
  leave: 'Leave stage',
  mutedByHost: 'The host muted your microphone',
  preview: 'Your camera',
  denied: 'Camera or microphone blocked. Allow them in your browser’s site settings, then try again.',
  missing: 'No camera or microphone found. Connect one, then try again.',
  busy: 'Your camera or microphone is in use by another app. Close that app, then try again.',
  unsupported: 'This page cannot use a camera: it needs HTTPS and a recent browser.',
  host: 'Host',
  guest: 'Guest',
  stage: 'On stage',
  muted: 'Microphone muted',
};

export const translation: Translation<typeof en> = {
  name: 'stage',
  en,
  loaders,
};
