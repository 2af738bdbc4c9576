import { LingerVote } from './vote.js';
import { define } from '../../utilities/define.js';

export { LingerVote };
define('linger-vote', LingerVote);

declare global {
  interface HTMLElementTagNameMap {
    'linger-vote': LingerVote;
  }
}
