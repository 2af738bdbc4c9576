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
  'vote_cast.choice': [0, 5],
  'topic_answer.length': [0, 100_000],
  'timeline.option': [0, 5],
  'timeline.votes': [0, 100_000_000],
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
  'vote_cast.vote': 'ref',
  'vote_cast.choice': 'num',
  'topic_answer.topic': 'ref',
  'topic_answer.length': 'num',
  'tier_verified.tier': 'ref',
  'timeline.kind': 'kind',
  'timeline.ref': 'ref',
  'timeline.label': 'label',
  'timeline.option': 'num',
  // A vote option's count: `seconds` is the table's one float column, read as a count only for `vote_result` marks.
  'timeline.votes': 'seconds',
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
 * @typedef {{ name: string, type: string, values: Set<unknown> | null, minLength: number, maxLength: number, range: number[] | null, column: string | undefined }} FieldCheck
 */

/** The envelope's fields, compiled once from the schema. @type {FieldCheck[]} */
const ENVELOPE = Object.entries(/** @type {Record<string, any>} */ (CONTRACT.schema.properties)).map(([name, spec]) => ({
  name,
  type: spec.type ?? '',
  values: spec.enum ? new Set(spec.enum) : null,
  minLength: spec.minLength ?? 0,
  maxLength: spec.maxLength ?? MAX_STRING,
  range: null,
  column: undefined,
}));
const REQUIRED = /** @type {string[]} */ (CONTRACT.schema.required);

/** Each type's props, compiled once. @type {Map<string, { required: string[], fields: FieldCheck[] }>} */
const PROPS = new Map(
  [...PROP_SPECS].map(([type, spec]) => [
    type,
    {
      required: spec.required,
      fields: Object.entries(/** @type {Record<string, any>} */ (spec.properties)).map(([name, prop]) => ({
        name,
        type: prop.type,
        values: prop.enum ? new Set(prop.enum) : null,
        minLength: 0,
        maxLength: MAX_STRING,
        range: RANGES[/** @type {keyof typeof RANGES} */ (`${type}.${name}`)] ?? null,
        column: PROP_COLUMNS[`${type}.${name}`],
      })),
    },
  ]),
);

/**
 * Checks one event. Returns null when valid, else the reason.
 * @param {unknown} event
 * @param {{ now: number, maxFutureMs: number }} limits
 * @returns {string | null}
 */
export function checkEvent(event, { now, maxFutureMs }) {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return 'not an object';
  const e = /** @type {Record<string, unknown>} */ (event);
  for (const name of REQUIRED) if (!Object.hasOwn(e, name)) return `missing "${name}"`;
  for (const field of ENVELOPE) {
    const value = e[field.name];
    if (value === undefined && !REQUIRED.includes(field.name)) continue; // an optional field (`replay`)
    if (field.values && !field.values.has(value)) return `"${field.name}" must be one of the known values`;
    if (field.type && !typeOk(field.type, value)) return `"${field.name}" must be ${field.type === 'object' ? 'an object' : `a ${field.type}`}`;
    if (typeof value === 'string') {
      if (value.length < field.minLength) return `"${field.name}" is too short`;
      if (value.length > field.maxLength) return `"${field.name}" is longer than ${field.maxLength} characters`;
    }
  }
  if (/** @type {number} */ (e.at) > now + maxFutureMs) return '"at" is in the future';
  if (/** @type {number} */ (e.at) < 0) return '"at" is before 1970';
  const type = /** @type {string} */ (e.type);
  const spec = /** @type {{ required: string[], fields: FieldCheck[] }} */ (PROPS.get(type));
  const props = /** @type {Record<string, unknown>} */ (e.props);
  for (const name of spec.required) if (!Object.hasOwn(props, name)) return `${type}: missing props.${name}`;
  for (const field of spec.fields) {
    if (!Object.hasOwn(props, field.name) || props[field.name] === undefined) continue;
    const value = props[field.name];
    if (!typeOk(field.type, value)) return `${type}: props.${field.name} must be a${field.type === 'integer' ? 'n' : ''} ${field.type}`;
    if (field.values && !field.values.has(value)) return `${type}: props.${field.name} must be one of the known values`;
    if (typeof value === 'string' && value.length > MAX_STRING) return `${type}: props.${field.name} is longer than ${MAX_STRING} characters`;
    const range = field.range;
    if (range && (/** @type {number} */ (value) < /** @type {number} */ (range[0]) || /** @type {number} */ (value) > /** @type {number} */ (range[1]))) {
      return `${type}: props.${field.name} must be from ${range[0]} to ${range[1]}`;
    }
  }
  return null;
}

/**
 * The table row of a valid event (columns of `events`, collector/src/sql.mjs).
 * @param {any} e
 */
export function eventRow(e) {
  // A replay's events count for the replay's show, whatever show id they carry (docs/metrics.md 13).
  const show = e.replay === true && !e.show.endsWith(':replay') ? `${e.show}:replay` : e.show;
  const row = { id: e.id, show, type: e.type, at: e.at, viewer: e.viewerId, session: e.sessionId, locale: e.locale, seconds: 0, ref: '', num: 0, kind: '', label: '' };
  const props = e.props;
  for (const field of /** @type {{ fields: FieldCheck[] }} */ (PROPS.get(e.type)).fields) {
    const value = props[field.name];
    if (field.column && value !== undefined && Object.hasOwn(props, field.name)) /** @type {any} */ (row)[field.column] = value;
  }
  return row;
}

/** The props schema of each type (for tests and docs). */
export function propSpecs() {
  return PROP_SPECS;
}
