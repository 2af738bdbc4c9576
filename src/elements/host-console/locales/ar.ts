import { en } from '../host-console.strings.js';
// Placeholder until translated: English.
export default { ...en } satisfies typeof en;
