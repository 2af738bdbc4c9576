import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

export const en = {
  featured: 'Featured now',
  products: 'Products',
  addToCart: 'Add to cart',
  adding: 'Adding…',
  added: 'Added to your cart',
  soldOut: 'Sold out',
  inStock: (count: string) => `${count} in stock`,
  remaining: (count: string, _form: Intl.LDMLPluralRule) => `Only ${count} left at this price`,
  errorSoldOut: 'Sorry, this item is sold out.',
  errorNetwork: 'Could not reach the cart. Check your connection and try again.',
  errorCart: (message: string) => `Could not add to cart: ${message}`,
  noCart: 'This shop has no cart connected here.',
  view: (title: string) => `View ${title}`,
  share: 'Share',
  linkCopied: 'Link copied',
  quantity: 'Quantity',
  decrease: 'Decrease quantity',
  increase: 'Increase quantity',
  purchaseOptions: 'Purchase options',
  oneTime: 'One-time purchase',
  unavailable: 'Unavailable',
};

export const translation: Translation<typeof en> = {
  name: 'product',
  en,
  loaders,
};
