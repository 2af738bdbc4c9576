/**
 * One dynamic import shared by every caller, forgotten when it fails so that a later call tries
 * again (a flaky mobile network may serve the chunk next time).
 */
export function sharedImport<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
