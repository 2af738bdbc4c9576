import type { en } from '../quiz.strings.js';

export default {
  quiz: "问答",
  timeLeft: "剩余时间",
  happenedLive: '答题仅在直播期间开放。',
  chooseOne: "选择一个答案，点击后即锁定。",
  sending: "正在提交答案…",
  locked: "答案已锁定",
  lateRejected: "太迟了：主播未计入此答案",
  rejected: "你的答案未被计入",
  closed: "时间到，答案即将揭晓…",
  right: "答对了！",
  wrong: "答错了。",
  noAnswer: "你没有回答这一题。",
  correctIs: (option: string) => `正确答案：${option}`,
  correctMark: "正确",
  yourMark: "你的答案",
  why: "原因",
  share: (percent: string) => `${percent} 的回答`,
  score: (right: string, total: string) => `你的得分：${right} / ${total}`,
  verified: "答案与出题时公布的哈希一致",
  verifyFailed: "答案与出题时公布的哈希不一致",
} satisfies typeof en;
