import type { en } from '../product.strings.js';

export default {
  featured: "Em destaque agora",
  products: "Produtos",
  addToCart: "Adicionar ao carrinho",
  adding: "Adicionando…",
  added: "Adicionado ao carrinho",
  soldOut: "Esgotado",
  inStock: (count: string) => `${count} em estoque`,
  remaining: (count: string, form: Intl.LDMLPluralRule) => (form === 'one' ? `Só resta ${count} por este preço` : `Só restam ${count} por este preço`),
  errorSoldOut: "Desculpe, este item está esgotado.",
  errorNetwork: "Não foi possível acessar o carrinho. Verifique sua conexão e tente de novo.",
  errorCart: (message: string) => `Não foi possível adicionar ao carrinho: ${message}`,
  noCart: "Esta loja não tem um carrinho conectado aqui.",
  view: (title: string) => `Ver ${title}`,
  share: "Compartilhar",
  linkCopied: "Link copiado",
} satisfies typeof en;
