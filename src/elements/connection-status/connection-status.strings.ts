import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  connecting: 'Connecting to the show…',
  retrying: (seconds: string) => `Connection lost. Trying again in ${seconds} s`,
  reconnecting: 'Reconnecting…',
  unreachable: 'Can’t reach the show',
  reasonNetwork: 'Check your internet connection.',
  reasonServer: 'The show’s server is not answering right now.',
  reasonRefused: 'The show’s server refused the connection.',
  reasonSetup: 'This show is not set up correctly yet.',
  tryNow: 'Try now',
};

export const translation: Translation<typeof en> = {
  name: 'connection-status',
  en,
  loaders,
};
