/**
 * The quiz. Host: asks with only a salted hash of the correct option on the wire, keeps the salt
 * and answer secret until the reveal, and reveals with the explanation and each option's share.
 * Every screen: scores its own locked answer and checks the revealed answer against the hash.
 */
import { clip } from './primitives.js';
import { randomId, type Envelope, type Inbound } from './protocol.js';
import { answerHash, newSalt, verifyAnswer } from './quiz-hash.js';
import type { SessionCore } from './session-core.js';

export interface AskQuizOptions {
  id?: string;
  question: string;
  options: string[];
  correct: number;
  seconds: number;
}

export class QuizFlow {
  constructor(private readonly core: SessionCore) {
    core.onApplied((message) => {
      if (message.type === 'quiz.reveal') this.revealed(message as Inbound<'quiz.reveal'>);
    });
  }

  async ask(options: AskQuizOptions): Promise<Envelope<'quiz.ask'>> {
    if (!Number.isInteger(options.correct) || options.correct < 0 || options.correct >= options.options.length) {
      throw new TypeError('[linger] askQuiz: `correct` must be the index of one of the options.');
    }
    const { core } = this;
    const salt = newSalt();
    const envelope = core.act('quiz.ask', {
      id: options.id ?? `quiz-${randomId(8)}`,
      question: options.question,
      options: options.options,
      closesAt: Math.round(core.clock.now() + options.seconds * 1000),
      answerHash: await answerHash(salt, options.correct),
    });
    core.secrets.set(envelope.body.id, { salt, correct: options.correct });
    return envelope;
  }

  reveal(explanation = ''): Envelope<'quiz.reveal'> {
    const { core } = this;
    const quiz = core.state.quiz;
    const secret = quiz ? core.secrets.get(quiz.id) : undefined;
    if (!quiz || quiz.status !== 'open' || secret?.salt === undefined || secret.correct === undefined) {
      throw new Error('[linger] No open quiz asked by this host session to reveal.');
    }
    return core.act('quiz.reveal', {
      id: quiz.id,
      correct: secret.correct,
      salt: secret.salt,
      explanation: clip(explanation, 500),
      shares: core.ledger.shares(quiz.id, quiz.options.length),
    });
  }

  private revealed({ body }: Inbound<'quiz.reveal'>): void {
    const { core } = this;
    core.viewerDid({ type: 'revealed', quiz: body.id, correct: body.correct });
    const quiz = core.state.quiz;
    if (quiz?.id !== body.id) return;
    void verifyAnswer(quiz.answerHash, body.salt, body.correct).then((ok) => core.viewerDid({ type: 'quiz-checked', quiz: body.id, ok }));
  }
}
