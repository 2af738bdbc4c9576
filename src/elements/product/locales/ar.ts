import type { en } from '../product.strings.js';

export default {
  featured: "المعروض الآن",
  products: "المنتجات",
  addToCart: "أضف إلى السلة",
  adding: "جارٍ الإضافة…",
  added: "أُضيف إلى سلتك",
  soldOut: "نفدت الكمية",
  inStock: (count: string) => `${count} متوفر`,
  remaining: (count: string) => `تبقّى ${count} فقط بهذا السعر`,
  errorSoldOut: "عذرًا، نفدت كمية هذا المنتج.",
  errorNetwork: "تعذّر الوصول إلى السلة. تحقّق من اتصالك وحاول مجددًا.",
  errorCart: (message: string) => `تعذّرت الإضافة إلى السلة: ${message}`,
  noCart: "لا توجد سلة متصلة لهذا المتجر هنا.",
  view: (title: string) => `عرض ${title}`,
  share: "مشاركة",
  linkCopied: "تم نسخ الرابط",
} satisfies typeof en;
