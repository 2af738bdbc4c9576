/**
 * The CDN entry (`dist/cdn/linger.js`): one `<script type="module">` defines every Linger element.
 *
 * It imports each registration file `src/elements/<name>/linger-<name>.ts`. The CDN build
 * (rollup.config.mjs) appends any element folder missing from this list, so a new element is in the
 * bundle without an edit here. Nothing Agora is imported statically: the RTM transport and SDKs are
 * separate chunks fetched by dynamic `import()` only when a room uses them.
 *
 * @packageDocumentation
 */
import '../elements/room/linger-room.js';
