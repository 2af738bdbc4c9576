import type { en } from '../quiz.strings.js';

export default {
  quiz: "Trivia",
  timeLeft: "Tiempo restante",
  happenedLive: 'Las respuestas se recibieron durante el directo.',
  chooseOne: "Elige una respuesta. Se bloquea al tocarla.",
  sending: "Enviando tu respuesta…",
  locked: "Respuesta bloqueada",
  lateRejected: "Demasiado tarde: el anfitrión no contó esta respuesta",
  rejected: "Tu respuesta no se contó",
  closed: "Se acabó el tiempo. Ya viene la respuesta…",
  right: "¡Correcto!",
  wrong: "No exactamente.",
  noAnswer: "No respondiste a esta.",
  correctIs: (option: string) => `Respuesta correcta: ${option}`,
  correctMark: "correcta",
  yourMark: "tu respuesta",
  why: "Por qué",
  share: (percent: string) => `${percent} de las respuestas`,
  score: (right: string, total: string) => `Tu puntuación: ${right} / ${total}`,
  verified: "La respuesta coincide con el hash publicado con la pregunta",
  verifyFailed: "La respuesta no coincide con el hash publicado con la pregunta",
} satisfies typeof en;
