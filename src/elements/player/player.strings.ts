import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  region: 'Live video',
  upcoming: 'Starting soon',
  replayFailed: 'The show\'s timeline could not be loaded: the video plays without it.',
  chapters: 'Chapters',
  jumpTo: 'Jump to',
  connecting: 'Connecting…',
  waiting: 'Waiting for the host’s video…',
  live: 'LIVE',
  reconnecting: 'Reconnecting…',
  retrying: (seconds: string) => `Can’t connect — retrying in ${seconds} s`,
  retryingNow: 'Can’t connect — retrying…',
  ended: 'The show has ended',
  replay: 'Replay',
  unavailable: 'Video is not available here',
  mediaError: 'This video can’t be played',
  play: 'Play',
  pause: 'Pause',
  tapForSound: 'Tap for sound',
  mute: 'Mute',
  unmute: 'Unmute',
  fullscreen: 'Full screen',
  exitFullscreen: 'Exit full screen',
  pip: 'Picture in picture',
  exitPip: 'Exit picture in picture',
  qualityUnknown: 'Checking connection',
  qualityGood: 'Good connection',
  qualityFair: 'Fair connection',
  qualityPoor: 'Poor connection',
  delay: (ms: string) => `${ms} ms delay`,
  lowStream: 'Data saver',
};

export const translation: Translation<typeof en> = {
  name: 'player',
  en,
  loaders,
};
