/**
 * linger-live — the TypeScript API. Importing this module registers no elements: import
 * `linger-live/elements/<name>.js` for that (one side-effect entry per element), or load the CDN
 * build with one script tag.
 *
 * @packageDocumentation
 */
export { LingerRoom } from './elements/room/room.js';
export { RoomSession, SNAPSHOT_KEY } from './core/session.js';
export type { SessionOptions, SessionStats, ChatResult } from './core/session.js';
export { reduce, initialState, toSnapshot } from './core/state.js';
export type { ShowState, ChatLine } from './core/state.js';
export {
  MESSAGES,
  PROTOCOL_VERSION,
  MAX_MESSAGE_BYTES,
  MAX_SNAPSHOT_BYTES,
  parseMessage,
  checkBody,
  isHttpUrl,
} from './core/protocol.js';
export type {
  Envelope,
  Inbound,
  MessageType,
  BodyOf,
  DropReason,
  SnapshotState,
  Product,
  Perk,
  PerkKind,
  LotteryMode,
  ShowPhase,
} from './core/protocol.js';
export { SyncedClock, secondsLeft } from './core/clock.js';
export { channelRateLimit, chatInterval, likesInterval, expectedChannelRate } from './core/budget.js';
export { HostLedger } from './core/ledger.js';
export { resolveRoom } from './core/registry.js';
export type { RoomHandle } from './core/registry.js';
export { RoomController, type RoomControllerOptions } from './controllers/room-controller.js';
export { MemoryNetwork, MemoryTransport } from './transports/memory.js';
export type { MemoryNetworkOptions, NetworkFaults } from './transports/memory.js';
export { BroadcastTransport } from './transports/broadcast.js';
export type { BroadcastOptions } from './transports/broadcast.js';
export type { Transport, TransportStatus, TransportError, ChannelStorage, StoredValue, MessageHandler } from './transports/transport.js';
export { LingerErrorEvent } from './events/dom/linger-error.js';
export { LingerStatusEvent } from './events/dom/linger-status.js';
export { define } from './utilities/define.js';
export * from './events/index.js';
export * from './analytics/index.js';
export { LingerReport } from './elements/report/report.js';
export { LingerReportReadyEvent } from './events/dom/linger-report-ready.js';
export { LingerPlayer } from './elements/player/player.js';
export { LingerOverlay } from './elements/overlay/overlay.js';
export { RtcAudience, loadAgoraRtc, RTC_RETRY, type RtcSdk, type RtcClient, type RtcState, type RtcStats, type RtcAudienceOptions } from './media/agora-rtc.js';
export { WatchTimeTracker } from './media/watch-time.js';
export { attachSource, isHls } from './media/hls.js';
export { LingerPlayerStateEvent, type PlayerStatus } from './events/dom/linger-player-state.js';
export { LingerChatRejectedEvent } from './events/dom/linger-chat-rejected.js';
export { LingerLottery } from './elements/lottery/lottery.js';
export { LingerQuiz } from './elements/quiz/quiz.js';
export { LingerVote } from './elements/vote/vote.js';
export { LingerVoteRequestEvent } from './events/dom/linger-vote-request.js';
export { tallyVotes, verifyVote, winnerOf, ballotOf, type VoteCheck, type VoteCheckStatus, type PublishedVote, type VoteTally } from './core/vote-tally.js';
export { LingerCountdown } from './elements/countdown/countdown.js';
export { LingerProduct } from './elements/product/product.js';
export { LingerEnterRequestEvent } from './events/dom/linger-enter-request.js';
export { LingerAnswerRequestEvent } from './events/dom/linger-answer-request.js';
export { LingerClaimRequestEvent } from './events/dom/linger-claim-request.js';
export { LingerRemindMeEvent, type RemindMeDetail } from './events/dom/linger-remind-me.js';
export { LingerAddToCartEvent, type AddToCartDetail } from './events/dom/linger-add-to-cart.js';
export { newSeed, commitmentOf, sortEntrants, digestOf, pickIndexes, drawWinners, verifyDraw, type DrawCheck, type PublishedDraw } from './core/draw.js';
export { matchesKeyword, foldKeyword } from './core/keyword.js';
export { answerHash, verifyAnswer, newSalt } from './core/quiz-hash.js';
export { icsEvent, googleCalendarUrl, outlookCalendarUrl, type Reminder } from './core/calendar.js';
export { countdownPhase, type CountdownView } from './core/countdown-phase.js';
export { PUBLISH_LIST_UP_TO, type ViewerRecord, type OpenLotteryOptions, type AskQuizOptions, type OpenVoteOptions } from './core/session.js';
export { RECEIPT_REASONS, type ReceiptReason } from './core/protocol.js';
export { defaultRhythm, stepPhase, nextStep, type RhythmOptions, type StepPhase } from './core/rhythm.js';
export { FiguresTracker, sparklinePoints, type LiveFigures } from './core/figures.js';
export { LingerHostConsole } from './elements/host-console/host-console.js';
export { LingerStudio } from './elements/studio/studio.js';
export { StudioController, STUDIO_PRESETS, deviceProblem, defaultStudioPublisher, type StudioPreset, type StudioPhase, type DeviceProblem, type DeviceKind, type StudioFailure, type StudioPublisher } from './controllers/studio-controller.js';
export { LocalBroadcaster, MAX_LOCAL_VIEWERS } from './media/local-broadcast.js';
export { LocalAudience } from './media/local-rtc.js';
export { AgoraPublisher, LOW_STREAM, type PublishSdk, type PublishedTrack } from './media/agora-publish.js';
export type { HlsModule, AttachedSource } from './media/hls.js';
export type { DrawResult, DrawCheckStatus } from './core/draw.js';
export type { EntryFacts } from './core/ledger.js';
export type { PerkDrop } from './core/countdown-phase.js';
export type { WatchTimeOptions } from './media/watch-time.js';
export { ViewerController, TickController } from './controllers/viewer-controller.js';
export { LIST_CAP, DANMAKU_CAP } from './elements/overlay/overlay.js';
export { Listeners, StatusCell, TransportBase } from './transports/transport-base.js';
