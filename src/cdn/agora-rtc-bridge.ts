/**
 * The RTC bridge (see docs/agora.md).
 *
 * The Agora RTM SDK's UMD file does `require("agora-rtc-sdk-ng")` at import time and only uses what
 * it gets when a stream channel is created (Linger never creates one). The CDN build aliases that
 * exact specifier to this module, so RTM receives {@link rtcBridge} — an object that starts empty —
 * instead of a second, UMD copy of RTC (≈ 430 KB gzip). When the player loads
 * `agora-rtc-sdk-ng/esm` it calls {@link installRtc}, after which RTM sees the one RTC the page has.
 *
 * The bundler must hand RTM the default export itself (rollup's commonjs plugin:
 * `requireReturnsDefault` `'preferred'` for this file), not this module's namespace.
 */

/** What RTM receives for `require("agora-rtc-sdk-ng")`: empty until {@link installRtc} runs. */
const rtcBridge: Record<string, unknown> = {};
export default rtcBridge;

/**
 * Points the bridge at a loaded RTC module: every export of `agora-rtc-sdk-ng/esm` (a module
 * namespace: it has no default export), then the members of its `AgoraRTC` object that are not
 * separate exports (`createMicrophoneAudioTrack`, `on`, …) — the UMD build exports that object, so
 * this is the shape RTM expects. Getters, so live bindings stay live; methods stay bound to
 * `AgoraRTC`. Safe to call more than once: the first module installed wins.
 */
export function installRtc(mod: object): void {
  const exports = mod as Record<string, unknown>;
  for (const key of Object.keys(exports)) {
    if (key === 'default' || key in rtcBridge) continue;
    Object.defineProperty(rtcBridge, key, { enumerable: true, configurable: true, get: () => exports[key] });
  }
  const agoraRtc = exports['AgoraRTC'];
  if (typeof agoraRtc !== 'object' || agoraRtc === null) return;
  for (const key of memberNames(agoraRtc)) {
    if (key in rtcBridge) continue;
    let bound: unknown;
    Object.defineProperty(rtcBridge, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = (agoraRtc as Record<string, unknown>)[key];
        if (typeof value !== 'function') return value;
        bound ??= (value as (...args: unknown[]) => unknown).bind(agoraRtc);
        return bound;
      },
    });
  }
}

/** Own and inherited property names of an object, up to (not including) `Object.prototype`. */
function memberNames(object: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = object; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}
