import { Client } from "pg";
import { createTestDatabase, setUpDatabase } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
let partnerId: string;

beforeAll(async () => {
  hub = await startTestHub("roles");
  partnerId = (await createPartner(hub, "ROLES")).id;
});
afterAll(() => hub?.stop());

/** Runs `fn` connected as one subgraph's role, in a transaction that is rolled back. */
async function as<T>(schema: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: hub.subgraphDatabaseUrls[schema] });
  await db.connect();
  try {
    await db.query("BEGIN");
    return await fn(db);
  } finally {
    await db.query("ROLLBACK").catch(() => undefined);
    await db.end();
  }
}

/** The SQLSTATE a statement fails with (in its own savepoint), or "ok". */
async function outcome(db: Client, sql: string, params: unknown[] = []): Promise<string> {
  await db.query("SAVEPOINT probe");
  try {
    await db.query(sql, params);
    return "ok";
  } catch (err) {
    return (err as { code: string }).code;
  } finally {
    await db.query("ROLLBACK TO SAVEPOINT probe");
  }
}

const DENIED = "42501";

it("connects each subgraph as its own role, none of them powerful", async () => {
  for (const schema of ["partners", "rating"]) {
    const role = await as(schema, async (db) => (await db.query("SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user")).rows[0]);
    expect(role).toEqual({ name: expect.stringMatching(new RegExp(`^roles_[0-9a-f]+_${schema}$`)), rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const foreign = await as(schema, async (db) => (await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tableowner <> current_user", [schema])).rows[0].n);
    expect(foreign).toBe(0); // it owns every table of its schema, partitions included
  }
});

it("lets the rating role neither read nor write partners' tables, nor change the event log or the audit trail", async () => {
  await as("rating", async (db) => {
    expect(await outcome(db, "SELECT * FROM partners.partner")).toBe(DENIED);
    expect(await outcome(db, "UPDATE partners.partner SET legal_name = 'pwned' WHERE id = $1", [partnerId])).toBe(DENIED);
    expect(await outcome(db, "INSERT INTO partners.partner (id) VALUES ('x')")).toBe(DENIED);
    expect(await outcome(db, "UPDATE events.event SET payload = '{}'")).toBe(DENIED);
    expect(await outcome(db, "DELETE FROM events.event")).toBe(DENIED);
    expect(await outcome(db, "TRUNCATE events.event")).toBe(DENIED);
    expect(await outcome(db, "UPDATE audit.entry SET actor = 'nobody'")).toBe(DENIED);
    expect(await outcome(db, "DELETE FROM audit.entry")).toBe(DENIED);
    expect(await outcome(db, "TRUNCATE audit.entry")).toBe(DENIED);
    expect(await outcome(db, "CREATE SCHEMA elsewhere")).toBe(DENIED);
    expect(await outcome(db, "CREATE TABLE events.mine (id int)")).toBe(DENIED);
    // What it is for: appending to the log, moving its cursor, and its own schema.
    expect(await outcome(db, "INSERT INTO events.event (topic, type, payload, producer) VALUES ('rates', 'probe', '{}', 'rating')")).toBe("ok");
    expect(await outcome(db, "INSERT INTO events.consumer_cursor (consumer, position) VALUES ('probe', '0') ON CONFLICT (consumer) DO UPDATE SET position = '0'")).toBe("ok");
    expect(await outcome(db, "SELECT count(*) FROM events.event")).toBe("ok");
    expect(await outcome(db, "INSERT INTO audit.entry (subgraph, entity_type, entity_id, action, actor, changed_fields) VALUES ('rating', 'RATE_CARD', 'x', 'probe', 'service:test', '{}')")).toBe("ok");
    expect(await outcome(db, "CREATE TABLE rating.probe (id int)")).toBe("ok");
  });
});

it("lets the partners role not write rating's tables", async () => {
  await as("partners", async (db) => {
    expect(await outcome(db, "INSERT INTO rating.destination (prefix, name) VALUES ('1', 'x')")).toBe(DENIED);
    expect(await outcome(db, "UPDATE rating.rate_card SET name = 'pwned'")).toBe(DENIED);
    expect(await outcome(db, "DELETE FROM rating.rated_cdr")).toBe(DENIED);
    expect(await outcome(db, "DELETE FROM events.event")).toBe(DENIED);
  });
});

it("still works end to end on those roles: partners' events reach rating", async () => {
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: partnerId });
  expect(card.errors).toBeUndefined();
});

it("hands a schema its superuser made over to the subgraph's role, idempotently and side by side", async () => {
  const adminUrl = await createTestDatabase("handover");
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`
      CREATE SCHEMA rating;
      CREATE TYPE rating.kind AS ENUM ('a');
      CREATE TABLE rating.plain (id bigserial PRIMARY KEY, kind rating.kind);
      CREATE TABLE rating.calls (at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE rating.calls_2026_01 PARTITION OF rating.calls FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
      CREATE SEQUENCE rating.loose;`);
    const options = { adminUrl, schemas: ["rating", "partners"], passwordKey: "test-key" };
    const [first, second] = await Promise.all([setUpDatabase(options), setUpDatabase(options)]);
    expect(second.urls).toEqual(first.urls);
    const db = new Client({ connectionString: first.urls.rating });
    await db.connect();
    try {
      await db.query("INSERT INTO rating.plain (kind) VALUES ('a')");
      await db.query("ALTER TYPE rating.kind ADD VALUE 'b'");
      await db.query("CREATE TABLE rating.calls_2026_02 PARTITION OF rating.calls FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')");
      await db.query("SELECT nextval('rating.loose')");
      expect((await db.query("SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'rating' AND c.relowner <> current_user::regrole")).rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  } finally {
    await admin.end();
  }
});

it("sets up with an administrator that is no superuser, only CREATEROLE and the database's owner", async () => {
  const serverUrl = await createTestDatabase("delegated");
  const database = new URL(serverUrl).pathname.slice(1);
  const admin = `${database}_admin`;
  const superuser = new Client({ connectionString: serverUrl });
  await superuser.connect();
  try {
    await superuser.query(`CREATE ROLE ${admin} LOGIN PASSWORD 'delegated-admin' CREATEROLE; ALTER DATABASE ${database} OWNER TO ${admin}`);
  } finally {
    await superuser.end();
  }
  const adminUrl = new URL(serverUrl);
  adminUrl.username = admin;
  adminUrl.password = "delegated-admin";
  const roles = await setUpDatabase({ adminUrl: adminUrl.toString(), schemas: ["partners", "rating"], passwordKey: "delegated-admin" });
  const db = new Client({ connectionString: roles.urls.rating });
  await db.connect();
  try {
    await db.query("CREATE TABLE rating.mine (id int)");
    await db.query("INSERT INTO events.event (topic, type, payload, producer) VALUES ('rates', 'probe', '{}', 'rating')");
    await expect(db.query("CREATE TABLE partners.theirs (id int)")).rejects.toMatchObject({ code: DENIED });
    await expect(db.query("DELETE FROM events.event")).rejects.toMatchObject({ code: DENIED });
  } finally {
    await db.end();
  }
});
