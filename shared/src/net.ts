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
