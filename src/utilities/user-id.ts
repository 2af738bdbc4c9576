/**
 * A pseudonymous id for a viewer who has none: random per page load, never stored (no storage
 * write before consent), never personal. The events layer may persist one after consent.
 */
import { randomId } from '../core/primitives.js';

let pageUserId: string | undefined;

export function pageViewerId(): string {
  pageUserId ??= `v-${randomId(12)}`;
  return pageUserId;
}
