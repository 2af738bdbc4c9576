import { LingerRoom } from './room.js';
import { define } from '../../utilities/define.js';

export { LingerRoom };
define('linger-room', LingerRoom);

declare global {
  interface HTMLElementTagNameMap {
    'linger-room': LingerRoom;
  }
}
