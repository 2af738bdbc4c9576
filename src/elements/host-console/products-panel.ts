/** The Products tab: import from JSON or the shop, pin with a first-N count, mark sold out. */
import { html, nothing, type TemplateResult } from 'lit';
import { clampNumber } from '../../core/console-forms.js';
import type { Product } from '../../core/protocol.js';
import { textOf, type PanelContext } from './panel-context.js';

/** The first-N count typed beside a product, or `null` when none is. */
function remainingFor(event: Event, product: Product): number | null {
  const value = textOf(event, `#remaining-${CSS.escape(product.id)}`);
  return value ? clampNumber(value, 0, 1_000_000, 0) : null;
}

export function renderProducts({ localize, state, desk, drafts, actions }: PanelContext): TemplateResult {
  const { pinned } = state;
  return html`
    <label part="field">${localize.term('importProducts')}
      <textarea part="textarea" id="products-json" spellcheck="false" .value=${drafts.value('products')} @input=${drafts.keep('products')}></textarea>
    </label>
    <div class="row">
      <button part="button secondary" class="secondary" @click=${(event: Event) => actions.importProducts(textOf(event, '#products-json'))}>
        ${localize.term('importJson')}
      </button>
      <label part="field">${localize.term('shopifyHandle')}<input part="input" id="shop-handle" .value=${drafts.value('shop')} @input=${drafts.keep('shop')} /></label>
      <button part="button secondary" class="secondary" @click=${(event: Event) => actions.loadShopProduct(textOf(event, '#shop-handle'))}>
        ${localize.term('loadFromShop')}
      </button>
    </div>
    <ul part="steps" class="products">
      ${desk.desk.products.map((product) => {
        const isPinned = pinned?.product.id === product.id;
        return html`<li part="step" ?data-pinned=${isPinned}>
          <span class="name">${product.title}${product.price ? html` · ${product.price}` : nothing}</span>
          <label part="field">${localize.term('firstN')}
            <input part="input" type="number" min="0" max="1000000" .value=${String(isPinned ? (pinned?.remaining ?? '') : '')} id=${`remaining-${product.id}`} />
          </label>
          <label part="field" class="row">
            <input part="checkbox" type="checkbox" .checked=${Boolean(product.soldOut)}
              @change=${(event: Event) => actions.toggleSoldOut(product, (event.target as HTMLInputElement).checked)} />${localize.term('soldOut')}
          </label>
          ${isPinned ? html`<button part="button secondary" class="secondary" @click=${() => actions.pin(null)}>${localize.term('unpin')}</button>` : nothing}
          <button part="button" @click=${(event: Event) => actions.pin(product, remainingFor(event, product))}>${isPinned ? localize.term('apply') : localize.term('pin')}</button>
        </li>`;
      })}
    </ul>
  `;
}
