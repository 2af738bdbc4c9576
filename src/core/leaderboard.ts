/**
 * The quiz leaderboard of the host console: right answers per viewer across the quizzes revealed
 * in this show. Pure: the answers come from the host's ledger, the correct options from the desk.
 */

/** Viewers by right answers, best first (ties by id, so the order is stable), at most `limit`. */
export function quizLeaderboard(
  revealed: Readonly<Record<string, number>>,
  answers: ReadonlyMap<string, ReadonlyMap<string, number>>,
  limit = 10,
): Array<[viewer: string, right: number]> {
  const points = new Map<string, number>();
  for (const [quizId, correct] of Object.entries(revealed)) {
    for (const [viewer, choice] of answers.get(quizId) ?? []) if (choice === correct) points.set(viewer, (points.get(viewer) ?? 0) + 1);
  }
  return [...points].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit);
}
