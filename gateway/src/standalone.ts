import { randomBytes } from "node:crypto";
import { createLogger, readHubConfig, rolePasswordKey, setUpDatabase } from "@intersettle/shared";
import { startGateway } from "./gateway-server";
import { SUBGRAPHS } from "./subgraph-catalog";
import { readSupergraph } from "./supergraph";

/**
 * Runs one part of the hub in its own process (docker-compose): `standalone gateway` or `standalone <subgraph>`.
 * Needs DATABASE_URL (subgraphs) and INTERSETTLE_INTERNAL_SECRET; the gateway finds subgraphs at
 * INTERSETTLE_<NAME>_URL, e.g. INTERSETTLE_PARTNERS_URL=http://partners:4001/graphql. DATABASE_URL is the
 * administrator's: each subgraph process sets up its own role with it (idempotently, processes taking turns) and
 * then connects as that role only.
 */
async function main(part: string | undefined): Promise<void> {
  const config = readHubConfig();
  const logger = createLogger(`intersettle-${part}`, config.logLevel);
  const secret = config.internalSecret;
  if (!secret) throw new Error("INTERSETTLE_INTERNAL_SECRET is required when parts run separately");
  let stop: () => Promise<void>;
  // Where each part finds the others: the gateway every subgraph, a subgraph the ones whose API it calls.
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((def) => [def.name, process.env[`INTERSETTLE_${def.name.toUpperCase().replace(/-/g, "_")}_URL`] ?? `http://localhost:${config.port + def.portOffset}/graphql`]),
  );
  if (part === "gateway") {
    // No database credentials here: credential changes reach the principal cache through the partners subgraph.
    const gateway = await startGateway({ port: config.port, host: "0.0.0.0", supergraphSdl: readSupergraph(), subgraphUrls, internalSecret: secret, credentialChanges: "partners-stream", logger });
    logger.info({ url: gateway.url }, "gateway listening");
    stop = gateway.stop;
  } else {
    const def = SUBGRAPHS.find((d) => d.name === part);
    if (!def) throw new Error(`Unknown part '${part}'; expected gateway or one of ${SUBGRAPHS.map((d) => d.name).join(", ")}`);
    if (!config.databaseUrl) throw new Error("DATABASE_URL is required when a subgraph runs alone");
    const roles = await setUpDatabase({
      adminUrl: config.databaseUrl,
      schemas: [def.dbSchema],
      passwordKey: rolePasswordKey(config.databaseUrl, config.dataDir),
      sessionTag: `intersettle-${randomBytes(4).toString("hex")}`,
    });
    const subgraph = def.create({ databaseUrl: roles.urls[def.dbSchema], internalSecret: secret, adminToken: config.adminToken, baseCurrency: config.baseCurrency, subgraphUrls, logger, host: "0.0.0.0" });
    const result = await subgraph.start(Number(process.env.SUBGRAPH_PORT || config.port + def.portOffset));
    if (result.generatedAdminToken) process.stdout.write(`First operator token (ADMIN), shown once: ${result.generatedAdminToken}\n`);
    stop = subgraph.stop;
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // The part's database is not its own to stop: past the deadline, exiting closes its connections.
    setTimeout(() => process.exit(1), 8_000).unref();
    void stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
