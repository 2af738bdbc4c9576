import type { en } from '../quiz.strings.js';

export default {
  quiz: "Kuiz",
  timeLeft: "Masa berbaki",
  happenedLive: 'Jawapan diterima semasa siaran langsung sahaja.',
  chooseOne: "Pilih satu jawapan. Ia dikunci apabila anda ketik.",
  sending: "Menghantar jawapan…",
  locked: "Jawapan dikunci",
  lateRejected: "Terlambat: hos tidak mengira jawapan ini",
  rejected: "Jawapan anda tidak dikira",
  closed: "Masa tamat. Jawapan akan didedahkan…",
  right: "Betul!",
  wrong: "Kurang tepat.",
  noAnswer: "Anda tidak menjawab soalan ini.",
  correctIs: (option: string) => `Jawapan betul: ${option}`,
  correctMark: "betul",
  yourMark: "jawapan anda",
  why: "Sebabnya",
  share: (percent: string) => `${percent} jawapan`,
  score: (right: string, total: string) => `Skor anda: ${right} / ${total}`,
  verified: "Jawapan sepadan dengan cincangan yang diterbitkan bersama soalan",
  verifyFailed: "Jawapan tidak sepadan dengan cincangan yang diterbitkan bersama soalan",
} satisfies typeof en;
