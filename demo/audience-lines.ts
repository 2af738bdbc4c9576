/** What the simulated audience says, and what it is called, in the demo's ten languages. */

export const AUDIENCE_LOCALES = ['en', 'zh-CN', 'id', 'th', 'vi', 'ar', 'es', 'pt-BR', 'ja', 'ms'] as const;
export type AudienceLocale = (typeof AUDIENCE_LOCALES)[number];

export const LINES: Record<AudienceLocale, readonly string[]> = {
  en: ['Is it real silk?', 'Love the indigo one 😍', 'Does it come in a gift box?', 'Shipping to Canada?', 'Just ordered two!', 'Can you show the back?', 'Hi from Sydney 👋'],
  'zh-CN': ['是真丝吗？', '靛蓝色好漂亮', '有礼盒包装吗？', '已下单两条！', '可以看看背面吗？', '主播好～'],
  id: ['Ini sutra asli?', 'Warna jade cantik banget', 'Bisa kirim ke Surabaya?', 'Sudah checkout kak!', 'Ada diskon lagi?', 'Halo dari Bandung'],
  th: ['ผ้าไหมแท้ไหมคะ', 'สีครามสวยมาก', 'ส่งเชียงใหม่ได้ไหม', 'สั่งแล้วค่ะ!', 'มีกล่องของขวัญไหม'],
  vi: ['Lụa thật không ạ?', 'Màu chàm đẹp quá', 'Ship về Hà Nội được không?', 'Mình vừa đặt rồi!', 'Có hộp quà không shop?'],
  ar: ['هل هو حرير طبيعي؟', 'اللون النيلي رائع', 'هل يوجد شحن إلى دبي؟', 'طلبت اثنين!', 'مرحبا من الرياض'],
  es: ['¿Es seda natural?', 'Me encanta el azul índigo', '¿Envían a México?', '¡Ya compré dos!', '¿Viene en caja de regalo?'],
  'pt-BR': ['É seda pura?', 'Amei a cor jade', 'Entrega em São Paulo?', 'Acabei de comprar!', 'Tem caixa de presente?'],
  ja: ['本物のシルクですか？', 'インディゴが素敵', 'ギフト包装できますか？', '二枚買いました！', '裏側も見せてください'],
  ms: ['Sutera asli ke?', 'Warna jed cantik sangat', 'Boleh pos ke Johor?', 'Dah order!', 'Ada kotak hadiah?'],
};

export const NAMES: Record<AudienceLocale, readonly string[]> = {
  en: ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava'],
  'zh-CN': ['小林', '王芳', '李娜', '陈晨', '张伟'],
  id: ['Budi', 'Sari', 'Dewi', 'Agus', 'Putri'],
  th: ['สมชาย', 'มาลี', 'นภา', 'ปิยะ', 'อร'],
  vi: ['Minh', 'Lan', 'Hương', 'Tuấn', 'Mai'],
  ar: ['فاطمة', 'أحمد', 'ليلى', 'يوسف', 'نور'],
  es: ['Lucía', 'Mateo', 'Sofía', 'Diego', 'Valeria'],
  'pt-BR': ['Ana', 'João', 'Beatriz', 'Lucas', 'Camila'],
  ja: ['さくら', 'ゆうと', 'はるか', 'けんた', 'あおい'],
  ms: ['Aisyah', 'Hafiz', 'Nurul', 'Amir', 'Siti'],
};

/** "Done!" in each language, after a perk prompt or a giveaway entry. */
export const CHEERS: Record<AudienceLocale, string> = {
  en: 'Done! 🙌',
  'zh-CN': '好了！',
  id: 'Sudah kak!',
  th: 'เรียบร้อย!',
  vi: 'Xong rồi!',
  ar: 'تم!',
  es: '¡Listo!',
  'pt-BR': 'Pronto!',
  ja: 'できた！',
  ms: 'Siap!',
};
