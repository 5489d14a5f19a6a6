import { createLogger, readHubConfig, stopEmbeddedPostgresNow } from "@intersettle/shared";
import { startHub, type RunningHub } from "./hub";

/** `npm start`: runs the whole hub and prints where to reach it and how to authenticate. */
async function main(): Promise<void> {
  const config = readHubConfig();
  const logger = createLogger("intersettle", config.logLevel);
  // A signal stops the whole hub; repeats (a terminal's Ctrl-C reaches npm and the hub, and npm passes it on) change
  // nothing. Listening from the start: a signal while the hub is starting stops it as soon as it has started.
  let hub: RunningHub | undefined;
  let stopping = false;
  const stop = (started: RunningHub) =>
    started.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Last resort, should even the forced stop (or a start) hang: process managers wait ten seconds before SIGKILL.
    setTimeout(() => {
      stopEmbeddedPostgresNow();
      process.exit(1);
    }, 9_000).unref();
    if (hub) void stop(hub);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // The gateway on its own thread: the hub's second core (INTERSETTLE_GATEWAY_THREAD=0 keeps it on the main one).
  hub = await startHub(config, { logger, gatewayThread: process.env.INTERSETTLE_GATEWAY_THREAD !== "0" });
  if (stopping) return void stop(hub);
  const lines = [
    "",
    "Intersettle hub is running",
    `  GraphQL:   ${hub.url}`,
    `  Health:    ${hub.url.replace(/graphql$/, "health")}   Readiness: ${hub.url.replace(/graphql$/, "ready")}`,
    `  Database:  ${hub.embeddedDatabase ? `embedded PostgreSQL, data in ${config.dataDir}/postgres` : "DATABASE_URL"}`,
  ];
  if (hub.generatedAdminToken) {
    lines.push(
      `  First operator token (ADMIN), shown once and saved to ${hub.adminTokenFile}:`,
      `    ${hub.generatedAdminToken}`,
    );
  } else if (config.adminToken) {
    lines.push("  Operator token: the value of INTERSETTLE_ADMIN_TOKEN");
  } else {
    lines.push(`  Operator token: the one printed at first start (saved in ${hub.adminTokenFile}),`, "    or restart with INTERSETTLE_ADMIN_TOKEN=<a secret starting with iso_> to register a new one");
  }
  lines.push(
    "  Try:",
    `    curl -s ${hub.url} -H "Authorization: Bearer $(cat ${hub.adminTokenFile} 2>/dev/null || echo $INTERSETTLE_ADMIN_TOKEN)" \\`,
    `      -H 'content-type: application/json' -d '{"query":"{ viewer { kind roles } }"}'`,
    "  Load demo data: npm run demo",
    "",
  );
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((err) => {
  process.stderr.write(`Intersettle failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
