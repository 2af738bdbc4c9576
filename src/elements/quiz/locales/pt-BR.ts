import type { en } from '../quiz.strings.js';

export default {
  quiz: "Quiz",
  timeLeft: "Tempo restante",
  happenedLive: 'As respostas foram aceitas durante a transmissão ao vivo.',
  chooseOne: "Escolha uma resposta. Ela trava quando você toca.",
  sending: "Enviando sua resposta…",
  locked: "Resposta travada",
  lateRejected: "Tarde demais: o apresentador não contou esta resposta",
  rejected: "Sua resposta não foi contada",
  closed: "Tempo esgotado. A resposta vem aí…",
  right: "Certo!",
  wrong: "Não foi dessa vez.",
  noAnswer: "Você não respondeu esta.",
  correctIs: (option: string) => `Resposta certa: ${option}`,
  correctMark: "certa",
  yourMark: "sua resposta",
  why: "Por quê",
  share: (percent: string) => `${percent} das respostas`,
  score: (right: string, total: string) => `Sua pontuação: ${right} / ${total}`,
  verified: "A resposta confere com o hash publicado com a pergunta",
  verifyFailed: "A resposta não confere com o hash publicado com a pergunta",
} satisfies typeof en;
