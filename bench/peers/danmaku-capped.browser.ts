/** bench/peers: the `danmaku` package with at most Linger's number of comments in flight (see ./danmaku-page.ts). */
import { runDanmaku } from './danmaku-page.js';
import { LINGER_CAP } from './flood.js';

export default function run() {
  return runDanmaku(LINGER_CAP);
}
