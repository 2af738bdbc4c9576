import type { en } from '../product.strings.js';

export default {
  featured: "ただいま紹介中",
  products: "商品",
  addToCart: "カートに入れる",
  adding: "追加中…",
  added: "カートに追加しました",
  soldOut: "売り切れ",
  inStock: (count: string) => `在庫 ${count} 点`,
  remaining: (count: string) => `この価格で残り${count}点`,
  errorSoldOut: "申し訳ありません、この商品は売り切れです。",
  errorNetwork: "カートに接続できません。通信状況を確認して再度お試しください。",
  errorCart: (message: string) => `カートに追加できませんでした：${message}`,
  noCart: "このショップではここにカートが接続されていません。",
  view: (title: string) => `${title}を見る`,
  share: "共有",
  linkCopied: "リンクをコピーしました",
} satisfies typeof en;
