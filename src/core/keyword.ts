/**
 * Comment-keyword matching for keyword lotteries: a viewer who types the keyword in mixed case,
 * full-width, with emoji, variation selectors or zero-width characters around it still enters.
 *
 * `foldKeyword` = NFKC (full-width → ASCII, compatibility forms), then a case fold (lower → upper →
 * lower, so `ß` folds to `ss`), then emoji, skin tones, keycaps, flags, variation selectors, tag
 * characters and zero-width characters are removed, and whitespace collapses to one space.
 */
const STRIP =
  /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u20E3\uFE00-\uFE0F\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/gu;
const WORD = /[\p{L}\p{N}\p{M}]/u;

export function foldKeyword(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
  return folded.replace(STRIP, '').replace(/\s+/gu, ' ').trim();
}

/**
 * True when `text` contains `keyword` as a whole token after folding both: "WIN!!", "ｗｉｎ",
 * "🎉win🎉" and "I want to win" match `win`; "winner" and "twin" do not. An empty keyword never matches.
 */
export function matchesKeyword(text: string, keyword: string): boolean {
  const needle = foldKeyword(keyword);
  if (!needle) return false;
  const haystack = foldKeyword(text);
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const edgeOk = (ch: string | undefined, inner: string | undefined) =>
      ch === undefined || !WORD.test(ch) || (inner !== undefined && !WORD.test(inner));
    if (edgeOk(before, needle[0]) && edgeOk(after, needle[needle.length - 1])) return true;
    from = at + 1;
  }
}
