import { createHash, createHmac } from "node:crypto";
import path from "node:path";
import type { Client } from "pg";
import { createSharedLogs, SHARED_LOGS } from "./shared-logs";
import { withAdvisoryLock } from "./schema-data-source";
import { readOrCreateSecret } from "./secret-file";

export interface DatabaseSetUpOptions {
  /** The administrator's connection to the hub's database: a superuser, or a role with CREATEROLE that owns the database. */
  adminUrl: string;
  /** The Postgres schema of each subgraph to set up. */
  schemas: string[];
  /** What role passwords are derived from (see rolePasswordKey). */
  passwordKey: string;
  /** Names the connections (application_name) so that a forced stop can end exactly this process's sessions. */
  sessionTag?: string;
}

export interface SubgraphRoles {
  /** Each schema's role URL: the subgraph connects with it and with nothing else. */
  urls: Record<string, string>;
  /** The application_name of each schema's connections. */
  sessionNames: string[];
}

/**
 * The shared database set-up, run as the administrator before any subgraph starts (idempotent, under an advisory
 * lock, so processes starting side by side take turns): creates the shared logs and, per subgraph, a LOGIN role
 * that owns the subgraph's schema (it runs its own migrations and creates its partitions there), may read and
 * append to the shared logs, and has no right on another subgraph's schema, nor SUPERUSER, CREATEROLE or CREATEDB.
 * So "a subgraph is its schema's only writer" holds in PostgreSQL itself.
 */
export async function setUpDatabase(options: DatabaseSetUpOptions): Promise<SubgraphRoles> {
  return withAdvisoryLock(options.adminUrl, "database-set-up", async (client) => {
    const { rows } = await client.query<{ database: string; superuser: boolean; createrole: boolean }>(
      "SELECT current_database() AS database, rolsuper AS superuser, rolcreaterole AS createrole FROM pg_roles WHERE rolname = current_user",
    );
    const { database, superuser, createrole } = rows[0];
    if (!superuser && !createrole) {
      throw new Error("DATABASE_URL's user can neither create roles nor is a superuser: give it CREATEROLE and ownership of the database (see README, Database roles)");
    }
    const urls: Record<string, string> = {};
    const sessionNames: string[] = [];
    await client.query("BEGIN");
    try {
      await createSharedLogs(client);
      for (const schema of options.schemas) {
        const role = subgraphRoleName(database, schema);
        const password = rolePassword(options.passwordKey, role);
        await ensureRole(client, role, password, superuser);
        await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${client.escapeIdentifier(role)}`);
        await handOverSchema(client, schema, role);
        await grantSharedLogs(client, role);
        const url = new URL(options.adminUrl);
        url.username = role;
        url.password = password;
        if (options.sessionTag) {
          const sessionName = `${options.sessionTag}/${schema}`.slice(0, 63);
          url.searchParams.set("application_name", sessionName);
          sessionNames.push(sessionName);
        }
        urls[schema] = url.toString();
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
    return { urls, sessionNames };
  });
}

/** `<database>_<schema>`: roles belong to the whole server, so one per database keeps databases on one server apart. */
export function subgraphRoleName(database: string, schema: string): string {
  const raw = `${database}_${schema}`;
  const name = raw.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  if (name === raw && name.length <= 63) return name;
  // Shortened or changed names keep a hash of the original, so two databases never share a role.
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 8);
  return `${name.slice(0, 63 - schema.length - 10)}_${hash}_${schema}`;
}

/**
 * The key role passwords are derived from: the administrator's password when DATABASE_URL carries one (every
 * process given that URL derives the same passwords, so replicas agree), else a secret kept in the data folder.
 */
export function rolePasswordKey(adminUrl: string, dataDir: string): string {
  const password = decodeURIComponent(new URL(adminUrl).password);
  return password !== "" ? password : readOrCreateSecret(path.join(dataDir, "database-roles.key"));
}

function rolePassword(key: string, role: string): string {
  return createHmac("sha256", key).update(`intersettle database role ${role}`).digest("base64url");
}

/** Creates the role or, when it exists, sets its password and takes away any power it should not have. */
async function ensureRole(client: Client, role: string, password: string, asSuperuser: boolean): Promise<void> {
  const name = client.escapeIdentifier(role);
  const found = await client.query<{ powerful: boolean; member: boolean }>(
    `SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS powerful, pg_has_role(current_user, oid, 'MEMBER') AS member
       FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  const verb = found.rowCount === 0 ? "CREATE" : "ALTER";
  await client.query(`${verb} ROLE ${name} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  if (found.rows[0]?.powerful) await client.query(`ALTER ROLE ${name} NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS`);
  // Handing objects over to a role takes membership in it, unless one is a superuser.
  if (!asSuperuser && !found.rows[0]?.member) await client.query(`GRANT ${name} TO CURRENT_USER`);
}

/** The schema and everything in it belong to the role; an install whose superuser made them gives them over. */
async function handOverSchema(client: Client, schema: string, role: string): Promise<void> {
  const [s, r] = [client.escapeIdentifier(schema), client.escapeIdentifier(role)];
  const found = await client.query<{ owned: boolean }>("SELECT nspowner = $2::regrole AS owned FROM pg_namespace WHERE nspname = $1", [schema, role]);
  if (found.rowCount === 0) return void (await client.query(`CREATE SCHEMA ${s} AUTHORIZATION ${r}`));
  if (!found.rows[0].owned) await client.query(`ALTER SCHEMA ${s} OWNER TO ${r}`);
  const others = (sql: string) => client.query<{ kind: string; name: string }>(sql, [schema, role]).then((res) => res.rows);
  // Tables (partitions included; each is its own relation) carry their indexes and column sequences with them.
  for (const rel of await others(
    `SELECT CASE c.relkind WHEN 'c' THEN 'TYPE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relowner <> $2::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')`,
  )) {
    await client.query(`ALTER ${rel.kind} ${rel.name} OWNER TO ${r}`);
  }
  for (const item of await others(
    `SELECT 'SEQUENCE' AS kind, c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relowner <> $2::regrole AND c.relkind = 'S'
     UNION ALL
     SELECT 'TYPE', t.oid::regtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typowner <> $2::regrole AND t.typtype IN ('e', 'd', 'r')
     UNION ALL
     SELECT 'ROUTINE', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner <> $2::regrole`,
  )) {
    await client.query(`ALTER ${item.kind} ${item.name} OWNER TO ${r}`);
  }
}

/** Read and append on every shared log; UPDATE only where a log says so (consumer cursors). */
async function grantSharedLogs(client: Client, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  for (const log of SHARED_LOGS) {
    const s = client.escapeIdentifier(log.schema);
    await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
    await client.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
    for (const table of log.updatable ?? []) await client.query(`GRANT UPDATE ON ${s}.${client.escapeIdentifier(table)} TO ${r}`);
  }
}
