/**
 * What a room in replay mode needs (docs/replay.md): the timeline's checks and index, the replay
 * session and the driver that follows the player. Loaded only by a room with `replay` or `timeline`.
 */
export { ReplayDriver } from '../../controllers/replay-driver.js';
