import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'Đang kết nối tới buổi phát…',
  retrying: (seconds: string) => `Mất kết nối. Thử lại sau ${seconds} giây`,
  reconnecting: 'Đang kết nối lại…',
  unreachable: 'Không thể kết nối tới buổi phát',
  reasonNetwork: 'Hãy kiểm tra kết nối internet của bạn.',
  reasonServer: 'Máy chủ của buổi phát hiện không phản hồi.',
  reasonRefused: 'Máy chủ của buổi phát đã từ chối kết nối.',
  reasonSetup: 'Buổi phát này chưa được thiết lập đúng.',
  tryNow: 'Thử ngay',
} satisfies typeof en;
