// Each element's docs page (docs/<name>.md) names exactly the public attributes, properties and CSS
// parts custom-elements.json lists for it: a name missing from the page, or a documented name the
// element does not have, fails here. The page documents them either in its reference sentence
// ("Attributes `a`, `b`; properties `c`. …") or in a table under "### Attributes and properties"
// (first column: attribute, second: property), and its parts in the table under "### CSS parts".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
const elements = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.tagName));

/** Lines of the section under `heading` (up to the next heading of any level). */
function section(markdown, heading) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) return null;
  const end = lines.findIndex((line, i) => i > start && /^#{1,6} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Backticked names in the first `columns` columns of a markdown table's body rows. */
function tableNames(lines, columns) {
  const names = [];
  for (const line of lines ?? []) {
    if (!line.startsWith('|') || /^\|\s*-/.test(line)) continue;
    const cells = line.split('|').slice(1, 1 + columns);
    for (const cell of cells) for (const [, name] of cell.matchAll(/`([^`]+)`/g)) names.push(name);
  }
  return names;
}

function withoutParentheses(text) {
  let previous;
  do {
    previous = text;
    text = text.replace(/\([^()]*\)/g, '');
  } while (text !== previous);
  return text;
}

/** Attribute and property names of the reference sentence that starts with "Attributes". */
function sentenceNames(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^Attributes `/.test(line));
  if (start < 0) return { attributes: [], properties: [] };
  const end = lines.findIndex((line, i) => i > start && !line.trim());
  const paragraph = lines.slice(start, end < 0 ? undefined : end).join('\n');
  const text = withoutParentheses(paragraph.replace(/\n/g, ' '));
  const clauses = text.split(/;|\.\s/).map((clause) => clause.trim());
  const names = (clause) => [...clause.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  return {
    attributes: clauses.filter((c) => /^Attributes\b/.test(c)).flatMap(names),
    properties: clauses.filter((c) => /^(read-only )?propert(y|ies)\b/i.test(c)).flatMap(names),
  };
}

const difference = (a, b) => [...new Set(a)].filter((name) => !b.includes(name)).sort();

for (const element of elements) {
  const page = `docs/${element.tagName.replace(/^linger-/, '')}.md`;
  test(`${page} documents <${element.tagName}>'s attributes, properties and parts`, () => {
    assert.ok(existsSync(`${root}${page}`), `${page} is missing`);
    const markdown = readFileSync(`${root}${page}`, 'utf8');
    const attributes = (element.attributes ?? []).map((a) => a.name);
    const properties = (element.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.attribute).map((m) => m.name);
    const parts = (element.cssParts ?? []).map((p) => p.name);

    const sentence = sentenceNames(markdown);
    const table = tableNames(section(markdown, '### Attributes and properties'), 2);
    const documented = [...sentence.attributes, ...sentence.properties, ...table];
    const known = [...attributes, ...properties, ...(element.members ?? []).filter((m) => m.attribute).map((m) => m.name)];
    assert.deepEqual(difference([...attributes, ...properties], documented), [], `${page}: public attributes/properties not documented`);
    assert.deepEqual(difference(documented, known), [], `${page}: documented attributes/properties <${element.tagName}> does not have`);

    const partsSection = section(markdown, '### CSS parts');
    if (parts.length) assert.ok(partsSection, `${page}: no "### CSS parts" section`);
    const documentedParts = tableNames(partsSection, 1);
    assert.deepEqual(difference(parts, documentedParts), [], `${page}: CSS parts not documented`);
    assert.deepEqual(difference(documentedParts, parts), [], `${page}: documented CSS parts <${element.tagName}> does not have`);
  });
}
