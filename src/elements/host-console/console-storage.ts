/** The desk lives in src/core/console-desk.ts; this path stays for existing imports (demo/host-desk.ts). */
export { loadDesk, saveDesk, type ConsoleDesk, type ConsoleStep } from '../../core/console-desk.js';
