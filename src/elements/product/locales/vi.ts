import type { en } from '../product.strings.js';

export default {
  featured: "Đang giới thiệu",
  products: "Sản phẩm",
  addToCart: "Thêm vào giỏ",
  adding: "Đang thêm…",
  added: "Đã thêm vào giỏ hàng",
  soldOut: "Hết hàng",
  inStock: (count: string) => `Còn ${count} sản phẩm`,
  remaining: (count: string) => `Chỉ còn ${count} với giá này`,
  errorSoldOut: "Xin lỗi, sản phẩm này đã hết hàng.",
  errorNetwork: "Không kết nối được giỏ hàng. Kiểm tra mạng rồi thử lại.",
  errorCart: (message: string) => `Không thêm được vào giỏ: ${message}`,
  noCart: "Cửa hàng này chưa kết nối giỏ hàng ở đây.",
  view: (title: string) => `Xem ${title}`,
  share: "Chia sẻ",
  linkCopied: "Đã sao chép liên kết",
} satisfies typeof en;
