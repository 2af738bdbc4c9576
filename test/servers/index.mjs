// Test-only HTTP routes for the browser tests (webhook receivers, a mock Shopify cart, …).
// Every `test/servers/*.route.mjs` exports `middleware` (Koa-style `(ctx, next)`); they are all
// mounted on web-test-runner's server, on loopback, before its static files.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

export async function testRoutes() {
  const folder = import.meta.dirname;
  const files = readdirSync(folder).filter((file) => file.endsWith('.route.mjs')).sort();
  const modules = await Promise.all(files.map((file) => import(pathToFileURL(join(folder, file)).href)));
  return modules.map((module) => module.middleware).filter((middleware) => typeof middleware === 'function');
}
