import type { en } from '../vote.strings.js';

// The counted noun after a number: one, two (dual), 3–10 (plural), 11–99 (singular, accusative), 100+ and zero (singular).
const arVotes = (n: string, form: Intl.LDMLPluralRule) =>
  form === 'one' ? 'صوت واحد' : form === 'two' ? 'صوتان' : form === 'few' ? `${n} أصوات` : form === 'many' ? `${n} صوتًا` : `${n} صوت`;

export default {
  vote: "تصويت",
  happenedLive: 'جرى هذا التصويت أثناء البث المباشر.',
  timeLeft: "الوقت المتبقي",
  hint: "اضغط على خيار للتصويت.",
  hintChangeable: "اضغط على خيار للتصويت. يمكنك تغيير صوتك حتى إغلاق التصويت.",
  sending: "جارٍ إرسال صوتك…",
  counted: "تم احتساب صوتك",
  refusedLate: "متأخر: كان التصويت قد أُغلق",
  refusedOther: "لم يُحتسب صوتك",
  refusedTier: (tier: string) => `هذا التصويت لأعضاء ${tier}: لم يُحتسب صوتك`,
  refusedIneligible: 'لا يمكنك التصويت هنا (انظر من يمكنه التصويت)',
  rules: 'من يمكنه التصويت',
  ruleWatched: (minutes: string, form: Intl.LDMLPluralRule) => `شاهد ${form === 'one' ? 'دقيقة واحدة' : form === 'two' ? 'دقيقتين' : form === 'few' ? `${minutes} دقائق` : `${minutes} دقيقة`} على الأقل`,
  ruleTier: (tier: string) => `لأعضاء ${tier} فقط`,
  closed: "أُغلق التصويت.",
  votes: (count: string, form: Intl.LDMLPluralRule) => arVotes(count, form),
  result: (option: string) => `النتيجة: ${option}`,
  noVotes: "لم يصوّت أحد هذه المرة.",
  winnerMark: "الأكثر أصواتًا",
  yourMark: "صوتك",
  checking: "جارٍ التحقق من النتيجة…",
  verified: "نتيجة موثَّقة",
  verifiedPartial: "الأعداد والبذرة تطابق ما نُشر (قائمة الأصوات غير متاحة هنا)",
  verifyFailed: "فشل التحقق: هذه النتيجة لا تطابق الأصوات المنشورة",
  inList: "صوتك موجود في القائمة المنشورة كما أدليت به",
  notInList: "صوتك ليس في القائمة المنشورة كما أدليت به",
  details: "تفاصيل النتيجة",
  commitment: "الالتزام",
  seed: "البذرة",
  digest: "بصمة قائمة الأصوات",
} satisfies typeof en;
