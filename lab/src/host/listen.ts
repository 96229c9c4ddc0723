import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A listening host: its URL and how to stop it. */
export interface Listening {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on `host:port` (0: any free port); rejects with the system error (EADDRINUSE…). */
export async function listen(app: Express, port: number, host: string): Promise<Listening> {
  const server = app.listen(port, host);
  await once(server, 'listening');
  return {
    url: urlOf(server),
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
