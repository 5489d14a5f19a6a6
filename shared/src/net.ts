import net from "node:net";

/** A TCP port free on loopback right now, for servers a test, benchmark or embedded database starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Longest one HTTP request may take, body included: a 2 GB CDR file over a slow link (Node's default is 5 minutes). */
export const HTTP_REQUEST_TIMEOUT_MS = 2 * 3600 * 1000;

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive ports free on loopback right now, below the kernel's ephemeral range (32768+), for a hub that
 * listens on PORT, PORT+1, …: in that range any outgoing connection (a test's PostgreSQL client) may take PORT+n
 * between this check and the hub's listen.
 */
export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    let free = true;
    for (let i = 0; i < count && free; i++) free = await listenable(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found between 20000 and 32000`);
}
