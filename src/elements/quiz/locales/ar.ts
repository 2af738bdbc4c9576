import type { en } from '../quiz.strings.js';

export default {
  quiz: "مسابقة",
  timeLeft: "الوقت المتبقي",
  happenedLive: 'كانت الإجابات متاحة أثناء البث المباشر فقط.',
  chooseOne: "اختر إجابة واحدة. تُقفَل عند الضغط.",
  sending: "جارٍ إرسال إجابتك…",
  locked: "تم قفل الإجابة",
  lateRejected: "متأخر: لم يحتسب المضيف هذه الإجابة",
  rejected: "لم تُحتسب إجابتك",
  closed: "انتهى الوقت. الإجابة قادمة…",
  right: "صحيح!",
  wrong: "ليس تمامًا.",
  noAnswer: "لم تُجب عن هذا السؤال.",
  correctIs: (option: string) => `الإجابة الصحيحة: ${option}`,
  correctMark: "صحيحة",
  yourMark: "إجابتك",
  why: "السبب",
  share: (percent: string) => `${percent} من الإجابات`,
  score: (right: string, total: string) => `نتيجتك: ${right} / ${total}`,
  verified: "الإجابة تطابق البصمة المنشورة مع السؤال",
  verifyFailed: "الإجابة لا تطابق البصمة المنشورة مع السؤال",
} satisfies typeof en;
