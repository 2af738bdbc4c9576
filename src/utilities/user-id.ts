/**
 * Viewer ids, one format everywhere: `v-` + 16 url-safe characters — what the reference token
 * endpoint issues (docs/tokens.md) and what a page makes for itself without one. A page's id is
 * random per page load, never stored (no storage write before consent), never personal; the events
 * layer may persist one after consent.
 */
import { randomId } from '../core/primitives.js';

/** The one viewer id format. Host ids never match it. */
export const VIEWER_ID_PATTERN = /^v-[A-Za-z0-9_-]{16}$/;

/** A fresh random viewer id. */
export function newViewerId(): string {
  return `v-${randomId(16)}`;
}

let pageUserId: string | undefined;

/** This page load's viewer id (the same for every room of the page). */
export function pageViewerId(): string {
  pageUserId ??= newViewerId();
  return pageUserId;
}
