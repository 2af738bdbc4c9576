import { LingerHostConsole } from './host-console.js';
import { define } from '../../utilities/define.js';

export { LingerHostConsole };
define('linger-host-console', LingerHostConsole);

declare global {
  interface HTMLElementTagNameMap {
    'linger-host-console': LingerHostConsole;
  }
}
