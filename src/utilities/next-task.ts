/**
 * Resolves in a later task: load-time work split this way stays under the 50 ms a long task starts
 * at on a slow phone (issue 14, test/build/blocking.node.test.mjs).
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
