// `cem analyze --litelement` reads this file. It documents every element from the JSDoc in
// src/elements/<name>/<name>.ts (@summary @attr @fires @slot @csspart @cssproperty) and writes
// custom-elements.json at the repository root — committed, and checked for freshness by
// scripts/check-manifest.mjs (`npm test`). Regenerate with `npm run analyze`.
//
// The plugins below make the output say what the package ships, and say it deterministically:
// - paths name the published files (`dist/elements/room/room.js`), not the TypeScript sources;
// - our `define('linger-room', LingerRoom)` helper counts as a definition, like
//   `customElements.define`, so `dist/elements/room/linger-room.js` declares the tag;
// - `export { LingerRoom }` in a registration file points at the module that declares the class;
// - events dispatched as `new LingerStatusEvent(…)` are merged into the `@fires linger-status`
//   entry they implement (the analyzer would otherwise list a bogus `status` event);
// - private members and the global `id` attribute are left out;
// - modules are sorted by path.

/** `src/elements/room/room.ts` or `./room.js`-resolved `src/elements/room/room.js` → `dist/…/room.js`. */
const published = (path) => path.replace(/^\/?src\/(.*)\.(?:ts|js)$/, 'dist/$1.js');

/** `LingerStatusEvent` → `linger-status`. */
const eventNameOf = (className) =>
  className
    .replace(/Event$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/** `define('linger-x', LingerX)` (src/utilities/define.ts) declares a custom element. */
function defineHelperCalls() {
  return {
    name: 'linger-define-helper',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (!tag || !ts.isStringLiteral(tag) || !element || !ts.isIdentifier(element)) return;
      const className = element.text;
      const source = node.getSourceFile();
      let module = moduleDoc.path;
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const named = statement.importClause?.namedBindings;
        if (named && ts.isNamedImports(named) && named.elements.some((specifier) => specifier.name.text === className)) {
          module = new URL(statement.moduleSpecifier.text, `file:///${moduleDoc.path}`).pathname.slice(1);
        }
      }
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: className, module } },
      ];
    },
  };
}

/** Published paths, merged events, no private API, stable order. */
function tidy() {
  return {
    name: 'linger-tidy',
    packageLinkPhase({ customElementsManifest }) {
      const rewrite = (reference) => {
        if (reference && typeof reference.module === 'string') reference.module = published(reference.module);
      };
      for (const module of customElementsManifest.modules) {
        module.path = published(module.path);
        for (const entry of module.exports ?? []) rewrite(entry.declaration);
        for (const declaration of module.declarations ?? []) {
          rewrite(declaration.superclass);
          for (const member of declaration.members ?? []) rewrite(member.inheritedFrom);
          for (const attribute of declaration.attributes ?? []) rewrite(attribute.inheritedFrom);
          for (const event of declaration.events ?? []) rewrite(event.inheritedFrom);
          if (declaration.members) {
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          }
          if (declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((attribute) => !(attribute.name === 'id' && !attribute.fieldName));
          }
          if (declaration.events) declaration.events = mergeEvents(declaration.events);
        }
      }
      // `export { LingerRoom }` of an imported class: the analyzer points it at the re-exporting
      // module itself; point it at the module that declares the class.
      const declaredIn = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) declaredIn.set(declaration.name, module.path);
      }
      for (const module of customElementsManifest.modules) {
        for (const entry of module.exports ?? []) {
          const { declaration } = entry;
          const local = (module.declarations ?? []).some((candidate) => candidate.name === declaration?.name);
          if (declaration?.module === module.path && !local && declaredIn.has(declaration.name)) {
            declaration.module = declaredIn.get(declaration.name);
          }
        }
      }
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

/** Inferred `new XEvent()` dispatches fold into the documented `@fires x` entries. */
function mergeEvents(events) {
  const documented = new Map(events.filter((event) => event.description !== undefined).map((event) => [event.name, event]));
  const result = [];
  for (const event of events) {
    if (event.description !== undefined) {
      result.push(event);
      continue;
    }
    const className = /^[A-Z]\w*Event$/.test(event.type?.text ?? '') ? event.type.text : null;
    const target = className ? documented.get(eventNameOf(className)) : undefined;
    if (target) {
      target.type ??= event.type;
      continue;
    }
    if (className && eventNameOf(className).startsWith('linger-')) event.name = eventNameOf(className);
    if (!result.some((other) => other.name === event.name)) result.push(event);
  }
  return result;
}

export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/elements/*/*.styles.ts', '**/*.test.ts', '**/*.d.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [defineHelperCalls(), tidy()],
};
