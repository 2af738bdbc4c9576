import { expect, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { LocalizeController, SUPPORTED_LOCALES, directionOf, resolveLocale, type Translation } from '../../src/i18n/localize.js';
import { roomIdChanged as roomsChanged } from '../../src/core/registry.js';

const en = { hello: 'Hello', left: (n: number) => `${n} left` };
const translation: Translation<typeof en> = {
  name: 'test-probe',
  en,
  loaders: {
    'zh-CN': async () => ({ default: { hello: '你好', left: (n: number) => `剩 ${n} 件` } }),
    id: async () => ({ default: { hello: 'Halo', left: (n: number) => `sisa ${n}` } }),
    th: async () => ({ default: { hello: 'สวัสดี', left: (n: number) => `เหลือ ${n}` } }),
    vi: async () => ({ default: { hello: 'Xin chào', left: (n: number) => `còn ${n}` } }),
    ms: async () => ({ default: { hello: 'Helo', left: (n: number) => `tinggal ${n}` } }),
    ar: async () => ({ default: { hello: 'مرحبا', left: (n: number) => `تبقى ${n}` } }),
    es: async () => ({ default: { hello: 'Hola', left: (n: number) => `quedan ${n}` } }),
    'pt-BR': async () => ({ default: { hello: 'Olá', left: (n: number) => `restam ${n}` } }),
    ja: async () => ({ default: { hello: 'こんにちは', left: (n: number) => `残り${n}` } }),
  },
};

class LocalizedProbe extends LitElement {
  readonly l10n = new LocalizeController(this, translation);
  protected override render() {
    return html`<p dir=${this.l10n.dir} lang=${this.l10n.lang}>${this.l10n.term('hello')} · ${this.l10n.term('left', 3)}</p>`;
  }
}
customElements.define('linger-localized-probe', LocalizedProbe);

describe('localize', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
    document.documentElement.removeAttribute('dir');
  });

  it('resolves full → base → English', () => {
    expect(resolveLocale('pt-BR'), 'full').to.equal('pt-BR');
    expect(resolveLocale('pt-PT'), 'base maps to our Portuguese').to.equal('pt-BR');
    expect(resolveLocale('zh-Hans-CN'), 'Chinese base').to.equal('zh-CN');
    expect(resolveLocale('ar-EG'), 'Arabic base').to.equal('ar');
    expect(resolveLocale('ms_MY'), 'underscore form').to.equal('ms');
    expect(resolveLocale('fr-FR'), 'unsupported → English').to.equal('en');
    expect(resolveLocale(''), 'empty → English').to.equal('en');
    expect(directionOf('ar'), 'Arabic is RTL').to.equal('rtl');
    expect(directionOf('ja'), 'Japanese is LTR').to.equal('ltr');
  });

  it('formats small whole numbers and plurals without Intl exactly as Intl would, in every language', async () => {
    const probe = document.createElement('linger-localized-probe') as LocalizedProbe;
    document.body.append(probe);
    try {
      for (const locale of SUPPORTED_LOCALES) {
        probe.setAttribute('locale', locale);
        probe.l10n.update();
        expect(probe.l10n.locale).to.equal(locale);
        for (const n of [0, 1, 2, 7, 11, 21, 59, 100, 999, 1000, 1234, 1.5, -1]) {
          expect(probe.l10n.number(n), `${locale} number(${n})`).to.equal(new Intl.NumberFormat(locale).format(n));
          expect(probe.l10n.number(n, { minimumIntegerDigits: 2, useGrouping: false }), `${locale} two digits ${n}`).to.equal(new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }).format(n));
          expect(probe.l10n.number(n, { notation: 'compact' }), `${locale} compact ${n}`).to.equal(new Intl.NumberFormat(locale, { notation: 'compact' }).format(n));
          expect(probe.l10n.number(n, { style: 'percent' }), `${locale} percent ${n}`).to.equal(new Intl.NumberFormat(locale, { style: 'percent' }).format(n));
          expect(probe.l10n.plural(n), `${locale} plural(${n})`).to.equal(new Intl.PluralRules(locale).select(n));
        }
        const rules = new Intl.PluralRules(locale);
        for (let n = 0; n < 1000; n++) if (probe.l10n.plural(n) !== rules.select(n)) expect(probe.l10n.plural(n), `${locale} plural(${n})`).to.equal(rules.select(n));
      }
    } finally {
      probe.remove();
    }
  });

  it('follows <html lang> and switches direction for Arabic', async () => {
    const probe = document.createElement('linger-localized-probe') as LocalizedProbe;
    document.body.append(probe);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent, 'English').to.contain('Hello · 3 left');
    document.documentElement.lang = 'ar';
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('مرحبا'), 'Arabic loaded');
    expect(probe.shadowRoot!.querySelector('p')!.getAttribute('dir'), 'RTL').to.equal('rtl');
    probe.setAttribute('locale', 'ja');
    probe.l10n.update();
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('こんにちは'), 'own locale attribute wins');
    probe.remove();
  });

  it('follows a room that appears after the element, and a room whose locale changes', async () => {
    document.documentElement.lang = 'en';
    const probe = new RoomProbe();
    document.body.append(probe);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent, 'English before any room').to.contain('Hello');
    const room = document.createElement('div');
    room.setAttribute('locale', 'ar');
    probe.room = room;
    document.body.append(room);
    // What the registry says when a <linger-room> connects.
    roomsChanged();
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('مرحبا'), 'the late room’s Arabic');
    room.setAttribute('locale', 'es');
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('Hola'), 'the room’s new locale');
    probe.remove();
    room.remove();
  });
});

/** A probe whose room is whatever the test says, as elements resolve theirs through the registry. */
class RoomProbe extends LitElement {
  room: Element | null = null;
  readonly l10n = new LocalizeController(this, translation, () => this.room);
  protected override render() {
    return html`<p>${this.l10n.term('hello')}</p>`;
  }
}
customElements.define('linger-localized-room-probe', RoomProbe);

