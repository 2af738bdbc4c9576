// Validation of incoming events against the event table's JSON Schema (collector/src/event-contract.json,
// generated from src/events/types.ts — one definition), plus the collector's own limits, and the
// mapping of an event onto the table's columns. No chat text is ever stored: `chat` keeps its
// message id and length (the only props the schema has), and props outside the schema are ignored.
import { readFileSync } from 'node:fs';

/** @typedef {{ schema: any, interactionTypes: string[], timelineKinds: string[] }} Contract */

/** @type {Contract} */
export const CONTRACT = JSON.parse(readFileSync(new URL('./event-contract.json', import.meta.url), 'utf8'));
export const INTERACTION_TYPES = CONTRACT.interactionTypes;
export const TIMELINE_KINDS = CONTRACT.timelineKinds;

/** Longest string the collector stores in any field (ids have their own cap in the schema: 128). */
export const MAX_STRING = 200;

/** Per-type numeric ranges the docs state (docs/events.md) and the schema leaves open. */
const RANGES = {
  'heartbeat.seconds': [0, 60],
  'session_end.seconds': [0, 7 * 86_400],
  'chat.length': [0, 100_000],
  'like.count': [0, 100_000],
  'quiz_answer.choice': [0, 255],
  'add_to_cart.quantity': [0, 100_000],
};

/** Props of each type, from the schema's `allOf` (`if type = X then props …`). */
const PROP_SPECS = new Map(
  CONTRACT.schema.allOf.map((/** @type {any} */ variant) => [variant.if.properties.type.const, variant.then.properties.props]),
);
export const EVENT_TYPES = [...CONTRACT.schema.properties.type.enum];

/**
 * Where each prop is stored. Every prop of every type must have a column (a test checks it), so a
 * prop added to EVENT_PROPS cannot be silently dropped.
 * @type {Record<string, 'ref' | 'num' | 'seconds' | 'kind' | 'label'>}
 */
export const PROP_COLUMNS = {
  'heartbeat.seconds': 'seconds',
  'session_end.seconds': 'seconds',
  'chat.message': 'ref',
  'chat.length': 'num',
  'like.count': 'num',
  'lottery_enter.lottery': 'ref',
  'lottery_win.lottery': 'ref',
  'quiz_answer.quiz': 'ref',
  'quiz_answer.choice': 'num',
  'perk_claim.perk': 'ref',
  'product_view.product': 'ref',
  'product_click.product': 'ref',
  'add_to_cart.product': 'ref',
  'add_to_cart.quantity': 'num',
  'share.target': 'ref',
  'remind_me.perk': 'ref',
  'timeline.kind': 'kind',
  'timeline.ref': 'ref',
  'timeline.label': 'label',
};

const typeOk = (/** @type {string} */ kind, /** @type {unknown} */ value) =>
  kind === 'string'
    ? typeof value === 'string'
    : kind === 'number'
      ? typeof value === 'number' && Number.isFinite(value)
      : kind === 'integer'
        ? Number.isSafeInteger(value)
        : kind === 'boolean'
          ? typeof value === 'boolean'
          : kind === 'object'
            ? value !== null && typeof value === 'object' && !Array.isArray(value)
            : false;

/**
 * Checks one event. Returns null when valid, else the reason.
 * @param {unknown} event
 * @param {{ now: number, maxFutureMs: number }} limits
 * @returns {string | null}
 */
export function checkEvent(event, { now, maxFutureMs }) {
  const schema = CONTRACT.schema;
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return 'not an object';
  const e = /** @type {Record<string, unknown>} */ (event);
  for (const name of schema.required) if (!Object.hasOwn(e, name)) return `missing "${name}"`;
  for (const [name, spec] of Object.entries(/** @type {Record<string, any>} */ (schema.properties))) {
    const value = e[name];
    if (spec.enum && !spec.enum.includes(value)) return `"${name}" must be one of the known values`;
    if (spec.type && !typeOk(spec.type, value)) return `"${name}" must be ${spec.type === 'object' ? 'an object' : `a ${spec.type}`}`;
    if (typeof value === 'string') {
      if (spec.minLength !== undefined && value.length < spec.minLength) return `"${name}" is too short`;
      if (value.length > (spec.maxLength ?? MAX_STRING)) return `"${name}" is longer than ${spec.maxLength ?? MAX_STRING} characters`;
    }
  }
  if (/** @type {number} */ (e.at) > now + maxFutureMs) return '"at" is in the future';
  if (/** @type {number} */ (e.at) < 0) return '"at" is before 1970';
  const type = /** @type {string} */ (e.type);
  const propsSpec = PROP_SPECS.get(type);
  const props = /** @type {Record<string, unknown>} */ (e.props);
  for (const name of propsSpec.required) if (!Object.hasOwn(props, name)) return `${type}: missing props.${name}`;
  for (const [name, spec] of Object.entries(/** @type {Record<string, any>} */ (propsSpec.properties))) {
    if (!Object.hasOwn(props, name) || props[name] === undefined) continue;
    const value = props[name];
    if (!typeOk(spec.type, value)) return `${type}: props.${name} must be a${spec.type === 'integer' ? 'n' : ''} ${spec.type}`;
    if (spec.enum && !spec.enum.includes(value)) return `${type}: props.${name} must be one of the known values`;
    if (typeof value === 'string' && value.length > MAX_STRING) return `${type}: props.${name} is longer than ${MAX_STRING} characters`;
    const range = RANGES[/** @type {keyof typeof RANGES} */ (`${type}.${name}`)];
    if (range && (/** @type {number} */ (value) < range[0] || /** @type {number} */ (value) > range[1])) return `${type}: props.${name} must be from ${range[0]} to ${range[1]}`;
  }
  return null;
}

/**
 * The table row of a valid event (columns of `events`, collector/src/sql.mjs).
 * @param {any} e
 */
export function eventRow(e) {
  const row = { id: e.id, show: e.show, type: e.type, at: e.at, viewer: e.viewerId, session: e.sessionId, locale: e.locale, seconds: 0, ref: '', num: 0, kind: '', label: '' };
  for (const [name, value] of Object.entries(e.props)) {
    const column = PROP_COLUMNS[`${e.type}.${name}`];
    if (column && value !== undefined) /** @type {any} */ (row)[column] = value;
  }
  return row;
}

/** The props schema of each type (for tests and docs). */
export function propSpecs() {
  return PROP_SPECS;
}
