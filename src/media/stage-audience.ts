/**
 * Co-hosting on Agora (docs/studio.md § Co-hosting): the player's audience client of each room
 * session, so a guest goes on stage on that same client (one uid, one client in the channel) and
 * the stage tiles play the guests' tracks it receives. Set by `RtcController`.
 */
import type { RtcAudience } from './agora-rtc.js';
import type { RoomMedia } from '../core/registry.js';

export type StageAudience = Pick<RtcAudience, 'goOnStage' | 'leaveStage' | 'playGuest' | 'guestIds'>;

export const stageAudiences = new WeakMap<object, StageAudience>();

/** The room's Agora media settings, or `null` on a room without Agora (the local WebRTC path). */
export function agoraMedia(room: Element | null): RoomMedia | null {
  const media = (room as { media?: RoomMedia | null } | null)?.media;
  return media && !media.adapter ? media : null;
}
