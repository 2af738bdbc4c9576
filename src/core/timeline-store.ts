/**
 * Where the host keeps its show's timeline while recording (docs/replay.md § Recording the timeline):
 * IndexedDB, so a host tab that reloads mid-show resumes the same recording and the end-of-show
 * document is complete. Append-only: each kept host message or chat line is one small record (a
 * 3-hour show's timeline is about 12 MB, far beyond localStorage and too much to rewrite whole), in
 * the order observed; loading replays them in that order, so moderation removes the same lines.
 *
 * Bounded: the recorder's caps bound each recording (src/core/timeline-recorder.ts); recordings not
 * written for `MAX_AGE_MS` are deleted, and at most `MAX_RECORDINGS` are kept (the oldest go).
 */

/** One stored item: a host message or a chat line, in observation order (`n`). */
export type StoredItem =
  | { kind: 'event'; at: number; id: string; type: string; body: unknown }
  | { kind: 'chat'; at: number; from: string; line: { id: string; text: string; name?: string; locale?: string } };

/** A recording's counters and start state, rewritten with each flush (small). */
export interface StoredMeta {
  initial: unknown;
  seen: number;
  dropped: number;
  /** The show's start time of the recording (`show` message going live), when known. */
  startedAt: number | null;
  updated: number;
}

export interface StoredRecording {
  meta: StoredMeta;
  items: StoredItem[];
}

export interface TimelineStore {
  load(key: string): Promise<StoredRecording | null>;
  /** Appends items after those already stored and replaces the meta. */
  append(key: string, items: readonly StoredItem[], meta: StoredMeta): Promise<void>;
  remove(key: string): Promise<void>;
}

export const MAX_AGE_MS = 2 * 86_400_000;
export const MAX_RECORDINGS = 4;
const DB = 'linger-timeline';

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });

/** Items of one recording: keys [key, n]. */
const range = (key: string) => IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);

/** The `n` after the recording's last item (a cursor from the end: no reading every key). */
const nextIndex = (store: IDBObjectStore, key: string) =>
  new Promise<number>((resolve, reject) => {
    const req = store.openKeyCursor(range(key), 'prev');
    req.onsuccess = () => resolve(req.result ? (req.result.key as [string, number])[1] + 1 : 0);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'));
  });

/** The IndexedDB store (`null` where there is no IndexedDB: the recording stays in memory). */
export function indexedDbTimelineStore(factory: IDBFactory | undefined = globalThis.indexedDB, now: () => number = Date.now): TimelineStore | null {
  if (!factory) return null;
  let opened: Promise<IDBDatabase> | null = null;
  /** The next `n` of each recording this page appends to. */
  const next = new Map<string, number>();
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(DB, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('items');
        req.result.createObjectStore('meta');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
      req.onblocked = () => reject(new Error('IndexedDB blocked'));
    }).then(async (db) => {
      await prune(db);
      return db;
    }));

  async function drop(db: IDBDatabase, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    const tx = db.transaction(['items', 'meta'], 'readwrite');
    for (const key of keys) {
      tx.objectStore('items').delete(range(key));
      tx.objectStore('meta').delete(key);
      next.delete(key);
    }
    await done(tx);
  }

  /** Recordings too old, and beyond the newest MAX_RECORDINGS, go. */
  async function prune(db: IDBDatabase): Promise<void> {
    const tx = db.transaction('meta', 'readonly');
    const [keys, metas] = await Promise.all([request(tx.objectStore('meta').getAllKeys()), request(tx.objectStore('meta').getAll() as IDBRequest<StoredMeta[]>)]);
    const all = keys.map((key, i) => ({ key: String(key), updated: metas[i]?.updated ?? 0 })).sort((a, b) => b.updated - a.updated);
    const old = all.filter((entry, i) => i >= MAX_RECORDINGS || now() - entry.updated > MAX_AGE_MS).map((entry) => entry.key);
    await drop(db, old);
  }

  return {
    async load(key) {
      const db = await open();
      const tx = db.transaction(['items', 'meta'], 'readonly');
      const [meta, items, n] = await Promise.all([
        request(tx.objectStore('meta').get(key) as IDBRequest<StoredMeta | undefined>),
        request(tx.objectStore('items').getAll(range(key)) as IDBRequest<StoredItem[]>),
        nextIndex(tx.objectStore('items'), key),
      ]);
      next.set(key, n);
      return meta ? { meta, items } : null;
    },
    async append(key, items, meta) {
      const db = await open();
      if (!next.has(key)) next.set(key, await nextIndex(db.transaction('items', 'readonly').objectStore('items'), key));
      let n = next.get(key)!;
      const tx = db.transaction(['items', 'meta'], 'readwrite');
      for (const item of items) tx.objectStore('items').put(item, [key, n++]);
      tx.objectStore('meta').put(meta, key);
      next.set(key, n);
      await done(tx);
    },
    async remove(key) {
      await drop(await open(), [key]);
    },
  };
}
