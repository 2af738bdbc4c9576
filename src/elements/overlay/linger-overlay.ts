import { LingerOverlay } from './overlay.js';
import { define } from '../../utilities/define.js';

export { LingerOverlay };
define('linger-overlay', LingerOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'linger-overlay': LingerOverlay;
  }
}
