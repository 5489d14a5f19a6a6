import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import type { InvoicingServices } from "@intersettle/invoicing";
import { freePort, readHubConfig, startEmbeddedPostgres, type RunningPostgres } from "@intersettle/shared";
import { startHub } from "../hub";
import { benchPartners, createBenchWorld, CUSTOMERS, ensureCallsFile, startBillingInNovember, TOKEN, VENDORS } from "./billing-traffic";
import { billedAgainstRated, usageAggregate, type BilledDocument, type Reconciliation } from "./billing-check";

/**
 * A monthly billing run for 100 customers and 20 vendors over BENCH_CALLS rated calls (default 10M), as a ratio to
 * a bare SQL aggregate of the same rated calls in the same run.
 *
 * The calls go through the real pipeline (partners, cards and trunks through the API, the CSV through the ingestion
 * service) in a child process, so that the peak RSS reported is the billing process's. Ingesting 10M calls takes far
 * longer than the billing run, so the ingested database is kept (one per size, under the OS temp folder; delete it or
 * set BENCH_REINGEST=1 to ingest again) and every run bills a fresh copy of it. Ingestion time is reported, not measured.
 */
const CALLS = Number(process.env.BENCH_CALLS || 10_000_000);
/** Bump when the bench's partners, cards or calls change: a kept database of another version is not reused. */
const WORLD_VERSION = 1;
const CACHE = path.join(os.tmpdir(), "intersettle-bench", `billing-v${WORLD_VERSION}-${CALLS}`);
/** Billing runs on 2 December for November, whichever day the bench runs. */
const NOW = new Date("2026-12-02T12:00:00Z");
// The hub's own clock must not bill behind the bench's back: its first tick finds no closed period, the next is weeks away.
process.env.INTERSETTLE_BILLING_TICK_MS = "2000000000";
process.env.INTERSETTLE_DROP_POLL_MS = "2000000000";

interface Setup {
  ids: Record<string, string>;
  ingestMs: number;
  read: number;
  rated: number;
  /** Of the ingestion, the time spent writing to PostgreSQL. */
  writeMs: number;
  setupMs: number;
  /** The ingesting process's peak RSS (not known for a database kept by an older version of this bench). */
  ingestPeakRssMb?: number;
  generateMs: number;
  ingestedAt: string;
}

/** The hub on `databaseUrl`, with a data folder of its own that goes when it stops. */
async function startBenchHub(databaseUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-billing-hub-"));
  const hub = await startHub({ ...readHubConfig({}), databaseUrl, dataDir, adminToken: TOKEN, internalSecret: "bench" }, { ephemeralPorts: true });
  return { ...hub, stop: () => hub.stop().finally(() => fs.rmSync(dataDir, { recursive: true, force: true })) };
}

/** The child: partners, cards and trunks through the API, then the calls file through the ingestion service. */
async function setUp(databaseUrl: string, file: string): Promise<void> {
  const hub = await startBenchHub(databaseUrl);
  let t = performance.now();
  const ids = await createBenchWorld(hub.url, benchPartners());
  const setupMs = performance.now() - t;
  const ingestion = (hub.subgraphServices.rating as { ingestion: { ingest: (p: unknown, r: unknown) => Promise<{ read: number; rated: number; timings: Record<string, number> }> } }).ingestion;
  t = performance.now();
  const job = await ingestion.ingest({ kind: "service", service: "bench" }, { source: "SW", fileName: path.basename(file), body: fs.createReadStream(file) });
  const ingestMs = performance.now() - t;
  await hub.stop();
  const ingestPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ids, ingestMs, read: job.read, rated: job.rated, writeMs: job.timings.writeMs, setupMs, ingestPeakRssMb }));
}

/** The database `ingested` holding the bench's partners and rated calls: kept from an earlier run, or made now. */
async function ingestedDatabase(pg: RunningPostgres): Promise<Setup & { reused: boolean }> {
  const setupFile = path.join(CACHE, "setup.json");
  if (fs.existsSync(setupFile) && !process.env.BENCH_REINGEST) return { ...(JSON.parse(fs.readFileSync(setupFile, "utf8")) as Setup), reused: true };
  fs.rmSync(setupFile, { force: true });
  await sql(pg.url, `DROP DATABASE IF EXISTS ingested WITH (FORCE)`, `CREATE DATABASE ingested`);
  const file = path.join(CACHE, "calls.csv");
  const generateMs = ensureCallsFile(file, CALLS, benchPartners());
  const { stdout } = await promisify(execFile)(process.execPath, [__filename], {
    maxBuffer: 1 << 24,
    env: { ...process.env, BENCH_BILLING_SETUP: JSON.stringify({ databaseUrl: pg.urlFor("ingested"), file }) },
  });
  // As a month-old table would be: vacuumed and analysed, so neither side pays for hint bits or guesses its plan.
  await sql(pg.urlFor("ingested"), `VACUUM ANALYZE rating.rated_cdr, rating.usage_hourly`);
  const setup: Setup = { ...JSON.parse(stdout.trim().split("\n").pop()!), generateMs, ingestedAt: new Date().toISOString() };
  fs.writeFileSync(setupFile, JSON.stringify(setup));
  fs.rmSync(file, { force: true });
  return { ...setup, reused: false };
}

async function sql(url: string, ...statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(CACHE, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(CACHE, "pg"), port: await freePort() });
  // A kept cluster runs with fsync on: fewer checkpoints and no wait on each commit while ingesting (none of it is measured).
  await sql(pg.url, `ALTER SYSTEM SET max_wal_size = '16GB'`, `ALTER SYSTEM SET synchronous_commit = off`, `SELECT pg_reload_conf()`);
  try {
    await run(pg);
  } finally {
    await pg.stop();
  }
}

async function run(pg: RunningPostgres): Promise<void> {
  const setup = await ingestedDatabase(pg);
  // Each run bills its own copy, so November is unbilled every time.
  await sql(pg.url, `DROP DATABASE IF EXISTS bench WITH (FORCE)`, `CREATE DATABASE bench TEMPLATE ingested STRATEGY FILE_COPY`);
  const databaseUrl = pg.urlFor("bench");
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const hub = await startBenchHub(databaseUrl);
  const invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  const partners = benchPartners();
  const codes = Object.fromEntries(Object.entries(setup.ids).map(([code, id]) => [id, code]));
  const byCode = new Map(partners.map((p) => [p.code, p]));

  let t = performance.now();
  const customerUsage = await usageAggregate(db, "CUSTOMER", partners);
  const customerMs = performance.now() - t;
  t = performance.now();
  const vendorUsage = await usageAggregate(db, "VENDOR", partners);
  const vendorMs = performance.now() - t;
  const aggregateMs = customerMs + vendorMs;

  await startBillingInNovember(hub.url, Object.values(setup.ids));
  t = performance.now();
  const billed = await invoicing.scheduler.tick(NOW);
  const billingMs = performance.now() - t;

  const { rows: documents } = await db.query<BilledDocument>(
    `SELECT i.partner_id, i.side, i.currency, i.net::text, i.gross::text, count(l.id)::int AS lines
       FROM invoicing.invoice i LEFT JOIN invoicing.invoice_line l ON l.invoice_id = i.id
      WHERE i.status = 'DRAFT' AND i.kind = 'INVOICE' GROUP BY i.id`,
  );
  const partnerOf = (id: string) => byCode.get(codes[id])!;
  const receivable = billedAgainstRated(documents.filter((d) => d.side === "RECEIVABLE"), customerUsage, partnerOf);
  const payable = billedAgainstRated(documents.filter((d) => d.side === "PAYABLE"), vendorUsage, partnerOf);
  await db.end();
  await hub.stop();
  await sql(pg.url, `DROP DATABASE bench WITH (FORCE)`);

  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  const summary = (r: Reconciliation) =>
    `${r.documents} drafts, ${fmt(r.lines)} lines (${fmt(r.groups)} aggregate groups), ${r.matching} of ${r.partners} partners billed exactly their rated usage; billed ${r.billed} vs rated ${r.rated}`;
  const ingested = setup.reused ? `by an earlier run (${setup.ingestedAt.slice(0, 16).replace("T", " ")} UTC), reused` : `this run, calls file written in ${fmt(setup.generateMs)} ms`;
  console.log(
    JSON.stringify({
      name: `Monthly billing run, ${CUSTOMERS} customers and ${VENDORS} vendors, ${(CALLS / 1e6).toLocaleString("en")}M calls`,
      detail:
        `scheduler.tick on 2 December billed ${billed} periods, November in each partner's timezone (New York, Kolkata, London, Berlin, Singapore; USD, INR, GBP and EUR invoices; ` +
        `tax; 3 rounding rules), over ${fmt(setup.rated)} rated calls; receivable: ${summary(receivable)}; payable: ${summary(payable)}; ` +
        `aggregate: customer leg ${fmt(customerMs)} ms, vendor leg ${fmt(vendorMs)} ms; not measured: ingestion of the ${fmt(setup.read)} calls through the ingestion service ` +
        `${fmt(setup.ingestMs)} ms (${fmt(setup.read / (setup.ingestMs / 1000))} calls/s, ${fmt(setup.writeMs)} ms of it writing to PostgreSQL${setup.ingestPeakRssMb ? `, peak RSS ${fmt(setup.ingestPeakRssMb)} MB` : ""}) after ${fmt(setup.setupMs)} ms creating partners and cards, ${ingested}`,
      baseline: "bare SQL aggregate of the same rated calls by partner, destination, prefix and rate, both legs",
      baselineMs: Math.round(aggregateMs),
      measuredMs: Math.round(billingMs),
      ratio: +(billingMs / aggregateMs).toFixed(2),
      throughput: `${fmt(setup.rated / (billingMs / 1000))} calls/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  if (billed !== CUSTOMERS + VENDORS || receivable.matching !== receivable.partners || payable.matching !== payable.partners) process.exitCode = 1;
}

const child = process.env.BENCH_BILLING_SETUP;
const done = child ? setUp(JSON.parse(child).databaseUrl, JSON.parse(child).file) : main();
done.catch((err) => {
  console.error(err);
  process.exit(1);
});
