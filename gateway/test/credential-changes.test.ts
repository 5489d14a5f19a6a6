import { Client } from "pg";
import { appendEvent, createTestDatabase, ensureSharedLogs } from "@intersettle/shared";
import { followCredentialChanges, LISTENER_NAME, type CredentialChanges } from "../src/credential-changes";
import { PrincipalCache } from "../src/principal-cache";

let url: string;
let admin: Client;
let changes: CredentialChanges | undefined;

beforeAll(async () => {
  url = await createTestDatabase("credential_changes");
  await ensureSharedLogs(url);
  admin = new Client({ connectionString: url });
  await admin.connect();
});
afterEach(() => changes?.stop());
afterAll(() => admin?.end());

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A cache holding one principal. */
async function filled(cache: PrincipalCache): Promise<void> {
  await cache.resolve("iso_x", async () => ({ principal: { kind: "operator", id: "o", name: "o", roles: [] }, expiresAt: null }));
  expect(cache.size).toBe(1);
}

async function publish(topic: "credentials" | "partners" | "traffic"): Promise<void> {
  await admin.query("BEGIN");
  await appendEvent(admin, { topic, type: "test.changed", payload: {}, producer: "test" });
  await admin.query("COMMIT");
}

describe("followCredentialChanges", () => {
  it("serves once listening, and empties the cache on a credentials or partners commit, not on other topics", async () => {
    const cache = new PrincipalCache({ ttlMs: 60_000, maxEntries: 10 });
    changes = followCredentialChanges(url, cache);
    await until(() => cache.isServing);
    await filled(cache);
    await publish("traffic");
    await new Promise((r) => setTimeout(r, 200));
    expect(cache.size).toBe(1);
    for (const topic of ["credentials", "partners"] as const) {
      await publish(topic);
      await until(() => cache.size === 0, 2000);
      await filled(cache);
    }
  });

  it("stops serving the moment its connection is lost, and serves again once it listens anew", async () => {
    const cache = new PrincipalCache({ ttlMs: 60_000, maxEntries: 10 });
    changes = followCredentialChanges(url, cache);
    await until(() => cache.isServing);
    await filled(cache);
    const { rows } = await admin.query("SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [LISTENER_NAME]);
    expect(rows).toEqual([{ ended: true }]);
    await until(() => !cache.isServing, 2000);
    expect(cache.size).toBe(0);
    await until(() => cache.isServing, 5000);
    await filled(cache);
    await publish("credentials");
    await until(() => cache.size === 0, 2000);
  });
});
