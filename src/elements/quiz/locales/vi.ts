import type { en } from '../quiz.strings.js';

export default {
  quiz: "Đố vui",
  timeLeft: "Thời gian còn lại",
  happenedLive: 'Chỉ nhận câu trả lời trong buổi phát trực tiếp.',
  chooseOne: "Chọn một đáp án. Đáp án khóa ngay khi bạn nhấn.",
  sending: "Đang gửi câu trả lời…",
  locked: "Đã khóa câu trả lời",
  lateRejected: "Quá muộn: chủ phòng không tính câu trả lời này",
  rejected: "Câu trả lời của bạn không được tính",
  closed: "Hết giờ. Sắp công bố đáp án…",
  right: "Chính xác!",
  wrong: "Chưa đúng.",
  noAnswer: "Bạn chưa trả lời câu này.",
  correctIs: (option: string) => `Đáp án đúng: ${option}`,
  correctMark: "đúng",
  yourMark: "câu trả lời của bạn",
  why: "Vì sao",
  share: (percent: string) => `${percent} câu trả lời`,
  score: (right: string, total: string) => `Điểm của bạn: ${right} / ${total}`,
  verified: "Đáp án khớp với mã băm công bố cùng câu hỏi",
  verifyFailed: "Đáp án không khớp với mã băm công bố cùng câu hỏi",
} satisfies typeof en;
