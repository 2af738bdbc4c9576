// The worker thread of collector/src/prepare.mjs: bodies in, prepared batches out (ParsePool in
// server.mjs). JSON parsing, the checks and the rows' text are most of the HTTP thread's work per
// event; here they run on another core.
import { parentPort } from 'node:worker_threads';
import { prepareBody } from './prepare.mjs';

parentPort?.on('message', (/** @type {{ id: number, bytes: Uint8Array, limits: import('./prepare.mjs').Limits }} */ message) => {
  let result;
  try {
    result = prepareBody(message.bytes, message.limits);
  } catch (error) {
    result = { ok: false, status: 500, error: String(error) };
  }
  parentPort?.postMessage({ id: message.id, result });
});
