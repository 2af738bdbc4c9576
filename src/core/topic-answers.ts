/**
 * The host's view of the answers to its topic (docs/topic.md): the chat lines that replied to it,
 * kept apart from the chat buffer (a busy room scrolls 200 lines away in a minute), with the host's
 * moderation applied when read, grouped per language into repeated words and repeated answers.
 * Words come from `Intl.Segmenter`, so Thai and Chinese, written without spaces, split into words.
 */
import type { Inbound } from './protocol.js';
import { chatAllowed, foldText, type ShowState } from './state.js';

/** Most answers kept per topic. */
const KEPT = 5000;

export interface TopicAnswer {
  id: string;
  from: string;
  name?: string;
  text: string;
  locale?: string;
  at: number;
}

export interface LanguageGroup {
  /** The answers' language (primary subtag, `und` when unknown). */
  lang: string;
  answers: number;
  /** Words said in at least two answers, most frequent first: [word, answers that said it]. */
  words: Array<[string, number]>;
  /** Whole answers given at least twice (folded): [answer, times]. */
  phrases: Array<[string, number]>;
}

// One letter of a script written without spaces between words is a word there (好, 猫, ね).
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let found = segmenters.get(lang);
  if (!found) {
    try {
      found = new Intl.Segmenter(lang === 'und' ? undefined : lang, { granularity: 'word' });
    } catch {
      found = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(lang, found);
  }
  return found;
}

/** The distinct folded words of one answer. */
export function wordsOf(text: string, lang = 'und'): Set<string> {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter(lang).segment(foldText(text))) {
    if (isWordLike && ([...segment].length > 1 || IDEOGRAPHIC.test(segment))) words.add(segment);
  }
  return words;
}

const primary = (locale: string | undefined) => (locale ? locale.split('-')[0]!.toLowerCase() : 'und') || 'und';

/** Groups answers per language: repeated words and repeated answers, `limit` of each. */
export function groupAnswers(answers: readonly TopicAnswer[], limit = 8): LanguageGroup[] {
  const byLang = new Map<string, TopicAnswer[]>();
  for (const answer of answers) {
    const lang = primary(answer.locale);
    const list = byLang.get(lang) ?? [];
    list.push(answer);
    byLang.set(lang, list);
  }
  const top = (counts: Map<string, number>): Array<[string, number]> =>
    [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  return [...byLang]
    .map(([lang, list]) => {
      const words = new Map<string, number>();
      const phrases = new Map<string, number>();
      for (const answer of list) {
        for (const word of wordsOf(answer.text, lang)) words.set(word, (words.get(word) ?? 0) + 1);
        const phrase = foldText(answer.text).replace(/\s+/g, ' ').trim();
        phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
      }
      return { lang, answers: list.length, words: top(words), phrases: top(phrases) };
    })
    .sort((a, b) => b.answers - a.answers || (a.lang < b.lang ? -1 : 1));
}

/** Collects the answers to each topic from the chat lines the host's screen applied. */
export class TopicAnswers {
  private readonly byTopic = new Map<string, TopicAnswer[]>();

  /** A chat line the host's screen applied (moderation already passed at that moment). */
  message(message: Inbound): void {
    if (message.type !== 'chat') return;
    const { text, name, locale, topic } = (message as Inbound<'chat'>).body;
    if (!topic) return;
    let list = this.byTopic.get(topic);
    if (!list) {
      list = [];
      this.byTopic.set(topic, list);
      if (this.byTopic.size > 20) this.byTopic.delete(this.byTopic.keys().next().value as string);
    }
    const answer: TopicAnswer = { id: message.id, from: message.sender, text, at: message.at };
    if (name) answer.name = name;
    if (locale) answer.locale = locale;
    list.push(answer);
    if (list.length > KEPT) list.shift();
  }

  /** The answers to `topic` the host's moderation still allows (not deleted, author not muted, no block word). */
  answers(topic: string, state: ShowState): TopicAnswer[] {
    const deleted = new Set(state.deletedIds);
    return (this.byTopic.get(topic) ?? []).filter((answer) => !deleted.has(answer.id) && chatAllowed(state, answer.from, answer.text));
  }
}
