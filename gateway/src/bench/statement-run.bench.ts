import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { RevenueShareServices } from "@intersettle/revenue-share";
import { bearer, Decimal, ensureDatabase, freePort, graphqlRequest, readHubConfig, startEmbeddedPostgres } from "@intersettle/shared";
import { startHub } from "../hub";

/**
 * A monthly revenue-share statement run over BENCH_TRANSACTIONS content transactions (default 1M), as a ratio to a
 * bare SQL aggregate of the same rows in the same run. Four content partners (an aggregator, two providers, a platform
 * enabler) in one timezone share seven services, one per share model; the transactions go through the ingestion
 * service first (reported, not measured). The run is the scheduler's tick on 2 December: November for every partner,
 * usage read, settled by the domain, written as draft statements with their lines, audited.
 */
const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS || 1_000_000);
const TOKEN = "iso_bench-admin-token-000000000000000000000000";
const NOW = new Date("2026-12-02T12:00:00Z");
const ZONE = "Asia/Kolkata";
// The hub's own clock must not run November behind the bench's back.
process.env.INTERSETTLE_STATEMENT_TICK_MS = "2000000000";
process.env.INTERSETTLE_DROP_POLL_MS = "2000000000";

const PARTNERS = [
  { key: "AGG", code: "BENCH_AGG", types: ["AGGREGATOR"] },
  { key: "CP1", code: "BENCH_CP1", types: ["CONTENT_PROVIDER"] },
  { key: "CP2", code: "BENCH_CP2", types: ["CONTENT_PROVIDER"] },
  { key: "PE", code: "BENCH_PE", types: ["PLATFORM_ENABLER"] },
];

const PERCENT = (percent: string) => ({ model: "PERCENT", percent });
const REMAINDER = { model: "REMAINDER" };
const OPERATOR = (rule: object) => ({ partyRole: "OPERATOR", rule });

/** One service per share model: code, chain, waterfall (partner keys resolved at creation) and price. */
const SERVICES = [
  { code: "B-PERCENT", kind: "CRBT", chain: { CP1: "providerId", AGG: "aggregatorId" }, price: "30.00",
    waterfall: [OPERATOR(PERCENT("40")), ["AGGREGATOR", "AGG", PERCENT("20")], ["CONTENT_PROVIDER", "CP1", REMAINDER]] },
  { code: "B-MARGINAL", kind: "GAMING", chain: { CP1: "providerId" }, price: "99.00",
    waterfall: [OPERATOR({ model: "TIERED_MARGINAL", basis: "VOLUME", tiers: [{ from: "0", percent: "50" }, { from: "50000", percent: "40" }, { from: "100000", percent: "30" }] }), ["CONTENT_PROVIDER", "CP1", REMAINDER]] },
  { code: "B-WHOLE", kind: "VOD", chain: { CP2: "providerId", AGG: "aggregatorId" }, price: "149.00",
    waterfall: [OPERATOR(PERCENT("30")), ["AGGREGATOR", "AGG", { model: "TIERED_WHOLE", basis: "REVENUE", tiers: [{ from: "0", percent: "10" }, { from: "1000000", percent: "15" }] }], ["CONTENT_PROVIDER", "CP2", REMAINDER]] },
  { code: "B-FIXED", kind: "ALERTS", chain: { CP2: "providerId", AGG: "aggregatorId" }, price: "5.00",
    waterfall: [OPERATOR(PERCENT("10")), ["CONTENT_PROVIDER", "CP2", { model: "FIXED_PER_TRANSACTION", fee: "1.50" }], ["AGGREGATOR", "AGG", REMAINDER]] },
  { code: "B-MG", kind: "LIVE_SCORE", chain: { CP1: "providerId" }, price: "10.00",
    waterfall: [OPERATOR(PERCENT("60")), ["CONTENT_PROVIDER", "CP1", REMAINDER, { minimumGuarantee: "700000.00" }]] },
  { code: "B-CAP", kind: "SUBSCRIPTION", chain: { CP2: "providerId" }, price: "199.00",
    waterfall: [OPERATOR(PERCENT("50")), ["CONTENT_PROVIDER", "CP2", REMAINDER, { cap: "100000.00" }]] },
  { code: "B-WATERFALL", kind: "SUBSCRIPTION", chain: { CP1: "providerId", AGG: "aggregatorId", PE: "enablerId" }, price: "49.00", deductions: { platformFeePercent: "2" },
    waterfall: [OPERATOR(PERCENT("50")), ["PLATFORM_ENABLER", "PE", PERCENT("10")], ["AGGREGATOR", "AGG", PERCENT("20")], ["CONTENT_PROVIDER", "CP1", REMAINDER]] },
] as const;

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** November in IST: every 67th transaction refunded a minute later, every 50th failed, every 400th bad debt; GST 18% included. */
function writeTransactions(file: string): void {
  const out = fs.openSync(file, "w");
  let chunk = "transaction_id,service_code,subscriber,occurred_at,status,gross,tax,currency,original_transaction_id,bad_debt\n";
  const start = Date.UTC(2026, 10, 1) - 5.5 * 3600_000;
  const month = 30 * 86400_000 - 120_000;
  for (let i = 0; i < TRANSACTIONS; i++) {
    const service = SERVICES[(i * 7919) % SERVICES.length];
    const tax = ((Number(service.price) * 18) / 118).toFixed(2);
    const at = new Date(start + Math.floor((i / TRANSACTIONS) * month)).toISOString();
    const failed = i % 50 === 3;
    chunk += `t${i},${service.code},+9198${String(i % 100_000_000).padStart(8, "0")},${at},${failed ? "FAILED" : "CHARGED"},${service.price},${tax},INR,,${i % 400 === 9}\n`;
    if (!failed && i % 67 === 5) chunk += `t${i}-r,${service.code},+9198${String(i % 100_000_000).padStart(8, "0")},${new Date(Date.parse(at) + 60_000).toISOString()},REFUNDED,${service.price},${tax},INR,t${i},false\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

/** The bare aggregate the run is measured against: the month's rows summed per service and status in one pass. */
async function bareAggregate(db: Client): Promise<Map<string, { charged: number; gross: string }>> {
  const { rows } = await db.query<{ service_id: string; status: string; n: number; gross: string; tax: string; bad_debt: string }>(
    `SELECT service_id, status, count(*)::int AS n, sum(gross)::text AS gross, sum(tax)::text AS tax, coalesce(sum(gross) FILTER (WHERE bad_debt), 0)::text AS bad_debt
       FROM revshare.content_transaction WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY service_id, status`,
    [new Date(Date.UTC(2026, 10, 1) - 5.5 * 3600_000), new Date(Date.UTC(2026, 11, 1) - 5.5 * 3600_000)],
  );
  return new Map(rows.filter((r) => r.status === "CHARGED").map((r) => [r.service_id, { charged: r.n, gross: r.gross }]));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-statements-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  await ensureDatabase(pg.url, "bench");
  const hub = await startHub({ ...readHubConfig({}), databaseUrl: pg.urlFor("bench"), dataDir: dir, adminToken: TOKEN, internalSecret: "bench" }, { ephemeralPorts: true });
  const revshare = hub.subgraphServices["revenue-share"] as RevenueShareServices;
  let t = performance.now();
  const ids: Record<string, string> = {};
  for (const p of PARTNERS) {
    const { createPartner } = await gql(hub.url, `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, {
      i: { code: p.code, legalName: p.code, types: p.types, roles: ["VENDOR"], currency: "INR", timezone: ZONE, billingCycle: "MONTHLY" },
    });
    ids[p.key] = createPartner.id;
  }
  for (const s of SERVICES) {
    const chain = Object.fromEntries(Object.entries(s.chain).map(([key, field]) => [field, ids[key]]));
    const { createContentService } = await gql(hub.url, `mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, { i: { code: s.code, name: s.code, kind: s.kind, currency: "INR", ...chain } });
    const waterfall = s.waterfall.map((step) => (Array.isArray(step) ? { partyRole: step[0], partnerId: ids[step[1]], rule: step[2], ...(step[3] ?? {}) } : step));
    await gql(hub.url, `mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { id } }`, {
      i: { serviceId: createContentService.id, effectiveFrom: "2026-01-01", deductions: "deductions" in s ? s.deductions : undefined, waterfall },
    });
  }
  await gql(hub.url, `mutation { createContentSource(input: { code: "BENCH_VAS", name: "bench", timezone: "${ZONE}" }) { id } }`);
  for (const id of Object.values(ids)) await gql(hub.url, `mutation($p: ID!) { setStatementStart(partnerId: $p, date: "2026-11-01") }`, { p: id });
  const setupMs = performance.now() - t;

  const file = path.join(dir, "transactions.csv");
  t = performance.now();
  writeTransactions(file);
  const generateMs = performance.now() - t;
  t = performance.now();
  const job = await revshare.transactions.ingestion.ingest({ kind: "service", service: "bench" }, { source: "BENCH_VAS", fileName: "transactions.csv", body: fs.createReadStream(file) });
  const ingestMs = performance.now() - t;
  fs.rmSync(file, { force: true });

  const db = new Client({ connectionString: pg.urlFor("bench") });
  await db.connect();
  // As a month-old table would be: vacuumed and analysed, so neither side pays for hint bits or guesses its plan.
  await db.query(`VACUUM ANALYZE revshare.content_transaction`);
  t = performance.now();
  const bare = await bareAggregate(db);
  const aggregateMs = performance.now() - t;

  t = performance.now();
  const ran = await revshare.scheduler.tick(NOW);
  const runMs = performance.now() - t;

  // Every service's gross on the statements is the aggregate's, and every partner has its November statement.
  const { rows: stated } = await db.query<{ service_id: string; gross: string; statements: number }>(
    `SELECT l.service_id, max(l.amount)::text AS gross, count(DISTINCT l.statement_id)::int AS statements FROM revshare.statement_line l WHERE l.kind = 'GROSS' GROUP BY l.service_id`,
  );
  const matching = stated.filter((s) => bare.has(s.service_id) && new Decimal(bare.get(s.service_id)!.gross).equals(s.gross)).length;
  const [{ statements, lines }] = (await db.query(`SELECT count(*)::int AS statements, (SELECT count(*)::int FROM revshare.statement_line) AS lines FROM revshare.statement`)).rows;
  await db.end();
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  console.log(
    JSON.stringify({
      name: `Monthly revenue-share statement run, ${(TRANSACTIONS / 1e6).toLocaleString("en")}M content transactions`,
      detail:
        `scheduler.tick on 2 December ran ${ran} partner periods (November in ${ZONE}; an aggregator, two providers, a platform enabler) over ${fmt(job.accepted)} ingested transactions of 7 services, ` +
        `one per share model (percent, marginal and whole-volume tiers, fixed fee, guarantee, cap, 3-party waterfall): ${statements} draft statements, ${fmt(lines)} lines; ` +
        `${matching} of ${SERVICES.length} services stated exactly the aggregate's gross; not measured: ${fmt(setupMs)} ms creating partners, services and agreements through the API, ` +
        `${fmt(generateMs)} ms writing the file, ingestion through the ingestion service ${fmt(ingestMs)} ms (${fmt(job.read / (ingestMs / 1000))} records/s)`,
      baseline: "bare SQL aggregate of the same month's rows per service and status",
      baselineMs: Math.round(aggregateMs),
      measuredMs: Math.round(runMs),
      ratio: +(runMs / aggregateMs).toFixed(2),
      throughput: `${fmt(job.accepted / (runMs / 1000))} transactions/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
  if (ran !== PARTNERS.length || matching !== SERVICES.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
