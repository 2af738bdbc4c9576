/**
 * The product gallery and buy box: thumbnails switch the stage between the live show and photos;
 * the colour picker shows that colour and its price; the quantity stepper stays within its bounds.
 */
import { PRODUCT, VARIANTS, type Variant } from './catalog.js';
import { money } from './cart.js';

/** Thumbnails: "Live" shows the player, a photo hides it (the show keeps playing underneath). */
export function useGallery(): { showPhoto: (src: string) => void } {
  const live = document.querySelector<HTMLElement>('#view-live')!;
  const photo = document.querySelector<HTMLImageElement>('#view-photo')!;
  const thumbs = [...document.querySelectorAll<HTMLButtonElement>('.thumbs button')];
  const select = (pressed: HTMLButtonElement | undefined) => {
    for (const thumb of thumbs) thumb.setAttribute('aria-pressed', String(thumb === pressed));
  };
  const showPhoto = (src: string) => {
    photo.src = src;
    photo.alt = thumbs.find((thumb) => thumb.dataset.photo === src)?.querySelector('img')?.alt ?? '';
    photo.hidden = false;
    live.hidden = true;
    select(thumbs.find((thumb) => thumb.dataset.photo === src));
  };
  for (const thumb of thumbs) {
    thumb.addEventListener('click', () => {
      if (thumb.dataset.photo) return showPhoto(thumb.dataset.photo);
      photo.hidden = true;
      live.hidden = false;
      select(thumb);
    });
  }
  return { showPhoto };
}

/** The chosen colour, read from the form. */
export function chosenVariant(form: HTMLFormElement): Variant {
  const id = new FormData(form).get('variant');
  return VARIANTS.find((variant) => variant.id === id) ?? VARIANTS[0]!;
}

/** Colour picker and quantity stepper; `onAdd` gets the colour and quantity on submit. */
export function useBuyForm(showPhoto: (src: string) => void, onAdd: (variant: Variant, quantity: number) => void): () => void {
  const form = document.querySelector<HTMLFormElement>('#buy-form')!;
  const quantity = form.querySelector<HTMLInputElement>('#quantity')!;
  const renderPrice = () => {
    const variant = chosenVariant(form);
    document.querySelector('#variant-name')!.textContent = variant.name;
    document.querySelector('#price')!.textContent = money(variant.price);
    document.querySelector('#compare-at')!.textContent = money(PRODUCT.compareAt);
  };
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name !== 'variant') return;
    renderPrice();
    showPhoto(chosenVariant(form).image);
  });
  for (const button of form.querySelectorAll<HTMLButtonElement>('[data-step]')) {
    button.addEventListener('click', () => {
      quantity.value = String(clampQuantity(Number(quantity.value) + Number(button.dataset.step)));
    });
  }
  quantity.addEventListener('change', () => (quantity.value = String(clampQuantity(Number(quantity.value)))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onAdd(chosenVariant(form), clampQuantity(Number(quantity.value)));
  });
  renderPrice();
  return renderPrice;
}

function clampQuantity(value: number): number {
  return Number.isFinite(value) ? Math.min(10, Math.max(1, Math.round(value))) : 1;
}
