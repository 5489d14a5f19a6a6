import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bearer, createTestDatabase, graphqlRequest, readHubConfig, type GraphQLResponse } from "@intersettle/shared";
import { startHub, type HubOptions, type RunningHub } from "../../src/hub";

export const ADMIN_TOKEN = "iso_test-admin-token-0123456789abcdefghijklmnop";

export interface TestHub extends RunningHub {
  /** The folder drop folders must live under (INTERSETTLE_DROP_ROOT): drop/ in the test hub's data folder. */
  dropRoot: string;
  /** Runs an operation as the admin operator, or as the given bearer secret. */
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
}

/** The real hub (every subgraph and the gateway, over HTTP) on a fresh database of the test server. */
export async function startTestHub(label: string, options: HubOptions = {}): Promise<TestHub> {
  // Tests drive drop-folder scans themselves, so no background scan races them.
  process.env.INTERSETTLE_DROP_POLL_MS ??= "3600000";
  // …and their billing clock (services.scheduler.tick(now)).
  process.env.INTERSETTLE_BILLING_TICK_MS ??= "3600000";
  const databaseUrl = await createTestDatabase(label);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `intersettle-${label}-`));
  const config = { ...readHubConfig({}), databaseUrl, dataDir, dropRoot: path.join(dataDir, "drop"), adminToken: ADMIN_TOKEN, internalSecret: `secret-${label}` };
  const hub = await startHub(config, { ephemeralPorts: true, ...options });
  return {
    ...hub,
    dropRoot: config.dropRoot,
    query: (query, variables = {}, token = ADMIN_TOKEN) => graphqlRequest(hub.url, query, variables, bearer(token)),
  };
}
