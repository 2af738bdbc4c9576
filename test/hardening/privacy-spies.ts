/**
 * Records every way a page can send data or leave a trace on the device: `fetch`, `sendBeacon`,
 * `XMLHttpRequest`, `localStorage`/`sessionStorage` writes, `document.cookie` writes and
 * `indexedDB.open`. Imported first by privacy.test.ts, so it wraps them before any Linger module
 * loads. The wrapped calls still go through.
 */
export interface Trace {
  kind: 'fetch' | 'beacon' | 'xhr' | 'storage' | 'cookie' | 'indexeddb';
  what: string;
}

export const traces: Trace[] = [];

/** The unwrapped fetch, for the test's own look at the webhook receiver. */
export const plainFetch = window.fetch.bind(window);

const record = (kind: Trace['kind'], what: string) => traces.push({ kind, what });
const urlOf = (input: RequestInfo | URL) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  record('fetch', `${init?.method ?? 'GET'} ${urlOf(input)}`);
  return plainFetch(input, init);
};

const beacon = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
  record('beacon', String(url));
  return beacon(url, data);
};

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
  record('xhr', `${method} ${String(url)}`);
  return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
} as typeof XMLHttpRequest.prototype.open;

const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
  record('storage', `${this === window.localStorage ? 'localStorage' : 'sessionStorage'}:${key}`);
  return setItem.call(this, key, value);
};

const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
Object.defineProperty(document, 'cookie', {
  configurable: true,
  get: () => cookie.get!.call(document) as string,
  set: (value: string) => {
    record('cookie', value.split('=')[0] ?? '');
    cookie.set!.call(document, value);
  },
});

const idbOpen = indexedDB.open.bind(indexedDB);
indexedDB.open = (name: string, version?: number) => {
  record('indexeddb', name);
  return idbOpen(name, version);
};

export function tracesSince(mark: number): Trace[] {
  return traces.slice(mark);
}
