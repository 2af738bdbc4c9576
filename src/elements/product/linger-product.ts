import { LingerProduct } from './product.js';
import { define } from '../../utilities/define.js';

export { LingerProduct };
define('linger-product', LingerProduct);

declare global {
  interface HTMLElementTagNameMap {
    'linger-product': LingerProduct;
  }
}
