import type { en } from '../product.strings.js';

export default {
  featured: "Sedang ditampilkan",
  products: "Produk",
  addToCart: "Tambah ke keranjang",
  adding: "Menambahkan…",
  added: "Ditambahkan ke keranjang",
  soldOut: "Habis",
  inStock: (count: string) => `Stok ${count}`,
  remaining: (count: string) => `Tinggal ${count} dengan harga ini`,
  errorSoldOut: "Maaf, produk ini habis.",
  errorNetwork: "Tidak bisa menghubungi keranjang. Periksa koneksi lalu coba lagi.",
  errorCart: (message: string) => `Gagal menambah ke keranjang: ${message}`,
  noCart: "Toko ini tidak punya keranjang yang terhubung di sini.",
  view: (title: string) => `Lihat ${title}`,
  share: "Bagikan",
  linkCopied: "Tautan disalin",
} satisfies typeof en;
