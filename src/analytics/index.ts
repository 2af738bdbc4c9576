export { computeMetrics, dedupe, listShows, metricsCsv, MINUTE_MS, type Drop, type MetricsOptions, type ShowMetrics, type TimelineMark } from './metrics.js';
export { parseEventLog } from './parse.js';
