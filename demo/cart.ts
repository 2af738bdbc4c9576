/**
 * The demo shop's cart: a few lines kept in localStorage and a drawer (`<dialog>`). Built with DOM
 * calls, never HTML strings — the page runs under Trusted Types.
 */
import { CURRENCY } from './catalog.js';

export interface CartLine {
  id: string;
  title: string;
  price: number;
  quantity: number;
  image?: string;
}

const STORAGE_KEY = 'linger-demo:cart';
const MAX_QUANTITY = 99;

/** Prices in the page's language: `$49.00`, `٤٩٫٠٠ US$`. */
export function money(amount: number): string {
  return new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: CURRENCY }).format(amount);
}

export class DemoCart {
  private lines: CartLine[] = readLines();
  private readonly listeners = new Set<() => void>();

  get items(): readonly CartLine[] {
    return this.lines;
  }
  get count(): number {
    return this.lines.reduce((sum, line) => sum + line.quantity, 0);
  }
  get subtotal(): number {
    return this.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  }

  add(line: CartLine): void {
    const existing = this.lines.find((item) => item.id === line.id);
    if (existing) existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + line.quantity);
    else this.lines.push({ ...line, quantity: Math.min(MAX_QUANTITY, line.quantity) });
    this.changed();
  }

  remove(id: string): void {
    this.lines = this.lines.filter((line) => line.id !== id);
    this.changed();
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.lines));
    } catch {
      // Storage blocked: the cart lives as long as the page.
    }
    for (const listener of this.listeners) listener();
  }
}

function readLines(): CartLine[] {
  try {
    const lines = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(lines) ? lines.filter((line: CartLine) => typeof line?.id === 'string' && Number.isFinite(line.price) && line.quantity > 0) : [];
  } catch {
    return [];
  }
}

/** The header's count and the drawer's lines follow the cart. */
export function showCart(cart: DemoCart): void {
  const drawer = document.querySelector<HTMLDialogElement>('#cart')!;
  const render = () => {
    document.querySelector('#cart-count')!.textContent = String(cart.count);
    document.querySelector<HTMLElement>('#cart-empty')!.hidden = cart.count > 0;
    document.querySelector('#cart-subtotal')!.textContent = money(cart.subtotal);
    document.querySelector('#cart-lines')!.replaceChildren(...cart.items.map((line) => cartLine(line, () => cart.remove(line.id))));
  };
  cart.onChange(render);
  render();
  document.querySelector('#cart-open')!.addEventListener('click', () => {
    render();
    drawer.showModal();
  });
  document.querySelector('#cart-close')!.addEventListener('click', () => drawer.close());
  // A click on the backdrop (the dialog box itself, outside its content) closes the drawer.
  drawer.addEventListener('click', (event) => event.target === drawer && drawer.close());
}

function cartLine(line: CartLine, remove: () => void): HTMLLIElement {
  const item = document.createElement('li');
  if (line.image) item.append(Object.assign(document.createElement('img'), { src: line.image, alt: '', width: 56, height: 56 }));
  const text = document.createElement('div');
  text.append(
    Object.assign(document.createElement('p'), { className: 'line-title', textContent: line.title }),
    Object.assign(document.createElement('p'), { className: 'muted', textContent: `${line.quantity} × ${money(line.price)}` }),
  );
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: 'Remove' });
  button.addEventListener('click', remove);
  item.append(text, button);
  return item;
}
