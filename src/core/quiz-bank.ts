/**
 * The host's question bank: JSON the operator writes, imports and exports. Every question is
 * checked against the `quiz.ask` limits before it can be asked, with a message saying what is wrong.
 */
export interface BankQuestion {
  question: string;
  options: string[];
  /** Index of the correct option. */
  correct: number;
  explanation: string;
  /** Seconds the question stays open. */
  seconds: number;
}

/** Parses a JSON array of questions; throws a TypeError naming the first problem. */
export function parseBank(raw: string): BankQuestion[] {
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new TypeError('not JSON');
  }
  if (!Array.isArray(list)) throw new TypeError('expected a JSON array of questions');
  if (list.length > 200) throw new TypeError('at most 200 questions');
  return list.map((item: unknown, index) => checkQuestion(item, `question ${index + 1}`));
}

/** Checks one question (an imported item or the console's form); throws a TypeError naming the problem. */
export function checkQuestion(item: unknown, where = 'question'): BankQuestion {
  if (typeof item !== 'object' || item === null) throw new TypeError(`${where}: not an object`);
  const { question, options, correct, explanation = '', seconds = 30 } = item as Record<string, unknown>;
  if (typeof question !== 'string' || !question.trim() || question.length > 300) throw new TypeError(`${where}: "question" must be 1–300 characters`);
  if (!Array.isArray(options) || options.length < 2 || options.length > 4) throw new TypeError(`${where}: "options" must list 2–4 answers`);
  if (options.some((option) => typeof option !== 'string' || !option.trim() || option.length > 120)) {
    throw new TypeError(`${where}: every option must be 1–120 characters`);
  }
  if (!Number.isInteger(correct) || (correct as number) < 0 || (correct as number) >= options.length) {
    throw new TypeError(`${where}: "correct" must be the index of one of the options (0–${options.length - 1})`);
  }
  if (typeof explanation !== 'string' || explanation.length > 500) throw new TypeError(`${where}: "explanation" is at most 500 characters`);
  const time = Number(seconds);
  if (!Number.isFinite(time) || time < 5 || time > 600) throw new TypeError(`${where}: "seconds" must be 5–600`);
  return { question: question.trim(), options: options.map((option) => String(option).trim()), correct: correct as number, explanation, seconds: Math.round(time) };
}
