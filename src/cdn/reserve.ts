/**
 * The boxes `linger-*` elements draw, for the page to reserve before their code arrives (issue 14:
 * zero layout shift). The autoloader (src/cdn/linger.ts) injects this text; npm users paste the
 * same rules (docs/theming.md "No layout shift"). `:where()` keeps specificity at zero, so a page's
 * own rules win before and after the upgrade alike.
 *
 * - the player: its aspect-ratio box (src/elements/player/player.reserve.ts);
 * - the room: `display: contents`, as it draws;
 * - the overlay: the height it draws with no comments yet (panel 308 px, danmaku/video 268 px:
 *   the minimum its own styles give it, src/elements/overlay/overlay.styles.ts; test/build/reserve.node.test.mjs);
 * - every other element: a block (its `:host` display). Countdown, product, lottery, quiz and vote draw
 *   nothing until the show gives them something, so they reserve no height by design.
 */
import { playerReserveCss } from '../elements/player/player.reserve.js';

export const reserveCss =
  `${playerReserveCss}:where(linger-room:not(:defined)){display:contents}` +
  ':where(linger-overlay:not(:defined)){min-block-size:308px}:where(linger-overlay:is([variant=danmaku],[variant=video]):not(:defined)){min-block-size:268px}' +
  ':where(linger-overlay,linger-countdown,linger-product,linger-lottery,linger-quiz,linger-vote,linger-connection-status,linger-report,linger-host-console,linger-studio):not(:defined){display:block}';
