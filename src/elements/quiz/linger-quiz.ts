import { LingerQuiz } from './quiz.js';
import { define } from '../../utilities/define.js';

export { LingerQuiz };
define('linger-quiz', LingerQuiz);

declare global {
  interface HTMLElementTagNameMap {
    'linger-quiz': LingerQuiz;
  }
}
