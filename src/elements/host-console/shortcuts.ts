/** The console's keyboard: which key does what (the element applies it). */

export type Shortcut = { tab: number } | { action: 'undo' | 'next' | 'announce' };

/**
 * Alt+1…9 open a tab, by key position (`code`): Option+1 on a Mac types "¡", and other layouts put
 * other characters on the digit row; without a code (some virtual keyboards), the typed digit
 * counts. Z, N and A undo, queue the next step and write an announcement — not while typing.
 */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? (!event.code && /^[1-9]$/.test(event.key) ? event.key : undefined);
  if (event.altKey && digit) return { tab: Number(digit) - 1 };
  const target = event.composedPath()[0] as HTMLElement | undefined;
  const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return null;
  const action = ({ z: 'undo', n: 'next', a: 'announce' } as const)[event.key.toLowerCase() as 'z' | 'n' | 'a'];
  return action ? { action } : null;
}

/** Arrow keys move between tabs (WAI-ARIA tabs pattern), mirrored right-to-left: +1, −1 or 0. */
export function arrowStep(key: string, dir: 'ltr' | 'rtl'): 1 | -1 | 0 {
  const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
  return key === forward ? 1 : key === back ? -1 : 0;
}
