import fs from "node:fs";
import path from "node:path";
import type { RevenueShareServices } from "@intersettle/revenue-share";
import { bareCopyMs, benchDatabase, benchGql as gql, benchHub, writeRows } from "./file-ingest-bench";

/**
 * Content transaction ingestion of a generated month (checked, keyed once per source and id, reversals placed in
 * their original's period, stored in monthly partitions), as a ratio to a bare COPY of the same file into a table
 * keyed by transaction id. BENCH_TRANSACTIONS sets the size (default 1M); peak RSS is the whole hub process's.
 */
const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS || 1_000_000);
const SERVICES = ["CRBT-1", "VOD-1", "GAME-1", "ALERTS-1", "SUBS-1"];
const HEADER = "transaction_id,service_code,subscriber,occurred_at,status,gross,tax,currency,original_transaction_id,bad_debt";

/** November in the source's clock (naive times): 2% refunds and 0.5% chargebacks of a charge 25 rows before, 3% failed, 1% bad debt. */
function writeTransactions(file: string): void {
  const base = Date.UTC(2026, 10, 1);
  const time = (i: number) => new Date(base + Math.floor((i / TRANSACTIONS) * 29 * 86400) * 1000).toISOString().slice(0, 19).replace("T", " ");
  const gross = (i: number) => `${1 + (i % 7)}.${String((i * 37) % 100).padStart(2, "0")}`;
  const tax = (i: number) => `0.${String((i * 11) % 50).padStart(2, "0")}`;
  writeRows(file, HEADER, TRANSACTIONS, (i) => {
    // A reversal reverses the charge 25 rows before it, of the same service (25 is a multiple of the 5 services).
    const reversal = i >= 25 && i % 50 === 49 ? "REFUNDED" : i % 200 === 130 ? "CHARGEBACK" : undefined;
    const original = reversal ? i - 25 : i;
    const status = reversal ?? (i % 100 === 3 ? "FAILED" : "CHARGED");
    const badDebt = status === "CHARGED" && i % 100 === 7 ? "true" : "";
    return `tx${i},${SERVICES[i % SERVICES.length]},+9198${String(i % 100_000_000).padStart(8, "0")},${time(i)},${status},${gross(original)},${tax(original)},USD,${reversal ? `tx${original}` : ""},${badDebt}`;
  });
}

async function main(): Promise<void> {
  const { dir, pg } = await benchDatabase("content");
  const file = path.join(dir, "transactions.csv");
  writeTransactions(file);
  const bare = `CREATE TABLE bare_content (transaction_id text PRIMARY KEY, service_code text, subscriber text, occurred_at timestamptz, status text, gross numeric, tax numeric,
    currency char(3), original_transaction_id text, bad_debt boolean)`;
  const copyMs = await bareCopyMs(pg, "bare_content", bare, file);

  const hub = await benchHub(pg, dir);
  const { createPartner } = await gql(hub.url, `mutation { createPartner(input: { code: "BENCH_CP", legalName: "Bench content", types: [CONTENT_PROVIDER], roles: [VENDOR], currency: "USD", timezone: "UTC" }) { id } }`);
  for (const code of SERVICES) {
    await gql(hub.url, `mutation($c: String!, $p: ID!) { createContentService(input: { code: $c, name: $c, kind: VOD, currency: "USD", providerId: $p }) { id } }`, { c: code, p: createPartner.id });
  }
  await gql(hub.url, `mutation { createContentSource(input: { code: "BENCH", name: "bench", timezone: "Asia/Kolkata" }) { id } }`);
  const revshare = hub.subgraphServices["revenue-share"] as RevenueShareServices;
  const t = performance.now();
  const job = await revshare.transactions.ingestion.ingest({ kind: "service", service: "bench" }, { source: "BENCH", fileName: "transactions.csv", body: fs.createReadStream(file) });
  const ingestMs = performance.now() - t;
  if (job.status !== "COMPLETED" || job.read !== TRANSACTIONS || job.read !== job.accepted + job.duplicate + job.rejected) throw new Error(`bench job ${JSON.stringify(job)}`);
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      name: `Content transaction ingestion, ${(TRANSACTIONS / 1e6).toLocaleString("en")}M transactions`,
      detail: `${TRANSACTIONS.toLocaleString("en")} content transactions (CSV with header, naive times in the source's zone, 2.5% reversals of earlier charges) checked field by field, keyed once per (source, transaction id) and stored in monthly partitions with binary COPY; ${job.accepted.toLocaleString("en")} accepted, ${job.rejected} rejected; ${job.timings.writeMs} ms of the run writing to PostgreSQL`,
      baseline: "bare PostgreSQL COPY of the same file into a table keyed by transaction_id",
      baselineMs: Math.round(copyMs),
      measuredMs: Math.round(ingestMs),
      ratio: +(ingestMs / copyMs).toFixed(2),
      throughput: `${Math.round(TRANSACTIONS / (ingestMs / 1000)).toLocaleString("en")} transactions/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();
