import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'Menyambung ke siaran…',
  retrying: (seconds: string) => `Sambungan terputus. Mencuba lagi dalam ${seconds} saat`,
  reconnecting: 'Menyambung semula…',
  unreachable: 'Tidak dapat mencapai siaran',
  reasonNetwork: 'Semak sambungan internet anda.',
  reasonServer: 'Pelayan siaran tidak menjawab buat masa ini.',
  reasonRefused: 'Pelayan siaran menolak sambungan.',
  reasonSetup: 'Siaran ini belum disediakan dengan betul.',
  tryNow: 'Cuba sekarang',
} satisfies typeof en;
