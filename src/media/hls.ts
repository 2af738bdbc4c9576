/**
 * Recorded sources for the player's replay/demo mode: MP4 (or anything the browser plays) goes
 * straight into the `<video>`; an HLS playlist (`.m3u8`) plays natively where the browser can
 * (Safari, iOS) and through hls.js elsewhere — `hls.js/light`, loaded with `import()` only then.
 */

/** The part of hls.js the player uses. */
export interface HlsLike {
  loadSource(url: string): void;
  attachMedia(media: HTMLMediaElement): void;
  on(event: string, listener: (event: string, data: { fatal?: boolean; type?: string; details?: string }) => void): void;
  destroy(): void;
}
export interface HlsModule {
  isSupported(): boolean;
  new (config?: Record<string, unknown>): HlsLike;
  Events: { ERROR: string };
}

/** True when `src` names an HLS playlist. */
export function isHls(src: string): boolean {
  return /\.m3u8(?:$|[?#])/i.test(src);
}

/** Loads hls.js light (a separate chunk). */
export async function loadHls(): Promise<HlsModule> {
  const module = await import('hls.js/light');
  return module.default as unknown as HlsModule;
}

export interface AttachedSource {
  /** `native` or `hls.js`. */
  engine: 'native' | 'hls.js';
  detach(): void;
}

/**
 * Points `video` at `src`. Rejects when the source cannot play here (HLS with neither native
 * support nor Media Source Extensions).
 */
export async function attachSource(
  video: HTMLVideoElement,
  src: string,
  options: { loadHls?: () => Promise<HlsModule>; onFatal?: (details: string) => void } = {},
): Promise<AttachedSource> {
  if (!isHls(src) || video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = src;
    return {
      engine: 'native',
      detach: () => {
        video.removeAttribute('src');
        video.load();
      },
    };
  }
  const Hls = await (options.loadHls ?? loadHls)();
  if (!Hls.isSupported()) throw new Error('This browser cannot play HLS (no Media Source Extensions).');
  const hls = new Hls({ enableWorker: false, lowLatencyMode: false });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) options.onFatal?.(data.details ?? 'fatal');
  });
  hls.loadSource(src);
  hls.attachMedia(video);
  return { engine: 'hls.js', detach: () => hls.destroy() };
}
