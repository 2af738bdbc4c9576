/** The question bank lives in src/core/quiz-bank.ts; this path stays for existing imports (demo/catalog.ts). */
export { parseBank, checkQuestion, type BankQuestion } from '../../core/quiz-bank.js';
