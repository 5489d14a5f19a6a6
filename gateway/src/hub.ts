import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { openHubDatabase, type HubConfig, type Logger } from "@intersettle/shared";
import { startGateway, type RunningGateway } from "./gateway-server";
import { startGatewayThread } from "./gateway-thread";
import { SUBGRAPHS, type HubSubgraph } from "./subgraph-catalog";
import { readSupergraph } from "./supergraph";
import type { QueryLimits } from "./query-limits";
import type { AuthSettings } from "./auth-throttle";

export interface HubOptions {
  logger?: Logger;
  /** Listen on ephemeral ports instead of PORT, PORT+1, … (tests). */
  ephemeralPorts?: boolean;
  /** Failed-authentication throttling and trusted proxies, over the environment's settings (tests). */
  auth?: Partial<AuthSettings>;
  limits?: QueryLimits;
  /**
   * Runs the gateway on a thread of its own (npm start), so the hub uses a second core. Off by default: tests hand the
   * hub a logger the gateway's thread could not write to.
   */
  gatewayThread?: boolean;
}

export interface RunningHub {
  url: string;
  /** The administrator's URL, for tools and tests; subgraphs never use it. */
  databaseUrl: string;
  /** Each subgraph's own database role URL, by Postgres schema. */
  subgraphDatabaseUrls: Record<string, string>;
  embeddedDatabase: boolean;
  subgraphUrls: Record<string, string>;
  /** Each subgraph's running services, for in-process tools (benchmarks, tests). */
  subgraphServices: Record<string, unknown>;
  internalSecret: string;
  /** Set only at the first start without INTERSETTLE_ADMIN_TOKEN. */
  generatedAdminToken?: string;
  adminTokenFile: string;
  /**
   * Stops the gateway, then every subgraph (drop-folder watchers, event consumers, ingestion jobs, which keep
   * their resume point), then PostgreSQL. A stop still running after `graceMs` is forced: the database's sessions
   * are ended (the embedded server stopped fast, then immediately), so that the caller can exit.
   */
  stop(graceMs?: number): Promise<void>;
  /** Stops one subgraph's server, consumers and connections, leaving the rest running (tests: a subgraph restart). */
  stopSubgraph(name: string): Promise<void>;
  /** Starts a subgraph stopped by stopSubgraph again, on the same port. */
  startSubgraph(name: string): Promise<void>;
}

/** Long enough for a block of an ingestion to commit; short enough that, forced after it, a process manager's ten seconds suffice. */
const STOP_GRACE_MS = 6500;

/** The whole hub in one process: database, every subgraph on its own port, and the gateway. */
export async function startHub(config: HubConfig, options: HubOptions = {}): Promise<RunningHub> {
  const logger = options.logger;
  const database = await openHubDatabase(config, SUBGRAPHS.map((def) => def.dbSchema), logger);
  const internalSecret = config.internalSecret ?? randomBytes(32).toString("base64url");
  const started: HubSubgraph[] = [];
  const byName = new Map<string, HubSubgraph>();
  const subgraphUrls: Record<string, string> = {};
  const subgraphServices: Record<string, unknown> = {};
  let generatedAdminToken: string | undefined;
  let gateway: RunningGateway | undefined;
  /** Stops every part even if one fails, the database last, so no PostgreSQL is left running. */
  const stopInOrder = async () => {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown> | undefined) => {
      try {
        await step();
      } catch (err) {
        failures.push(err);
        logger?.error({ err }, "shutdown step failed");
      }
    };
    await attempt(() => gateway?.stop());
    // Subgraphs do not wait on one another: each stops its own servers, watchers, consumers and jobs.
    await Promise.all(started.map((subgraph) => attempt(() => subgraph.stop())));
    await attempt(() => database.stop());
    if (failures.length > 0) throw failures[0];
  };
  const stopWithin = async (graceMs: number) => {
    const graceful = stopInOrder();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, graceMs, "late")));
    try {
      if ((await Promise.race([graceful.then(() => "stopped" as const), late])) === "late") {
        logger?.warn({ graceMs }, "the hub did not stop in time; ending its database sessions");
        graceful.catch(() => undefined);
        await database.forceStop();
      }
    } finally {
      clearTimeout(timer);
    }
  };
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = STOP_GRACE_MS) => (stopping ??= stopWithin(graceMs));
  try {
    for (const def of SUBGRAPHS) {
      const subgraph = def.create({ databaseUrl: database.subgraphUrls[def.dbSchema], internalSecret, adminToken: config.adminToken, baseCurrency: config.baseCurrency, dropRoot: config.dropRoot, cdrValues: config.cdrValues, subgraphUrls, logger: logger?.child({ subgraph: def.name }) });
      const result = await subgraph.start(options.ephemeralPorts ? 0 : config.port + def.portOffset);
      started.push(subgraph);
      byName.set(def.name, subgraph);
      subgraphUrls[def.name] = result.url;
      subgraphServices[def.name] = subgraph.services?.();
      generatedAdminToken ??= result.generatedAdminToken;
    }
    const gatewayOptions = {
      port: options.ephemeralPorts ? 0 : config.port,
      host: process.env.INTERSETTLE_HOST,
      supergraphSdl: readSupergraph(),
      subgraphUrls,
      internalSecret,
      // Listening only (no table is read): credential changes empty the gateway's principal cache as they commit.
      credentialChanges: { databaseUrl: database.subgraphUrls.partners },
      auth: options.auth,
      limits: options.limits,
    };
    gateway = options.gatewayThread
      ? await startGatewayThread({ ...gatewayOptions, logLevel: logger?.level }, logger)
      : await startGateway({ ...gatewayOptions, logger });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  const adminTokenFile = path.join(config.dataDir, "admin-token");
  if (generatedAdminToken) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(adminTokenFile, generatedAdminToken + "\n", { mode: 0o600 });
  }
  const running = (name: string) => {
    const subgraph = byName.get(name);
    if (!subgraph) throw new Error(`no subgraph named ${name}`);
    return subgraph;
  };
  const stopSubgraph = async (name: string) => {
    const subgraph = running(name);
    if (!started.includes(subgraph)) return;
    started.splice(started.indexOf(subgraph), 1);
    await subgraph.stop();
  };
  const startSubgraph = async (name: string) => {
    const subgraph = running(name);
    if (started.includes(subgraph)) return;
    const result = await subgraph.start(Number(new URL(subgraphUrls[name]).port));
    started.push(subgraph);
    subgraphServices[name] = subgraph.services?.();
    subgraphUrls[name] = result.url;
  };
  return { url: gateway.url, databaseUrl: database.url, subgraphDatabaseUrls: database.subgraphUrls, embeddedDatabase: database.embedded, subgraphUrls, subgraphServices, internalSecret, generatedAdminToken, adminTokenFile, stop, stopSubgraph, startSubgraph };
}
