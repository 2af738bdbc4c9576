import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'กำลังเชื่อมต่อกับไลฟ์…',
  retrying: (seconds: string) => `การเชื่อมต่อขาดหาย จะลองใหม่ใน ${seconds} วินาที`,
  reconnecting: 'กำลังเชื่อมต่อใหม่…',
  unreachable: 'ไม่สามารถเชื่อมต่อกับไลฟ์ได้',
  reasonNetwork: 'โปรดตรวจสอบการเชื่อมต่ออินเทอร์เน็ตของคุณ',
  reasonServer: 'เซิร์ฟเวอร์ของไลฟ์ไม่ตอบสนองในขณะนี้',
  reasonRefused: 'เซิร์ฟเวอร์ของไลฟ์ปฏิเสธการเชื่อมต่อ',
  reasonSetup: 'ไลฟ์นี้ยังตั้งค่าไม่ถูกต้อง',
  tryNow: 'ลองตอนนี้',
} satisfies typeof en;
