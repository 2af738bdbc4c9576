/**
 * The box `<linger-player>` draws, for the page to reserve before the player's code arrives (the
 * autoloader's `:not(:defined)` stylesheet; npm users paste the same rule, docs/player.md). It
 * matches the element's own `:host` rules (src/elements/player/player.styles.ts with
 * src/styles/host.styles.ts), so nothing moves when the element upgrades. `:where()` keeps its
 * specificity at zero: a page's own `linger-player { … }` rules win before and after the upgrade
 * alike, as they win over `:host` rules. Pure CSS text: importing it defines nothing.
 */
export const playerReserveCss =
  ':where(linger-player:not(:defined)){display:block;box-sizing:border-box;position:relative;inline-size:100%;' +
  'aspect-ratio:var(--linger-player-aspect-ratio,16/9);border-radius:var(--linger-player-radius,var(--linger-radius,12px));' +
  'background:var(--linger-player-background,#000)}';
