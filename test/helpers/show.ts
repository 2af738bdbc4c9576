/** Test helpers: a host and viewers as real sessions over one memory network. */
import { MemoryNetwork, type MemoryNetworkOptions } from '../../src/transports/memory.js';
import { RoomSession, type SessionOptions } from '../../src/core/session.js';
import { toSnapshot } from '../../src/core/state.js';

export interface Show {
  network: MemoryNetwork;
  host: RoomSession;
  viewers: RoomSession[];
  close(): Promise<void>;
}

export async function startShow(
  viewerCount: number,
  network: MemoryNetworkOptions = {},
  options: Partial<SessionOptions> & { viewerNow?: (index: number) => () => number } = {},
): Promise<Show> {
  const net = new MemoryNetwork(network);
  const { viewerNow, ...sessionOptions } = options;
  const host = new RoomSession({ ...sessionOptions, transport: net.connect('host-1'), hosts: ['host-1'] });
  await host.connect();
  const viewers: RoomSession[] = [];
  for (let i = 0; i < viewerCount; i++) {
    const viewer = new RoomSession({
      ...sessionOptions,
      transport: net.connect(`viewer-${i}`),
      hosts: ['host-1'],
      ...(viewerNow ? { localNow: viewerNow(i) } : {}),
    });
    await viewer.connect();
    viewers.push(viewer);
  }
  return {
    network: net,
    host,
    viewers,
    close: async () => {
      await Promise.all([host, ...viewers].map((session) => session.close()));
    },
  };
}

/** The published part of a session's state, as JSON, for convergence checks. */
export function published(session: RoomSession): string {
  return JSON.stringify(toSnapshot(session.state));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A valid SHA-256-looking hex string for schemas that need one. */
export const HEX64 = 'a'.repeat(64);
