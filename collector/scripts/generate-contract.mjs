// Writes collector/src/event-contract.json from src/events/types.ts — the one definition of the event
// table (its JSON Schema, the interaction types, the timeline kinds) — and copies docs/timeline.schema.json
// (the show timeline record's schema) to collector/src/. Run after changing either:
//   node collector/scripts/generate-contract.mjs
// test/collector/contract.node.test.mjs fails when the committed file differs from what this writes.
import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractFromSource } from './contract-source.mjs';

const out = fileURLToPath(new URL('../src/event-contract.json', import.meta.url));
writeFileSync(out, JSON.stringify(await contractFromSource(), null, 2) + '\n');
console.log(`wrote ${out}`);
const schema = fileURLToPath(new URL('../src/timeline.schema.json', import.meta.url));
copyFileSync(fileURLToPath(new URL('../../docs/timeline.schema.json', import.meta.url)), schema);
console.log(`wrote ${schema}`);
