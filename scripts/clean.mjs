// Removes build output so a build never ships stale files. `node scripts/clean.mjs [dir…]`
// (default: dist). Paths are resolved from the repository root.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = process.argv.slice(2);
for (const dir of targets.length > 0 ? targets : ['dist']) {
  rmSync(new URL(dir.replace(/\/?$/, '/'), new URL(`file://${root}`)), { recursive: true, force: true });
}
