/**
 * Localization for every element (after Shoelace's `localize.ts`): typed translation objects, one
 * file per language per element, full → base → English fallback, reacting to `<html lang dir>`.
 * Only the active language's strings are loaded (each language is a dynamic `import()`), and
 * numbers, prices, times and plurals go through `Intl`.
 */
import { onRoomsChanged } from '../core/registry.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The languages every viewer- and host-facing string exists in. */
export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'id', 'th', 'vi', 'ms', 'ar', 'es', 'pt-BR', 'ja'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);
/** Base-language aliases for the full tags we ship. */
const BASE_TO_LOCALE: Record<string, Locale> = { zh: 'zh-CN', pt: 'pt-BR' };

/** A string, or a function of arguments that returns one (plurals, names, counts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each term declares its own arguments
export type Term = string | ((...args: any[]) => string);
export type Strings = Record<string, Term>;
export type Loader<T extends Strings> = () => Promise<{ default: T }>;
/** One loader per language but English; generated per element by scripts/locale-loaders.mjs. */
export type Loaders<T extends Strings> = Record<Exclude<Locale, 'en'>, Loader<T>>;

/** An element's strings: English in the bundle, every other language loaded on demand. */
export interface Translation<T extends Strings> {
  /** Unique per element, e.g. `room`, `overlay`. */
  name: string;
  en: T;
  /** One loader per language (`locales/loaders.ts`); each file must define every key (a test checks). */
  loaders: Loaders<T>;
}

/** Picks the shipped locale for a requested tag: full match, then base language, then English. */
export function resolveLocale(requested: string | null | undefined): Locale {
  if (!requested) return 'en';
  const tag = requested.trim().replace('_', '-');
  const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const base = tag.split('-')[0]!.toLowerCase();
  if (BASE_TO_LOCALE[base]) return BASE_TO_LOCALE[base]!;
  return SUPPORTED_LOCALES.find((locale) => locale === base) ?? 'en';
}

export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

const loaded = new Map<string, Strings>();
const loading = new Map<string, Promise<Strings>>();

async function load<T extends Strings>(translation: Translation<T>, locale: Locale): Promise<T> {
  if (locale === 'en') return translation.en;
  const key = `${translation.name}:${locale}`;
  const cached = loaded.get(key);
  if (cached) return cached as T;
  let pending = loading.get(key);
  if (!pending) {
    pending = translation.loaders[locale]().then((module) => {
      loaded.set(key, module.default);
      return module.default;
    });
    loading.set(key, pending);
  }
  return (await pending) as T;
}

// One observer for the page: `<html lang dir>` changes re-localize every connected element.
const documentListeners = new Set<() => void>();
let documentObserver: MutationObserver | null = null;
function watchDocument(listener: () => void): () => void {
  documentListeners.add(listener);
  if (!documentObserver && typeof MutationObserver === 'function') {
    documentObserver = new MutationObserver(() => documentListeners.forEach((notify) => notify()));
    // `lang`/`dir` anywhere (a theme's section) and a room's `locale` all change what elements show.
    documentObserver.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir', 'locale'] });
  }
  return () => documentListeners.delete(listener);
}

type Host = ReactiveControllerHost & HTMLElement;

// Building an Intl.NumberFormat costs far more than using one, and elements format numbers on every
// render: one formatter per locale and options, for the page's life (a handful in practice).
const formatters = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** A non-empty string property of an element (`locale`), or ''. */
function propertyOf(element: Element, name: string): string {
  const value = (element as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
// The first Intl formatter a page builds loads the engine's locale data: ~45 ms of one task on a
// mid-range phone (issue 14, test/build/blocking.node.test.mjs). What elements draw at load — 0 likes,
// a mm:ss — needs none of it: a whole number below 1000 (no grouping, nothing to compact) without a
// `style`, in a language written with Latin digits (every shipped one but Arabic), reads as
// String(n), padded.

/**
 * CLDR's plural category of a whole number below 1000 in the shipped languages, as
 * `Intl.PluralRules` gives it (test/i18n/localize.test.ts compares all of them), without building
 * one at load (see above); null for a language it does not know.
 */
function smallIntegerPlural(locale: Locale, n: number): Intl.LDMLPluralRule | null {
  switch (locale) {
    case 'en':
    case 'es':
      return n === 1 ? 'one' : 'other';
    case 'pt-BR':
      return n <= 1 ? 'one' : 'other';
    case 'id':
    case 'ms':
    case 'th':
    case 'vi':
    case 'ja':
    case 'zh-CN':
      return 'other';
    case 'ar': {
      const tens = n % 100;
      return n === 0 ? 'zero' : n === 1 ? 'one' : n === 2 ? 'two' : tens >= 3 && tens <= 10 ? 'few' : tens >= 11 ? 'many' : 'other';
    }
    default:
      return null;
  }
}

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new Intl.NumberFormat(locale, options)));
  return cached;
}

/**
 * Gives an element `term()`, `lang`, `dir` and `Intl` helpers. The language comes from the
 * element's `locale` attribute, else its room's `locale`, else the closest `lang`, else `<html lang>`.
 */
export class LocalizeController<T extends Strings> implements ReactiveController {
  locale: Locale = 'en';
  private strings: T;
  private stopWatching: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly translation: Translation<T>,
    /** The element's room, when it has one (its `locale` attribute applies to all its elements). */
    private readonly roomOf: () => Element | null = () => null,
  ) {
    this.strings = translation.en;
    host.addController(this);
  }

  /** The language tag to render with (`lang` attribute of the element's shadow content). */
  get lang(): string {
    return this.locale;
  }

  get dir(): 'ltr' | 'rtl' {
    const explicit = this.host.closest('[dir]')?.getAttribute('dir') ?? document.documentElement.dir;
    if (explicit === 'rtl' || explicit === 'ltr') return explicit;
    return directionOf(this.locale);
  }

  hostConnected(): void {
    const stopDocument = watchDocument(() => this.update());
    // A room added after this element (the autoloader, Shopify's embed at the end of <body>) may set the language.
    const stopRooms = onRoomsChanged(() => this.update());
    this.stopWatching = () => {
      stopDocument();
      stopRooms();
    };
    this.update();
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Re-reads the language (call when the element's `locale` attribute or room changes). */
  update(): void {
    const wanted = resolveLocale(this.requestedTag());
    const changed = wanted !== this.locale;
    this.locale = wanted;
    if (wanted === 'en') this.strings = this.translation.en;
    this.host.requestUpdate(); // the direction may have changed even when the language did not
    if (wanted === 'en' || (!changed && this.strings !== this.translation.en)) return;
    load(this.translation, wanted)
      .then((strings) => {
        if (this.locale !== wanted) return;
        this.strings = strings;
        this.host.requestUpdate();
      })
      .catch((error: unknown) => {
        // A missing language file must not blank the element: English stays.
        console.warn(`[linger] could not load ${wanted} strings for ${this.translation.name}`, error);
      });
  }

  /** The localized string for `key` (English while another language loads or lacks the key). */
  term<K extends keyof T>(key: K, ...args: T[K] extends (...a: infer A) => string ? A : []): string {
    const value = (this.strings[key] ?? this.translation.en[key]) as Term;
    return typeof value === 'function' ? value(...args) : value;
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return value >= 0 && value < 1000 && value % 1 === 0 && !options.style && this.locale !== 'ar'
      ? String(value).padStart(options.minimumIntegerDigits!, '0')
      : formatter(this.locale, options).format(value);
  }

  /**
   * The page's own language tag for money (`fr`, `zh-TW`), even where no strings ship in it: a
   * French page shows "49,90 €" with English words around it, and zh-TW is not zh-CN.
   */
  get priceLocale(): string {
    const tag = this.requestedTag()?.trim().replace(/_/g, '-');
    if (!tag) return this.locale;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? this.locale;
    } catch {
      return this.locale; // not a language tag
    }
  }

  /** A price in the page's language: `price(19.9, 'USD')`. */
  price(value: number, currency: string): string {
    return formatter(this.priceLocale, { style: 'currency', currency }).format(value);
  }

  time(value: number | Date, options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }): string {
    return new Intl.DateTimeFormat(this.locale, options).format(value);
  }

  /** `mm:ss` (or `h:mm:ss`) with the locale's digits. */
  duration(seconds: number): string {
    const whole = Math.max(0, Math.floor(seconds));
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = whole % 60;
    const two = (n: number) => this.number(n, { minimumIntegerDigits: 2, useGrouping: false });
    return h > 0 ? `${this.number(h)}:${two(m)}:${two(s)}` : `${this.number(m, { useGrouping: false })}:${two(s)}`;
  }

  /** The plural category of `count` in this language (`one`, `few`, `many`, `other`…). */
  plural(count: number): Intl.LDMLPluralRule {
    const quick = count >= 0 && count < 1000 && count % 1 === 0 ? smallIntegerPlural(this.locale, count) : null;
    if (quick) return quick;
    let rules = pluralRules.get(this.locale);
    if (!rules) pluralRules.set(this.locale, (rules = new Intl.PluralRules(this.locale)));
    return rules.select(count);
  }

  private requestedTag(): string | null {
    // Properties first: lit reflects them to attributes only after willUpdate, where elements re-read.
    const own = propertyOf(this.host, 'locale') || this.host.getAttribute('locale');
    if (own) return own;
    const room = this.roomOf();
    const roomLocale = (room && propertyOf(room, 'locale')) || room?.getAttribute('locale');
    if (roomLocale) return roomLocale;
    let node: Node | null = this.host;
    while (node) {
      if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang');
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return document.documentElement.lang || navigator.language;
  }
}
