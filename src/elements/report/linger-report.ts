import { LingerReport } from './report.js';
import { define } from '../../utilities/define.js';

export { LingerReport };
define('linger-report', LingerReport);

declare global {
  interface HTMLElementTagNameMap {
    'linger-report': LingerReport;
  }
}
