import { randomBytes } from "node:crypto";
import { Client } from "pg";

/** Set by the jest global set-up to the embedded server's maintenance database. */
export const TEST_PG_URL_ENV = "INTERSETTLE_TEST_PG_URL";

/** A new, empty database on the test server, so test files never see each other's rows. */
export async function createTestDatabase(label = "t"): Promise<string> {
  const serverUrl = process.env[TEST_PG_URL_ENV];
  if (!serverUrl) throw new Error(`${TEST_PG_URL_ENV} is not set: run tests through jest (npm test)`);
  const name = `${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
