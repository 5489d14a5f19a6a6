import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import type { InvoicingServices } from "@intersettle/invoicing";
import { bareCopyMs, benchDatabase, benchGql as gql, benchHub, writeRows } from "./file-ingest-bench";

/**
 * A partner's CDR claim of BENCH_CALLS calls (default 1M) taken in as the CLI and drop folders send it (the file's
 * digest known first): every record checked field by field, written with COPY in the claim's one transaction, the
 * first of each call id kept. As a ratio to a bare COPY of the same file into a table keyed by call id. The reconciliation a
 * received claim goes to (against no calls of ours here) is timed apart and left out.
 */
const CALLS = Number(process.env.BENCH_CALLS || 1_000_000);
const HEADER = "call_id,start,duration,a_number,b_number,amount";

/** November in UTC, a call every ~2.6 s; every 1000th line a duplicate of the one before, every 2000th a bad duration. */
function writeClaim(file: string): void {
  const base = Date.UTC(2026, 10, 1);
  const time = (i: number) => new Date(base + Math.floor((i / CALLS) * 29 * 86400) * 1000).toISOString().slice(0, 19).replace("T", " ");
  writeRows(file, HEADER, CALLS, (i) => {
    const id = i % 1000 === 999 ? i - 1 : i;
    const duration = i % 2000 === 1500 ? "soon" : String(30 + (i % 600));
    return `c${id},${time(id)},${duration},+4930${String(id % 1_000_000).padStart(6, "0")},+4420${String((id * 7) % 1_000_000).padStart(6, "0")},0.${String(id % 1000).padStart(3, "0")}5`;
  });
}

async function main(): Promise<void> {
  const { dir, pg } = await benchDatabase("claims");
  const file = path.join(dir, "claim.csv");
  writeClaim(file);
  const sha256 = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  const bare = `CREATE TABLE bare_claim (call_id text PRIMARY KEY, start timestamptz, duration text, a_number text, b_number text, amount numeric)`;
  // The bare COPY refuses duplicates: it copies the file with them made unique.
  const unique = path.join(dir, "unique.csv");
  fs.writeFileSync(unique, fs.readFileSync(file, "utf8").replace(/^c(\d+),/gm, (_, n, offset) => `u${offset},`));
  const copyMs = await bareCopyMs(pg, "bare_claim", bare, unique);
  fs.rmSync(unique);

  const hub = await benchHub(pg, dir);
  const { createPartner } = await gql(hub.url, `mutation { createPartner(input: { code: "BENCH_CLAIM", legalName: "Bench carrier", types: [CARRIER], roles: [CUSTOMER], currency: "USD", timezone: "UTC", billingCycle: MONTHLY }) { id } }`);
  const db = new Client({ connectionString: pg.urlFor("bench") });
  await db.connect();
  // Invoicing learns of the partner from the partners topic.
  while ((await db.query(`SELECT 1 FROM invoicing.billing_account WHERE partner_id = $1`, [createPartner.id])).rowCount === 0) await new Promise((r) => setTimeout(r, 100));
  const invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t = performance.now();
  const claim = await invoicing.claims.ingestion.ingest({ kind: "service", service: "bench" }, { partnerId: createPartner.id, side: "RECEIVABLE", period: "2026-11", format: "NATIVE", fileName: "claim.csv", body: fs.createReadStream(file), fileSha256: sha256 });
  const totalMs = performance.now() - t;
  clearInterval(sampler);
  const [run] = (await db.query(`SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms, their_calls FROM invoicing.reconciliation WHERE claim_id = $1`, [claim.id])).rows;
  await db.end();
  const duplicates = Math.floor(CALLS / 1000);
  const bad = Math.floor((CALLS + 499) / 2000);
  if (claim.status !== "RECONCILED" || claim.read !== CALLS || claim.read !== claim.accepted + claim.duplicate + claim.rejected || claim.duplicate !== duplicates || claim.rejected !== bad) {
    throw new Error(`bench claim ${JSON.stringify({ status: claim.status, read: claim.read, accepted: claim.accepted, duplicate: claim.duplicate, rejected: claim.rejected, failure: claim.failure })}`);
  }
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const ingestMs = totalMs - Number(run.ms);
  console.log(
    JSON.stringify({
      name: `Claim ingestion, a ${(CALLS / 1e6).toLocaleString("en")}M-call CDR claim`,
      detail:
        `${CALLS.toLocaleString("en")} claimed calls (NATIVE CSV with the partner's amount per call) checked field by field, written with COPY in one transaction, the first of each call id kept by PostgreSQL once the file is read: ` +
        `${claim.accepted.toLocaleString("en")} accepted, ${claim.duplicate.toLocaleString("en")} duplicate, ${claim.rejected.toLocaleString("en")} rejected (as planted); ` +
        `the reconciliation it then went to (${Number(run.their_calls).toLocaleString("en")} of their calls against none of ours) took ${Math.round(Number(run.ms)).toLocaleString("en")} ms and is left out; ` +
        `peak RSS of the hub process ${Math.round(peak / 2 ** 20)} MB from ${Math.round(before / 2 ** 20)} MB before the claim`,
      baseline: "bare PostgreSQL COPY of the same file (ids made unique) into a table keyed by call id",
      baselineMs: Math.round(copyMs),
      measuredMs: Math.round(ingestMs),
      ratio: +(ingestMs / copyMs).toFixed(2),
      throughput: `${Math.round(CALLS / (ingestMs / 1000)).toLocaleString("en")} calls/s`,
      peakRssMb: Math.round(peak / 2 ** 20),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
