import { LingerPlayer } from './player.js';
import { define } from '../../utilities/define.js';

export { LingerPlayer };
define('linger-player', LingerPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'linger-player': LingerPlayer;
  }
}
