// Fails (exit 1) when the committed custom-elements.json no longer matches the JSDoc in
// src/elements/**: regenerates it with the same analyzer and config into a temporary directory and
// compares byte for byte. Run by test/build/manifest.node.test.mjs, so `npm test` catches a stale
// manifest. Fix: `npm run analyze`, then commit custom-elements.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const committedPath = path.join(root, 'custom-elements.json');
const cem = path.join(path.dirname(createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/package.json')), 'cem.js');

const outdir = mkdtempSync(path.join(tmpdir(), 'linger-cem-'));
try {
  // The analyzer joins `--outdir` onto its working directory, so pass it relative to the root.
  const result = spawnSync(process.execPath, [cem, 'analyze', '--litelement', '--quiet', '--outdir', path.relative(root, outdir)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error('Could not regenerate custom-elements.json (cem analyze failed).');
    process.exit(2);
  }
  const fresh = readFileSync(path.join(outdir, 'custom-elements.json'), 'utf8');
  const committed = existsSync(committedPath) ? readFileSync(committedPath, 'utf8') : null;
  if (committed !== fresh) {
    console.error('custom-elements.json is stale: run npm run analyze');
    if (committed !== null) {
      const [a, b] = [committed.split('\n'), fresh.split('\n')];
      const line = a.findIndex((text, index) => text !== b[index]);
      const at = line === -1 ? a.length : line;
      console.error(`  first difference at line ${at + 1}:\n  - ${a[at] ?? '(end of file)'}\n  + ${b[at] ?? '(end of file)'}`);
    }
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
