/** The demo storefront: a product page with every viewer element, on the page's one room. */
import '../src/elements/player/linger-player.js';
import '../src/elements/overlay/linger-overlay.js';
import '../src/elements/countdown/linger-countdown.js';
import '../src/elements/product/linger-product.js';
import '../src/elements/lottery/linger-lottery.js';
import '../src/elements/quiz/linger-quiz.js';
import { setUpRoom, follow, hideIdleElements, showStatus, useLanguageSwitcher } from './demo-room.js';
import { DemoCart, showCart } from './cart.js';
import { useBuyForm, useGallery } from './gallery.js';
import { PRODUCT } from './catalog.js';
import { useAudienceSwitch } from './audience-switch.js';
import type { LingerRoom } from '../src/elements/room/room.js';

const room = document.querySelector<LingerRoom>('#show')!;
const cart = new DemoCart();
const { showPhoto } = useGallery();
const renderPrices = useBuyForm(showPhoto, (variant, quantity) => {
  cart.add({ id: variant.id, title: `${PRODUCT.title} — ${variant.name}`, price: variant.price, quantity, image: variant.image });
  toast(`Added to cart: ${variant.name} × ${quantity}`);
});
showCart(cart);
useLanguageSwitcher(document.querySelector<HTMLSelectElement>('#language')!, renderPrices);
useAudienceSwitch(room, document.querySelector<HTMLInputElement>('#audience')!, document.querySelector<HTMLElement>('#audience-count')!);
await setUpRoom(room, 'viewer');
const player = document.querySelector('linger-player')!;
const clip = player.getAttribute('src') ?? '';
follow(room, (session) => {
  showStatus(session);
  // The host's studio on air (docs/studio.md): its camera replaces the clip, which comes back at End.
  const onAir = session?.state.show.phase === 'live' && !!session.state.show.onAir;
  if (onAir && player.hasAttribute('src')) player.removeAttribute('src');
  else if (!onAir && !player.hasAttribute('src')) player.setAttribute('src', clip);
  // "On the live show" says what it is for until the show has something on.
  document.querySelector<HTMLElement>('#live-idle')!.hidden = hideIdleElements(session, document.querySelector('#live')!);
});

// Not a Shopify page: the pinned product asks the shop to add it, and the shop's own cart does.
document.addEventListener('linger-add-to-cart', (event) => {
  event.preventDefault();
  const { product, quantity } = event.detail;
  cart.add({ id: product.id, title: product.title, price: Number(product.price) || 0, quantity, ...(product.image ? { image: product.image } : {}) });
  event.detail.waitUntil(Promise.resolve());
  toast(`Added to cart: ${product.title}`);
});

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string): void {
  const node = document.querySelector<HTMLElement>('#toast')!;
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (node.hidden = true), 4000);
}
