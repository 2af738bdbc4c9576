// Real headless Chromium (Debian's), TypeScript through esbuild, a plain closing count line.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner';
import { countReporter } from './scripts/count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { testRoutes } from './test/servers/index.mjs';

const chromeFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  // Test pages run side by side; background throttling would stretch their timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // <linger-studio> (docs/studio.md): Chromium's fake camera and microphone, permission granted without a prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: a background page gets no animation frames, which hangs fixture().
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: chromeFlags,
      },
    }),
  ],
  middleware: await testRoutes(),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  // nanostores reads process.env.NODE_ENV; tests also must never reach beyond loopback.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  reporters: [defaultReporter(), countReporter()],
};
