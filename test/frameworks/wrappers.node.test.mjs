// The React components (src/react/) and the tag table (src/frameworks/elements.ts) are generated from
// custom-elements.json by scripts/react-wrappers.mjs. These tests fail when they are stale, when an
// element folder has no component, when an event an element dispatches has no `onLinger…` prop,
// when docs/frameworks.md misses one, and when the components break a server-side import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { eventProp, readManifest, staleFiles } from '../../scripts/react-wrappers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const read = (file) => readFileSync(join(root, file), 'utf8');

/** Element folders, with their tag and class, from the registration files `src/elements/<name>/linger-<name>.ts`. */
function registrations() {
  return readdirSync(join(root, 'src/elements'))
    .filter((folder) => readdirSync(join(root, 'src/elements', folder)).includes(`linger-${folder}.ts`))
    .map((folder) => {
      const source = read(`src/elements/${folder}/linger-${folder}.ts`);
      const [, tag, className] = /define\('([a-z0-9-]+)', (\w+)\)/.exec(source) ?? [];
      return { folder, tag, className };
    });
}

/** `linger-*` events the element's own source dispatches (`new LingerXxxEvent(`), by DOM name. */
function dispatchedEvents(folder) {
  const files = readdirSync(join(root, 'src/elements', folder)).filter((file) => /\.ts$/.test(file) && !/\.(styles|strings)\.ts$/.test(file));
  // The element's own files, and the controllers they use (an element may dispatch through one).
  const sources = files.map((file) => `src/elements/${folder}/${file}`);
  for (const file of [...sources]) {
    for (const [, controller] of read(file).matchAll(/'\.\.\/\.\.\/controllers\/([\w-]+)\.js'/g)) sources.push(`src/controllers/${controller}.ts`);
  }
  const names = [...new Set(sources)].flatMap((file) =>
    [...read(file).matchAll(/new (Linger\w+)Event\(/g)].map(([, name]) =>
      name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(),
    ),
  );
  return [...new Set(names)].sort();
}

/** The `{ prop: event }` map of a generated component. */
function componentEvents(folder) {
  return Object.fromEntries([...read(`src/react/${folder}.ts`).matchAll(/^\s+(on\w+): '(linger-[a-z-]+)' as EventName</gm)].map(([, prop, event]) => [prop, event]));
}

test('the generated React components and tag table match custom-elements.json', () => {
  assert.deepEqual(staleFiles(readManifest(root), root), [], 'stale: run node scripts/react-wrappers.mjs');
});

test('every element folder has a React component, exported under its class name', () => {
  const index = read('src/react/index.ts');
  const table = read('src/frameworks/elements.ts');
  const found = registrations();
  assert.ok(found.length >= 9, `expected the nine elements at least, found ${found.map((entry) => entry.folder).join(', ')}`);
  for (const { folder, tag, className } of found) {
    assert.ok(tag && className, `src/elements/${folder}/linger-${folder}.ts should call define('<tag>', <Class>)`);
    assert.match(index, new RegExp(`^export \\{ ${className} \\} from './${folder}\\.js';$`, 'm'), `src/react/index.ts should export ${className}`);
    assert.match(read(`src/react/${folder}.ts`), new RegExp(`tagName: '${tag}',`), `src/react/${folder}.ts should wrap <${tag}>`);
    assert.match(read(`src/react/${folder}.ts`), new RegExp(`^import '../elements/${folder}/linger-${folder}\\.js';$`, 'm'), `src/react/${folder}.ts should define <${tag}>`);
    assert.match(table, new RegExp(`^  '${tag}': \\{$`, 'm'), `src/frameworks/elements.ts should describe <${tag}>`);
  }
});

test('every linger-* event an element dispatches has an onLinger… prop on its component', () => {
  for (const { folder, tag } of registrations()) {
    const dispatched = dispatchedEvents(folder);
    const mapped = componentEvents(folder);
    assert.deepEqual(Object.values(mapped).sort(), dispatched, `<${tag}>: events mapped by src/react/${folder}.ts vs dispatched in src/elements/${folder}/`);
    for (const [prop, event] of Object.entries(mapped)) assert.equal(prop, eventProp(event), `<${tag}>: ${event} should be the ${eventProp(event)} prop`);
  }
  assert.deepEqual(componentEvents('countdown'), { onLingerRemindMe: 'linger-remind-me', onLingerClaimRequest: 'linger-claim-request' });
});

test('docs/frameworks.md lists every component and every onLinger… prop', () => {
  const docs = read('docs/frameworks.md');
  for (const { folder, className } of registrations()) {
    assert.ok(docs.includes(`\`<${className}>\``), `docs/frameworks.md should list <${className}>`);
    for (const prop of Object.keys(componentEvents(folder))) assert.ok(docs.includes(`\`${prop}\``), `docs/frameworks.md should list ${prop}`);
  }
});

test('linger-live/react imports and renders on the server (no window at module load)', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'linger-ssr-'));
  try {
    // Bundled for Node the way a server build sees the package: lit and @lit/react through their
    // `node` exports; React from this repository, so the test and the bundle share one copy.
    await build({
      entryPoints: [join(root, 'src/react/index.ts')],
      outfile: join(dir, 'react.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: join(root, 'tsconfig.json'),
      ignoreAnnotations: true, // see browser.mjs: keep the registration imports from src/
      logLevel: 'silent',
      plugins: [
        {
          name: 'shared-react',
          setup(builder) {
            builder.onResolve({ filter: /^react(-dom)?(\/.*)?$/ }, (args) => ({ path: require.resolve(args.path), external: true }));
          },
        },
      ],
    });
    assert.equal(typeof globalThis.window, 'undefined', 'the test runs without a window');
    const components = await import(pathToFileURL(join(dir, 'react.mjs')).href);
    const React = require('react');
    const { renderToString } = require('react-dom/server');
    const html = renderToString(
      React.createElement(
        components.LingerRoom,
        { channel: 'ssr', onLingerStatus: () => undefined },
        React.createElement(components.LingerCountdown, { nextShowTitle: 'Server', dropSeconds: 30 }),
      ),
    );
    // @lit/react sets element properties on the client (after hydration), so the server sends bare tags.
    assert.equal(html, '<linger-room><linger-countdown></linger-countdown></linger-room>');
    assert.deepEqual(Object.keys(components).sort(), registrations().map((entry) => entry.className).sort(), 'one component per element, nothing else at runtime');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
