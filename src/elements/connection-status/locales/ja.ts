import type { en } from '../connection-status.strings.js';

export default {
  connecting: 'ライブに接続しています…',
  retrying: (seconds: string) => `接続が切れました。${seconds} 秒後に再試行します`,
  reconnecting: '再接続しています…',
  unreachable: 'ライブに接続できません',
  reasonNetwork: 'インターネット接続を確認してください。',
  reasonServer: 'ライブのサーバーが現在応答していません。',
  reasonRefused: 'ライブのサーバーが接続を拒否しました。',
  reasonSetup: 'このライブはまだ正しく設定されていません。',
  tryNow: '今すぐ再試行',
} satisfies typeof en;
