/** bench/peers: the `danmaku` package drawing every comment of the flood (see ./danmaku-page.ts). */
import { runDanmaku } from './danmaku-page.js';

export default function run() {
  return runDanmaku();
}
