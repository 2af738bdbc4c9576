/** The demo storefront: a product page with every viewer element, on one room. */
import '../src/elements/player/linger-player.js';
import '../src/elements/overlay/linger-overlay.js';
import '../src/elements/countdown/linger-countdown.js';
import '../src/elements/product/linger-product.js';
import '../src/elements/lottery/linger-lottery.js';
import '../src/elements/quiz/linger-quiz.js';
import { setUpRoom, follow, showStatus, useLanguageSwitcher } from './demo-room.js';
import type { LingerRoom } from '../src/elements/room/room.js';

const room = document.querySelector<LingerRoom>('#show')!;
useLanguageSwitcher(document.querySelector<HTMLSelectElement>('#language')!);
await setUpRoom(room, 'viewer');
follow(room, showStatus);

// Not a Shopify page: the product element asks the shop with a cancelable event.
document.addEventListener('linger-add-to-cart', (event) => {
  event.preventDefault();
  const toast = document.querySelector<HTMLElement>('#toast')!;
  toast.textContent = `Added to cart: ${(event as Event & { detail: { product: { title: string } } }).detail.product.title} (demo)`;
  toast.hidden = false;
});
