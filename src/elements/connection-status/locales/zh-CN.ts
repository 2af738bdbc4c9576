import type { en } from '../connection-status.strings.js';

export default {
  connecting: '正在连接直播…',
  retrying: (seconds: string) => `连接已断开，${seconds} 秒后重试`,
  reconnecting: '正在重新连接…',
  unreachable: '无法连接到直播',
  reasonNetwork: '请检查您的网络连接。',
  reasonServer: '直播服务器暂时没有响应。',
  reasonRefused: '直播服务器拒绝了连接。',
  reasonSetup: '这场直播尚未正确设置。',
  tryNow: '立即重试',
} satisfies typeof en;
