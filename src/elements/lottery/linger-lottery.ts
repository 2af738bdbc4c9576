import { LingerLottery } from './lottery.js';
import { define } from '../../utilities/define.js';

export { LingerLottery };
define('linger-lottery', LingerLottery);

declare global {
  interface HTMLElementTagNameMap {
    'linger-lottery': LingerLottery;
  }
}
