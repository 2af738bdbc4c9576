export * from './types.js';
export { CallbackSink, realScheduler, type EventSink, type Scheduler } from './sink.js';
export { WebhookSink, parseRetryAfter, type WebhookSinkOptions, type WebhookStats } from './webhook-sink.js';
export { ShopifySink } from './shopify-sink.js';
export { ConsentGate, type ConsentMode } from './consent.js';
export { ViewerEvents, VIEWER_ID_KEY, type ViewerEventsOptions } from './viewer-events.js';
