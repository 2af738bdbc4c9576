import type { en } from '../product.strings.js';

export default {
  featured: "正在推荐",
  products: "商品",
  addToCart: "加入购物车",
  adding: "正在加入…",
  added: "已加入购物车",
  soldOut: "已售罄",
  inStock: (count: string) => `库存 ${count} 件`,
  remaining: (count: string) => `此价格仅剩 ${count} 件`,
  errorSoldOut: "抱歉，该商品已售罄。",
  errorNetwork: "无法连接购物车，请检查网络后重试。",
  errorCart: (message: string) => `无法加入购物车：${message}`,
  noCart: "此店铺在这里没有连接购物车。",
  view: (title: string) => `查看 ${title}`,
  share: "分享",
  linkCopied: "链接已复制",
} satisfies typeof en;
