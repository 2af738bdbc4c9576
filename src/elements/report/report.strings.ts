import type { Translation } from '../../i18n/localize.js';
import { loaders } from './locales/loaders.js';

type Plural = Intl.LDMLPluralRule;

export const en = {
  title: 'Retention report',
  showLabel: (show: string) => `Show: ${show}`,
  avgWatch: 'Average watch time',
  perViewer: 'per viewer',
  perSession: (duration: string) => `${duration} per session`,
  interactionRate: 'Interaction rate',
  interactingOf: (count: string, viewers: string) => `${count} of ${viewers} viewers interacted`,
  returnRate: 'Return rate',
  returningOf: (count: string, viewers: string) => `${count} of ${viewers} viewers watched an earlier show`,
  viewers: 'Viewers',
  peak: (count: string) => `Peak: ${count} watching at once`,
  curve: 'Retention curve',
  curveDescription: 'Share of arrived viewers still watching, minute by minute, with what happened on the show.',
  chartSummary: (minutes: string, peak: string, drops: string) =>
    `Retention curve over ${minutes} minutes. Peak ${peak} watching. Steepest drops at minutes ${drops}.`,
  retentionSeries: 'Still watching (%)',
  concurrentSeries: 'Watching now',
  minute: (minute: string) => `Minute ${minute}`,
  drops: 'Steepest drops',
  dropLine: (minute: string, count: string, share: string) => `${minute}: ${count} left (${share} of the audience)`,
  around: 'Around then',
  nothingAround: 'Nothing on the show timeline around then.',
  noDrops: 'No drops to show.',
  timeline: 'Show timeline',
  exportCsv: 'Export CSV',
  exportPng: 'Export PNG',
  loading: 'Loading events…',
  empty: 'No events for this show yet.',
  failed: 'Could not load the events.',
  dataTable: 'Data table',
  show_live: 'Show went live',
  show_ended: 'Show ended',
  perk_announced: 'Perk announced',
  perk_dropped: 'Perk dropped',
  lottery_opened: 'Lottery opened',
  lottery_drawn: 'Lottery drawn',
  quiz_asked: 'Quiz asked',
  quiz_revealed: 'Quiz answer revealed',
  product_pinned: 'Product pinned',
  revenue: 'Revenue',
  ordersOf: (count: string, form: Plural) => `${count} ${form === 'one' ? 'order' : 'orders'} from this show`,
  conversion: 'Conversion',
  funnel: (viewers: string, interacted: string, carted: string, ordered: string) =>
    `${viewers} watched → ${interacted} interacted → ${carted} added to cart → ${ordered} ordered`,
  ordersSeries: 'Orders',
  perks: 'Perk effects',
  perkOrders: (orders: string, minutes: string, baseline: string) => `${orders} orders in the ${minutes} min after (show average ${baseline})`,
  perkRetention: (share: string, minutes: string, baseline: string) => `${share} still watching ${minutes} min later (show average ${baseline})`,
};

export const translation: Translation<typeof en> = {
  name: 'report',
  en,
  loaders,
};
