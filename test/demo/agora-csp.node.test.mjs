// The demo server's policy: the strict one without Agora, the documented Agora one (docs/agora.md,
// proven in Chromium by test/csp/agora-csp.test.ts) when AGORA_APP_ID and AGORA_APP_CERTIFICATE are set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AGORA_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../demo/server.mjs';
import { startScratchDemoServer } from './show-driver.mjs';

const AGORA_ENV = { AGORA_APP_ID: '0123456789abcdef0123456789abcdef', AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210' };

async function servedPolicy(env) {
  const server = await startScratchDemoServer({ env });
  try {
    const response = await fetch(server.storefrontUrl);
    await response.arrayBuffer();
    return response.headers.get('content-security-policy');
  } finally {
    await server.close();
  }
}

test('without Agora the demo serves the strict policy', async () => {
  assert.equal(await servedPolicy({}), CONTENT_SECURITY_POLICY);
});

test('with Agora configured it serves the Agora policy, which is the strict one plus what the SDKs need', async () => {
  assert.equal(await servedPolicy(AGORA_ENV), AGORA_CONTENT_SECURITY_POLICY);
  const directives = AGORA_CONTENT_SECURITY_POLICY.split('; ');
  for (const needed of [
    "script-src 'self' 'wasm-unsafe-eval'",
    'worker-src blob:',
    "style-src-attr 'unsafe-hashes' 'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html linger-agora',
  ]) {
    assert.ok(directives.includes(needed), `has ${needed}`);
  }
  assert.doesNotMatch(AGORA_CONTENT_SECURITY_POLICY, /'unsafe-eval'|'unsafe-inline'/);
  // Everything the strict policy restricts stays restricted (apart from the directives widened above).
  for (const directive of CONTENT_SECURITY_POLICY.split('; ')) {
    const name = directive.split(' ')[0];
    if (['script-src', 'connect-src'].includes(name)) continue;
    assert.ok(directives.includes(directive), `keeps ${directive}`);
  }
});

test('the style hash is the hash of the one attribute RTM sets', async () => {
  const { createHash } = await import('node:crypto');
  assert.equal(`'sha256-${createHash('sha256').update('display:none').digest('base64')}'`, "'sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE='");
});

test('docs/agora.md prints the policy the demo serves, directive for directive', async () => {
  const doc = await readFile(new URL('../../docs/agora.md', import.meta.url), 'utf8');
  for (const directive of AGORA_CONTENT_SECURITY_POLICY.split('; ')) {
    const [name, ...values] = directive.split(' ');
    const line = doc.split('\n').find((text) => text.trimStart().startsWith(`${name} `));
    assert.ok(line, `docs/agora.md has a ${name} line`);
    for (const value of values) assert.ok(line.includes(value), `docs/agora.md's ${name} line has ${value}`);
  }
});
