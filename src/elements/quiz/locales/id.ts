import type { en } from '../quiz.strings.js';

export default {
  quiz: "Kuis",
  timeLeft: "Sisa waktu",
  happenedLive: 'Jawaban hanya diterima saat siaran langsung.',
  chooseOne: "Pilih satu jawaban. Terkunci saat kamu ketuk.",
  sending: "Mengirim jawaban…",
  locked: "Jawaban terkunci",
  lateRejected: "Terlambat: host tidak menghitung jawaban ini",
  rejected: "Jawabanmu tidak dihitung",
  closed: "Waktu habis. Jawaban segera diumumkan…",
  right: "Benar!",
  wrong: "Kurang tepat.",
  noAnswer: "Kamu tidak menjawab yang ini.",
  correctIs: (option: string) => `Jawaban benar: ${option}`,
  correctMark: "benar",
  yourMark: "jawabanmu",
  why: "Alasannya",
  share: (percent: string) => `${percent} jawaban`,
  score: (right: string, total: string) => `Skormu: ${right} / ${total}`,
  verified: "Jawaban cocok dengan hash yang dipublikasikan bersama pertanyaan",
  verifyFailed: "Jawaban tidak cocok dengan hash yang dipublikasikan bersama pertanyaan",
} satisfies typeof en;
