// `npm test` needs a Chromium. Use CHROME_PATH or Debian's /usr/bin/chromium; when neither exists
// and we run as root on Debian, install it with apt-get; otherwise say exactly what to install.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.env.CHROME_PATH || '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log(`[linger] ${wanted} not found: installing Debian's chromium with apt-get (about 30 s)…`);
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
  `[linger] The tests run in headless Chromium, and none was found at ${wanted}.\n` +
    `  Debian/Ubuntu: sudo apt-get install -y chromium   (gives /usr/bin/chromium)\n` +
    `  Elsewhere: install Chrome or Chromium and run  CHROME_PATH=/path/to/chrome npm test`,
);
process.exit(1);
