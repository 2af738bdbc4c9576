import type { en } from '../quiz.strings.js';

export default {
  quiz: "クイズ",
  timeLeft: "残り時間",
  happenedLive: '回答受付はライブ配信中に行われました。',
  chooseOne: "答えを1つ選んでください。タップで確定します。",
  sending: "回答を送信中…",
  locked: "回答を確定しました",
  lateRejected: "時間切れ：この回答は集計されませんでした",
  rejected: "回答は集計されませんでした",
  closed: "時間切れ。まもなく正解発表…",
  right: "正解！",
  wrong: "残念、不正解。",
  noAnswer: "この問題には回答していません。",
  correctIs: (option: string) => `正解：${option}`,
  correctMark: "正解",
  yourMark: "あなたの回答",
  why: "解説",
  share: (percent: string) => `回答の${percent}`,
  score: (right: string, total: string) => `あなたのスコア：${right} / ${total}`,
  verified: "正解は出題時に公開されたハッシュと一致しています",
  verifyFailed: "正解が出題時に公開されたハッシュと一致しません",
} satisfies typeof en;
