import { LingerStudio } from './studio.js';
import { define } from '../../utilities/define.js';

export { LingerStudio };
define('linger-studio', LingerStudio);

declare global {
  interface HTMLElementTagNameMap {
    'linger-studio': LingerStudio;
  }
}
