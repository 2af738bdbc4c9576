/**
 * Resolves in a task of its own, soon: what lets a piece of load-time work (an element's first
 * render, the room's connect after its session code arrived) run apart from the task before it, so
 * no task at load is long (issue 14, test/build/blocking.node.test.mjs). A MessageChannel message,
 * not `setTimeout`: neither clamped to 4 ms nor throttled in a background tab.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
