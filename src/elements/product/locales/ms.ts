import type { en } from '../product.strings.js';

export default {
  featured: "Sedang ditampilkan",
  products: "Produk",
  addToCart: "Tambah ke troli",
  adding: "Menambah…",
  added: "Ditambah ke troli",
  soldOut: "Habis dijual",
  inStock: (count: string) => `${count} dalam stok`,
  remaining: (count: string) => `Hanya tinggal ${count} pada harga ini`,
  errorSoldOut: "Maaf, item ini sudah habis dijual.",
  errorNetwork: "Tidak dapat menghubungi troli. Semak sambungan dan cuba lagi.",
  errorCart: (message: string) => `Tidak dapat menambah ke troli: ${message}`,
  noCart: "Kedai ini tiada troli yang disambungkan di sini.",
  view: (title: string) => `Lihat ${title}`,
  share: "Kongsi",
  linkCopied: "Pautan disalin",
} satisfies typeof en;
