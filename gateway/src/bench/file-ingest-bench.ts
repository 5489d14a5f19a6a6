import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { bearer, ensureDatabase, freePort, graphqlRequest, readHubConfig, startEmbeddedPostgres, type RunningPostgres } from "@intersettle/shared";
import { startHub, type RunningHub } from "../hub";

/** What the file ingestion benches (CDRs, content transactions) share: a fresh database, the file, the bare COPY baseline, the hub. */
export const BENCH_TOKEN = "iso_bench-admin-token-000000000000000000000000";

export async function benchGql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(BENCH_TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** A folder for the run and a fresh embedded PostgreSQL (data inside it) with database "bench". */
export async function benchDatabase(name: string): Promise<{ dir: string; pg: RunningPostgres }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  await ensureDatabase(pg.url, "bench");
  return { dir, pg };
}

/** A generated file: `header`, then `row(i)` for each i below `count`, written a megabyte at a time. */
export function writeRows(file: string, header: string, count: number, row: (i: number) => string): void {
  const out = fs.openSync(file, "w");
  let chunk = `${header}\n`;
  for (let i = 0; i < count; i++) {
    chunk += `${row(i)}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

/** The baseline: milliseconds of a bare COPY of the CSV file (with header) into `table`, made by `ddl` and dropped after. */
export async function bareCopyMs(pg: RunningPostgres, table: string, ddl: string, file: string): Promise<number> {
  const db = new Client({ connectionString: pg.urlFor("bench") });
  await db.connect();
  await db.query(ddl);
  const t = performance.now();
  await pipeline(fs.createReadStream(file), db.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
  const ms = performance.now() - t;
  await db.query(`DROP TABLE ${table}`);
  await db.end();
  return ms;
}

/** The whole hub on the bench database. */
export function benchHub(pg: RunningPostgres, dir: string): Promise<RunningHub> {
  return startHub({ ...readHubConfig({}), databaseUrl: pg.urlFor("bench"), dataDir: dir, adminToken: BENCH_TOKEN, internalSecret: "bench" }, { ephemeralPorts: true });
}
