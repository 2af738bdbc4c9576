import type { en } from '../lottery.strings.js';

// The counted noun after a number (genitive here: after بعد، من، عند): one, two (dual), 3–10
// (plural), 11–99 (singular, accusative), 100+ and zero (singular).
const arMinutes = (n: string, form: Intl.LDMLPluralRule) =>
  form === 'one' ? 'دقيقة واحدة' : form === 'two' ? 'دقيقتين' : form === 'few' ? `${n} دقائق` : `${n} دقيقة`;
const arLikes = (n: string, form: Intl.LDMLPluralRule) =>
  form === 'one' ? 'إعجاب واحد' : form === 'two' ? 'إعجابين' : form === 'few' ? `${n} إعجابات` : form === 'many' ? `${n} إعجابًا` : `${n} إعجاب`;

export default {
  giveaway: "سحب على جائزة",
  happenedLive: 'كانت المشاركة متاحة أثناء البث المباشر فقط.',
  prize: (prize: string) => `الجائزة: ${prize}`,
  howKeyword: (keyword: string) => `اكتب «${keyword}» في الدردشة للمشاركة`,
  howTap: "اضغط الزر للمشاركة",
  enter: "شارك",
  howWatch: (minutes: string, form: Intl.LDMLPluralRule) => `تابع المشاهدة: تُسجَّل مشاركتك بعد ${arMinutes(minutes, form)}`,
  howLikes: (goal: string, form: Intl.LDMLPluralRule) => `اضغط ♥: عند ${arLikes(goal, form)} تُفتح الجائزة للجميع`,
  likeProgress: (count: string, goal: string, form: Intl.LDMLPluralRule) => `${count} من ${arLikes(goal, form)}`,
  watchProgress: (watched: string, minutes: string, form: Intl.LDMLPluralRule) => `شاهدت ${watched} من ${arMinutes(minutes, form)}`,
  rules: "من يمكنه المشاركة",
  ruleNewWinners: "لم يفز سابقًا في هذا البث",
  ruleWatched: (minutes: string, form: Intl.LDMLPluralRule) => `شاهد ${arMinutes(minutes, form)} على الأقل`,
  ruleCommented: "علّق في هذا البث",
  ruleTier: (tier: string) => `لأعضاء ${tier} فقط`,
  sending: "جارٍ إرسال مشاركتك…",
  youreIn: "أنت مشارك!",
  refusedLate: "متأخر: أُغلقت المشاركة",
  refusedIneligible: "لا يمكنك المشاركة في هذا السحب (راجع الشروط)",
  refusedTier: (tier: string) => `هذا السحب لأعضاء ${tier}: لم تُقبل مشاركتك`,
  refusedOther: "لم تُقبل مشاركتك",
  entrants: (count: string) => `المشاركون: ${count}`,
  timeLeft: "الوقت المتبقي",
  closed: "أُغلقت المشاركة. السحب قادم.",
  drawing: "جارٍ السحب…",
  winners: "الفائزون",
  you: "أنت",
  youWon: "لقد فزت!",
  notWon: "ليس هذه المرة. ابقَ للسحب القادم!",
  noEntrants: "لم يشارك أحد هذه المرة.",
  unlocked: "تحقق الهدف: فُتحت الجائزة للجميع!",
  checking: "جارٍ التحقق من السحب…",
  verified: "سحب موثَّق",
  verifiedPartial: "البذرة تطابق الالتزام (قائمة المشاركين غير متاحة هنا)",
  verifyFailed: "فشل التحقق: هذا السحب لا يطابق ما التُزم به",
  inList: "مشاركتك موجودة في القائمة المنشورة",
  notInList: "مشاركتك ليست في القائمة المنشورة",
  details: "تفاصيل السحب",
  commitment: "الالتزام",
  seed: "البذرة",
  digest: "بصمة قائمة المشاركين",
} satisfies typeof en;
