// Builds the event contract from src/events/types.ts (bundled with esbuild, a root dev dependency:
// this script runs in the repository, never in a deployed collector).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** @returns {Promise<{schema: object, interactionTypes: string[], timelineKinds: string[]}>} */
export async function contractFromSource() {
  const entry = fileURLToPath(new URL('../../src/events/types.ts', import.meta.url));
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
  const types = await import(url);
  return { schema: types.eventJsonSchema(), interactionTypes: [...types.INTERACTION_TYPES], timelineKinds: [...types.TIMELINE_KINDS] };
}
