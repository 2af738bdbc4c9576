import type { en } from '../product.strings.js';

export default {
  featured: "สินค้าแนะนำตอนนี้",
  products: "สินค้า",
  addToCart: "หยิบใส่ตะกร้า",
  adding: "กำลังเพิ่ม…",
  added: "เพิ่มลงตะกร้าแล้ว",
  soldOut: "สินค้าหมด",
  inStock: (count: string) => `มีสินค้า ${count} ชิ้น`,
  remaining: (count: string) => `ราคานี้เหลือเพียง ${count} ชิ้น`,
  errorSoldOut: "ขออภัย สินค้านี้หมดแล้ว",
  errorNetwork: "เชื่อมต่อตะกร้าไม่ได้ ตรวจสอบการเชื่อมต่อแล้วลองใหม่",
  errorCart: (message: string) => `เพิ่มลงตะกร้าไม่ได้: ${message}`,
  noCart: "ร้านนี้ไม่ได้เชื่อมต่อตะกร้าไว้ที่นี่",
  view: (title: string) => `ดู ${title}`,
  share: "แชร์",
  linkCopied: "คัดลอกลิงก์แล้ว",
} satisfies typeof en;
