/**
 * A first run of the demo host console starts with the shop's products and a question bank on its
 * desk (the console keeps its desk in localStorage per channel; an existing desk is left alone).
 * Imported before the console is defined, so the console reads the seeded desk.
 */
import { loadDesk, saveDesk } from '../src/core/console-desk.js';
import { QUESTION_BANK, pinnableProducts } from './catalog.js';

export function seedDesk(channel: string): void {
  const desk = loadDesk(channel);
  let changed = false;
  if (desk.products.length === 0) {
    desk.products = pinnableProducts();
    changed = true;
  }
  if (!Array.isArray(desk.extra['bank']) || (desk.extra['bank'] as unknown[]).length === 0) {
    desk.extra = { ...desk.extra, bank: [...QUESTION_BANK] };
    changed = true;
  }
  if (changed) saveDesk(channel, desk);
}

seedDesk(document.querySelector('linger-room')?.getAttribute('channel') ?? 'spring-sale');
