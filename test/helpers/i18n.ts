/** Checks every element's translations the same way: complete files, no raw keys on screen. */
import { expect } from '@open-wc/testing';
import { SUPPORTED_LOCALES, type Strings, type Translation } from '../../src/i18n/localize.js';

/** Every language file defines exactly the English keys, with the same kind of value. */
export async function expectCompleteTranslation<T extends Strings>(translation: Translation<T>): Promise<void> {
  const keys = Object.keys(translation.en).sort();
  for (const locale of SUPPORTED_LOCALES) {
    if (locale === 'en') continue;
    const strings = (await translation.loaders[locale]()).default as Strings;
    expect(Object.keys(strings).sort(), `${translation.name}/${locale} has every key and no extra`).to.deep.equal(keys);
    for (const key of keys) {
      expect(typeof strings[key], `${translation.name}/${locale}.${key} is a ${typeof translation.en[key]}`).to.equal(typeof translation.en[key]);
      if (typeof strings[key] === 'string') expect((strings[key] as string).trim(), `${translation.name}/${locale}.${key} not empty`).to.not.equal('');
    }
  }
}

/** The element's rendered text (shadow and light) shows no translation key verbatim. */
export function expectNoRawKeys(element: Element, translation: Translation<Strings>): void {
  const text = `${element.shadowRoot?.textContent ?? ''} ${element.textContent ?? ''}`;
  const labels = [...(element.shadowRoot?.querySelectorAll('[aria-label],[title],[placeholder]') ?? [])]
    .map((node) => ['aria-label', 'title', 'placeholder'].map((name) => node.getAttribute(name) ?? '').join(' '))
    .join(' ');
  // A key that is also an ordinary word of the English text ("next", "peak") proves nothing.
  const englishWords = Object.values(translation.en)
    .map((value) => {
      if (typeof value !== 'function') return value;
      try {
        return String(value('x', 1, 'y'));
      } catch {
        return '';
      }
    })
    .join(' ');
  for (const key of Object.keys(translation.en)) {
    if (key.length < 4 || new RegExp(`\\b${key}\\b`, 'i').test(englishWords)) continue;
    expect(new RegExp(`\\b${key}\\b`).test(`${text} ${labels}`), `raw key "${key}" is not on screen`).to.equal(false);
  }
}

/**
 * An element rendered right-to-left on a 360 px phone: its `base` part runs RTL and fits, no raw
 * key is on screen, and axe finds nothing.
 */
export async function expectRtlPhoneLayout(element: Element, translation: Translation<Strings>): Promise<void> {
  const base = element.shadowRoot!.querySelector('[part~="base"]');
  expect(base, 'the element has a base part').to.not.equal(null);
  expect(getComputedStyle(base!).direction, 'right-to-left').to.equal('rtl');
  expect(base!.getBoundingClientRect().width, 'fits a 360 px phone').to.be.at.most(360);
  expectNoRawKeys(element, translation);
  await expect(element).to.be.accessible();
}
