/**
 * The demo shop's one product and its colours — what the storefront shows and what the host
 * console's desk starts with (products to pin, a question bank), so a first run needs no typing.
 */
import type { Product } from '../src/core/protocol.js';
import type { BankQuestion } from '../src/core/quiz-bank.js';

export const CURRENCY = 'USD';

export interface Variant {
  id: string;
  name: string;
  price: number;
  image: string;
}

export const PRODUCT = {
  id: 'scarf',
  title: 'Hand-rolled silk scarf',
  price: 49,
  compareAt: 69,
};

export const VARIANTS: readonly Variant[] = [
  { id: 'scarf-indigo', name: 'Indigo', price: 49, image: 'images/scarf-indigo.svg' },
  { id: 'scarf-saffron', name: 'Saffron', price: 49, image: 'images/scarf-saffron.svg' },
  { id: 'scarf-jade', name: 'Jade', price: 54, image: 'images/scarf-jade.svg' },
];

/** Product images must be absolute http(s) URLs on the wire (protocol schema). */
function absolute(path: string): string {
  return new URL(`/demo/${path}`, location.origin).href;
}

/** What the host pins: one entry per colour, priced in the shop's currency. */
export function pinnableProducts(): Product[] {
  return VARIANTS.map((variant) => ({
    id: variant.id,
    title: `${PRODUCT.title} — ${variant.name}`,
    price: variant.price.toFixed(2),
    currency: CURRENCY,
    image: absolute(variant.image),
    url: absolute('index.html'),
    variantId: variant.id,
  }));
}

export const QUESTION_BANK: readonly BankQuestion[] = [
  {
    question: 'Which silk is the finest for a scarf?',
    options: ['Mulberry', 'Tussah', 'Eri', 'Polyester satin'],
    correct: 0,
    explanation: 'Mulberry silk comes from silkworms fed only on mulberry leaves: the longest, most even fibre.',
    seconds: 30,
  },
  {
    question: 'How is a hand-rolled edge finished?',
    options: ['Glued', 'Rolled and stitched by hand', 'Overlocked by machine'],
    correct: 1,
    explanation: 'The edge is rolled over a finger and slip-stitched: about an hour for a 90 cm scarf.',
    seconds: 30,
  },
  {
    question: 'How should you wash a silk scarf?',
    options: ['Hot machine wash', 'Cool hand wash, dry flat', 'Tumble dry'],
    correct: 1,
    explanation: 'Cool water and a mild soap keep the sheen; heat breaks the fibre.',
    seconds: 30,
  },
];
