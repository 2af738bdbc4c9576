// The show's timeline record (docs/replay.md): the host console POSTs the whole timeline once at the
// end of the show, `{"record": "timeline", "timeline": {…}}`, to the room's webhook — the collector's
// `/events`. It is checked against the timeline's JSON Schema (collector/src/timeline.schema.json, a
// copy of docs/timeline.schema.json that test/collector/contract.node.test.mjs keeps equal) by the
// small interpreter below, plus the order of times a replay requires, then stored as one row.
import { readFileSync } from 'node:fs';

export const TIMELINE_SCHEMA = JSON.parse(readFileSync(new URL('./timeline.schema.json', import.meta.url), 'utf8'));

/**
 * Largest timeline record body: the replay refuses a timeline over 32 MiB (src/core/timeline.ts,
 * MAX_TIMELINE_CHARS), so a larger one is of no use; the record's wrapper gets 1 KiB more. A 3-hour
 * show with the sample's cap of 100,000 chat lines and 500 host messages is about 12 MB (docs/replay.md
 * § Benchmark); the schema's caps bound a document near 45 MB, which this refuses.
 */
export const MAX_TIMELINE_BYTES = 32 * 1024 * 1024 + 1024;

/** Does a body begin as a timeline record? Read before the rest, so an events body over 1 MB is refused at once. */
export const TIMELINE_RECORD_START = /^\s*\{\s*"record"\s*:\s*"timeline"/;

const KNOWN = new Set(['$schema', '$id', 'title', 'description', '$defs', 'type', 'required', 'properties', 'const', 'minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'items', '$ref', 'pattern']);

/**
 * A check function per schema node, built once. It returns null or the reason, with the path.
 * A keyword this does not implement throws here (at load), never passes silently.
 * @param {any} node
 * @param {any} root
 * @returns {(value: unknown, path: string) => string | null}
 */
function compile(node, root) {
  for (const key of Object.keys(node)) if (!KNOWN.has(key)) throw new Error(`timeline schema: keyword "${key}" is not implemented`);
  /** @type {Array<(value: any, path: string) => string | null>} */
  const checks = [];
  if (node.$ref) {
    const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1];
    const target = name && root.$defs?.[name];
    if (!target) throw new Error(`timeline schema: unknown $ref ${node.$ref}`);
    let compiled = /** @type {ReturnType<typeof compile> | null} */ (null);
    checks.push((value, path) => (compiled ??= compile(target, root))(value, path));
  }
  if ('const' in node) checks.push((value, path) => (value === node.const ? null : `${path} must be ${JSON.stringify(node.const)}`));
  const type = node.type;
  if (type) {
    const ok = {
      object: (/** @type {any} */ v) => v !== null && typeof v === 'object' && !Array.isArray(v),
      array: Array.isArray,
      string: (/** @type {any} */ v) => typeof v === 'string',
      number: (/** @type {any} */ v) => typeof v === 'number' && Number.isFinite(v),
      integer: (/** @type {any} */ v) => Number.isSafeInteger(v),
    }[/** @type {'object'} */ (type)];
    if (!ok) throw new Error(`timeline schema: type "${type}" is not implemented`);
    checks.push((value, path) => (ok(value) ? null : `${path} must be ${type === 'array' || type === 'object' || type === 'integer' ? 'an' : 'a'} ${type}`));
  }
  if (node.minLength !== undefined) checks.push((v, path) => (typeof v === 'string' && v.length < node.minLength ? `${path} is shorter than ${node.minLength}` : null));
  if (node.maxLength !== undefined) checks.push((v, path) => (typeof v === 'string' && v.length > node.maxLength ? `${path} is longer than ${node.maxLength} characters` : null));
  if (node.pattern !== undefined) {
    const pattern = new RegExp(node.pattern, 'u');
    checks.push((v, path) => (typeof v === 'string' && !pattern.test(v) ? `${path} does not match ${node.pattern}` : null));
  }
  if (node.minimum !== undefined) checks.push((v, path) => (typeof v === 'number' && v < node.minimum ? `${path} is below ${node.minimum}` : null));
  if (node.maximum !== undefined) checks.push((v, path) => (typeof v === 'number' && v > node.maximum ? `${path} is above ${node.maximum}` : null));
  if (node.maxItems !== undefined) checks.push((v, path) => (Array.isArray(v) && v.length > node.maxItems ? `${path} has more than ${node.maxItems} items` : null));
  if (node.required) {
    const required = /** @type {string[]} */ (node.required);
    checks.push((v, path) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
      for (const name of required) if (!Object.hasOwn(v, name)) return `${path} is missing "${name}"`;
      return null;
    });
  }
  if (node.properties) {
    const properties = Object.entries(/** @type {Record<string, any>} */ (node.properties)).map(([name, spec]) => /** @type {const} */ ([name, compile(spec, root)]));
    checks.push((v, path) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
      for (const [name, check] of properties) {
        if (!Object.hasOwn(v, name)) continue;
        const problem = check(v[name], `${path}.${name}`);
        if (problem) return problem;
      }
      return null;
    });
  }
  if (node.items) {
    const item = compile(node.items, root);
    checks.push((v, path) => {
      if (!Array.isArray(v)) return null;
      for (let i = 0; i < v.length; i++) {
        const problem = item(v[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return null;
    });
  }
  return (value, path) => {
    for (const check of checks) {
      const problem = check(value, path);
      if (problem) return problem;
    }
    return null;
  };
}

const checkSchema = compile(TIMELINE_SCHEMA, TIMELINE_SCHEMA);
/** A host message type name (the schema leaves it open; docs/protocol.md names them). */
const MESSAGE_TYPE = /^[a-z][\w.]{0,63}$/;

/**
 * Checks a timeline document: the schema, message type names, and times that never go backwards
 * (a replay refuses those too, src/core/timeline.ts). Returns null when valid, else the reason.
 * @param {unknown} timeline
 * @returns {string | null}
 */
export function checkTimeline(timeline) {
  const problem = checkSchema(timeline, 'timeline');
  if (problem) return problem;
  const doc = /** @type {{ events: Array<{t: number, type: string}>, chat: Array<{t: number}> }} */ (timeline);
  for (let i = 0; i < doc.events.length; i++) {
    const event = /** @type {{t: number, type: string}} */ (doc.events[i]);
    if (!MESSAGE_TYPE.test(event.type)) return `timeline.events[${i}].type is not a message type`;
    if (i > 0 && event.t < /** @type {{t: number}} */ (doc.events[i - 1]).t) return `timeline.events[${i}].t goes back in time`;
  }
  for (let i = 1; i < doc.chat.length; i++) {
    if (/** @type {{t: number}} */ (doc.chat[i]).t < /** @type {{t: number}} */ (doc.chat[i - 1]).t) return `timeline.chat[${i}].t goes back in time`;
  }
  return null;
}
