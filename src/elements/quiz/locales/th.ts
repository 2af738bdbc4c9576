import type { en } from '../quiz.strings.js';

export default {
  quiz: "ควิซ",
  timeLeft: "เวลาที่เหลือ",
  happenedLive: 'รับคำตอบเฉพาะช่วงไลฟ์สด',
  chooseOne: "เลือกหนึ่งคำตอบ คำตอบจะล็อกเมื่อแตะ",
  sending: "กำลังส่งคำตอบ…",
  locked: "ล็อกคำตอบแล้ว",
  lateRejected: "ช้าไป: โฮสต์ไม่นับคำตอบนี้",
  rejected: "คำตอบของคุณไม่ถูกนับ",
  closed: "หมดเวลา กำลังจะเฉลย…",
  right: "ถูกต้อง!",
  wrong: "ยังไม่ถูก",
  noAnswer: "คุณไม่ได้ตอบข้อนี้",
  correctIs: (option: string) => `คำตอบที่ถูก: ${option}`,
  correctMark: "ถูกต้อง",
  yourMark: "คำตอบของคุณ",
  why: "เพราะอะไร",
  share: (percent: string) => `${percent} ของคำตอบ`,
  score: (right: string, total: string) => `คะแนนของคุณ: ${right} / ${total}`,
  verified: "คำตอบตรงกับแฮชที่เผยแพร่พร้อมคำถาม",
  verifyFailed: "คำตอบไม่ตรงกับแฮชที่เผยแพร่พร้อมคำถาม",
} satisfies typeof en;
