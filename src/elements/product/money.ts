/**
 * A shop's money format (`shop.money_format` in Liquid: `Rs. {{amount}}`,
 * `{{amount_with_comma_separator}} €`, `<span class=money>${{amount}}</span>`), applied the way
 * Shopify's storefront applies it. The result is plain text: markup in the format is dropped and
 * entities are decoded, never parsed into the page.
 */

/** Thousands separator, decimal separator and decimals of each placeholder Shopify documents. */
const PLACEHOLDERS: Record<string, [thousands: string, decimal: string, precision: number]> = {
  amount: [',', '.', 2],
  amount_no_decimals: [',', '.', 0],
  amount_with_comma_separator: ['.', ',', 2],
  amount_no_decimals_with_comma_separator: ['.', ',', 0],
  amount_with_apostrophe_separator: ["'", '.', 2],
  amount_no_decimals_with_space_separator: [' ', ',', 0],
  amount_with_space_separator: [' ', ',', 2],
  amount_with_period_and_space_separator: [' ', '.', 2],
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/;

/** Entities money formats use (`&euro;{{amount}}`), beside numeric ones. */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤' };

/**
 * The format as text: tags removed, entities decoded. Done by hand, not with DOMParser, so it also
 * works on pages that enforce Trusted Types, and nothing in it is ever parsed as markup.
 */
function textOf(format: string): string {
  return format
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/** True when `format` has a placeholder Linger knows (else the caller falls back to `Intl`). */
export function isMoneyFormat(format: string | null | undefined): format is string {
  const name = format ? PLACEHOLDER.exec(format)?.[1] : undefined;
  return !!name && name in PLACEHOLDERS;
}

/** `formatMoney(4990, 'Rs. {{amount}}')` → "Rs. 49.90"; `cents` is in the currency's minor unit. */
export function formatMoney(cents: number, format: string): string {
  const text = textOf(format);
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const rule = PLACEHOLDERS[name];
    if (!rule) return whole;
    const [thousands, decimal, precision] = rule;
    const [integer = '0', fraction] = (Math.round(cents) / 100).toFixed(precision).split('.');
    const grouped = integer.replace(/(\d)(?=(\d{3})+(?!\d))/g, `$1${thousands}`);
    return fraction ? `${grouped}${decimal}${fraction}` : grouped;
  });
}
