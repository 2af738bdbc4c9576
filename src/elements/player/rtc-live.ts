/**
 * What the player needs to play a live stream: the RTC adapter and the token fetch. Loaded when a
 * live show with an app id starts (the Agora SDK itself is a further chunk), not on first paint.
 */
export { RtcAudience } from '../../media/agora-rtc.js';
export { fetchAgoraToken } from '../../transports/agora-rtm-token.js';
