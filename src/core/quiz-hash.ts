/**
 * The quiz's sealed answer: with the question the host publishes `answerHash = SHA-256(salt + ':' +
 * correct)` (salt: 16 random bytes as 32 hex characters, `correct`: the option index as a decimal
 * digit). The salt travels only with the reveal, so nobody can try the 2–4 options against the hash
 * before then; after it, every screen re-computes the hash and shows whether the host kept its word.
 */
import { sha256Hex, toHex } from './draw.js';

export function newSalt(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

export function answerHash(salt: string, correct: number): Promise<string> {
  return sha256Hex(`${salt}:${correct}`);
}

/** True when the revealed `salt` and `correct` produce the hash published with the question. */
export async function verifyAnswer(hash: string, salt: string, correct: number): Promise<boolean> {
  return (await answerHash(salt, correct)) === hash;
}
