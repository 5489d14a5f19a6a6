import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "../db/embedded-postgres";
import { TEST_PG_URL_ENV } from "./test-database";
import { freePort } from "../net";

declare global {
  // eslint-disable-next-line no-var
  var __INTERSETTLE_TEST_PG__: RunningPostgres | undefined;
}

/** One embedded PostgreSQL for the whole test run; each test file creates its own database on it. */
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-test-"));
  fs.chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, ephemeral: true });
  globalThis.__INTERSETTLE_TEST_PG__ = server;
  process.env[TEST_PG_URL_ENV] = server.url;
}

