/**
 * What a room needs once it connects: the session (protocol table, reducer, host ledger), the
 * transports and the viewer-events pipeline. `<linger-room>` imports this module when it connects,
 * like the Agora SDK, so none of it weighs on the page's first paint.
 */
export { RoomSession } from '../../core/session.js';
export { BroadcastTransport } from '../../transports/broadcast.js';
export { lazyAgoraTransport } from '../../transports/lazy.js';
export { ViewerEvents } from '../../events/viewer-events.js';
export { WebhookSink } from '../../events/webhook-sink.js';
export { ConsentGate } from '../../events/consent.js';
export { ShopifySink } from '../../events/shopify-sink.js';
export { fetchAgoraToken, recordStageInvitation } from '../../transports/agora-rtm-token.js';
export { recordShow, forgetShows } from '../../core/show-history.js';
export { fetchProfileClaim } from '../../core/profile-claim.js';
