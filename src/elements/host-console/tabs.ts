/** The console's tab list, and the confirmation dialog it opens over the tabs. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { Strings } from './panel-context.js';

export type Tab = 'rhythm' | 'lottery' | 'quiz' | 'products' | 'chat' | 'figures' | 'vote' | 'stage' | 'studio';
export const TABS: readonly Tab[] = ['rhythm', 'lottery', 'quiz', 'products', 'chat', 'figures', 'vote', 'stage', 'studio'];
const TAB_LABELS = { rhythm: 'tabRhythm', lottery: 'tabLottery', quiz: 'tabQuiz', products: 'tabProducts', chat: 'tabChat', figures: 'tabFigures', vote: 'tabVote', stage: 'tabStage', studio: 'tabStudio' } as const;

export function renderTabs(
  localize: LocalizeController<Strings>,
  current: Tab,
  select: (tab: Tab) => void,
  move: (event: KeyboardEvent, index: number) => void,
): TemplateResult {
  return html`<div role="tablist" part="tabs" aria-label=${localize.term('title')}>
    ${TABS.map(
      (tab, index) => html`<button
        part="tab"
        role="tab"
        id=${`tab-${tab}`}
        aria-controls=${`panel-${tab}`}
        aria-selected=${String(current === tab)}
        tabindex=${current === tab ? 0 : -1}
        @click=${() => select(tab)}
        @keydown=${(event: KeyboardEvent) => move(event, index)}
      >
        ${localize.term(TAB_LABELS[tab])}
      </button>`,
    )}
  </div>`;
}

export function renderDialog(localize: LocalizeController<Strings>, text: string | null, close: (confirmed: boolean) => void): TemplateResult | typeof nothing {
  if (text === null) return nothing;
  return html`<dialog part="dialog" aria-labelledby="confirm-text" @cancel=${() => close(false)}>
    <p id="confirm-text">${text}</p>
    <div class="row">
      <button part="button danger" class="danger" @click=${() => close(true)}>${localize.term('confirm')}</button>
      <button part="button secondary" class="secondary" @click=${() => close(false)}>${localize.term('cancel')}</button>
    </div>
  </dialog>`;
}
