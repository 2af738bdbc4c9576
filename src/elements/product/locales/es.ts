import type { en } from '../product.strings.js';

export default {
  featured: "Destacado ahora",
  products: "Productos",
  addToCart: "Añadir al carrito",
  adding: "Añadiendo…",
  added: "Añadido a tu carrito",
  soldOut: "Agotado",
  inStock: (count: string) => `${count} en stock`,
  remaining: (count: string, form: Intl.LDMLPluralRule) => (form === 'one' ? `Solo queda ${count} a este precio` : `Solo quedan ${count} a este precio`),
  errorSoldOut: "Lo sentimos, este artículo está agotado.",
  errorNetwork: "No se pudo conectar con el carrito. Revisa tu conexión e inténtalo de nuevo.",
  errorCart: (message: string) => `No se pudo añadir al carrito: ${message}`,
  noCart: "Esta tienda no tiene un carrito conectado aquí.",
  view: (title: string) => `Ver ${title}`,
  share: "Compartir",
  linkCopied: "Enlace copiado",
} satisfies typeof en;
