import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'Menghubungkan ke siaran…',
  retrying: (seconds: string) => `Koneksi terputus. Mencoba lagi dalam ${seconds} dtk`,
  reconnecting: 'Menghubungkan ulang…',
  unreachable: 'Tidak dapat menjangkau siaran',
  reasonNetwork: 'Periksa koneksi internet Anda.',
  reasonServer: 'Server siaran sedang tidak merespons.',
  reasonRefused: 'Server siaran menolak koneksi.',
  reasonSetup: 'Siaran ini belum diatur dengan benar.',
  tryNow: 'Coba sekarang',
} satisfies typeof en;
