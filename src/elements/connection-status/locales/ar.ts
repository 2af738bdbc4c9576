import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'جارٍ الاتصال بالبث…',
  retrying: (seconds: string) => `انقطع الاتصال. إعادة المحاولة بعد ${seconds} ث`,
  reconnecting: 'جارٍ إعادة الاتصال…',
  unreachable: 'تعذّر الوصول إلى البث',
  reasonNetwork: 'تحقّق من اتصالك بالإنترنت.',
  reasonServer: 'خادم البث لا يستجيب حاليًا.',
  reasonRefused: 'رفض خادم البث الاتصال.',
  reasonSetup: 'لم يُضبط هذا البث بشكل صحيح بعد.',
  tryNow: 'حاول الآن',
} satisfies typeof en;
