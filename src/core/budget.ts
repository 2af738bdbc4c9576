/**
 * The adaptive send budget (docs/scale.md): keeps a show inside Agora RTM's
 * documented rates — 60 messages/s per client, and a channel rate under 200/s below 1,000 users,
 * 100/s up to 10,000, 30/s above — by slowing chat and aggregating likes as the audience grows.
 */

/** Agora's recommended channel message rate for an audience of this size (messages/s). */
export function channelRateLimit(audience: number): number {
  if (audience < 1_000) return 200;
  if (audience <= 10_000) return 100;
  return 30;
}

/** Shares of the channel rate given to chat and likes; the rest is headroom for the host. */
export const CHAT_SHARE = 0.5;
export const LIKES_SHARE = 0.3;
/** Planning assumption: the share of an audience that chats or taps at its maximum rate at once. */
export const ACTIVE_SHARE = 0.2;
/** Longest automatic slow mode; beyond it a show should route entries through the webhook. */
export const MAX_AUTO_SLOW_MODE = 120;

/**
 * Seconds a viewer waits between chat messages: the host's slow mode, or more when the audience
 * is large enough that its active share would exceed the chat budget.
 */
export function chatInterval(audience: number, hostSlowMode = 0): number {
  const active = Math.max(0, audience) * ACTIVE_SHARE;
  const budget = channelRateLimit(audience) * CHAT_SHARE;
  const automatic = Math.min(MAX_AUTO_SLOW_MODE, Math.ceil(active / budget));
  return Math.max(hostSlowMode, automatic, 1);
}

/** Milliseconds between one viewer's aggregated likes messages: 1 s, longer in large shows. */
export function likesInterval(audience: number): number {
  const active = Math.max(0, audience) * ACTIVE_SHARE;
  const budget = channelRateLimit(audience) * LIKES_SHARE;
  return Math.max(1, Math.ceil(active / budget)) * 1000;
}

/** Expected peak channel rate (messages/s) when every active viewer sends at its allowance. */
export function expectedChannelRate(audience: number, hostSlowMode = 0): number {
  const active = Math.max(0, audience) * ACTIVE_SHARE;
  return active / chatInterval(audience, hostSlowMode) + active / (likesInterval(audience) / 1000);
}
