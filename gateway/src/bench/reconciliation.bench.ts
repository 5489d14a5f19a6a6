import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { InvoicingServices } from "@intersettle/invoicing";
import { bearer, ensureDatabase, freePort, graphqlRequest, readHubConfig, startEmbeddedPostgres } from "@intersettle/shared";
import { startHub } from "../hub";

/**
 * Reconciling BENCH_CALLS of our calls (default 1M, one customer's SELL leg of November, rated by rating) against a
 * partner CDR claim of as many calls with 1% planted differences — a quarter each of duration, rate, missing in
 * theirs and missing in ours — and a tenth of their calls without a call id (matched by numbers, start 1 s off).
 * Measured: invoicing's runner end to end (rating's export over HTTP, the claim read, matching, COPY of the
 * differences, destinations, audit), as a ratio to a bare SQL full join of the same two sets by call id, same run.
 */
const CALLS = Number(process.env.BENCH_CALLS || 1_000_000);
const TOKEN = "iso_bench-admin-token-000000000000000000000000";
const NOVEMBER = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
process.env.INTERSETTLE_DROP_POLL_MS = "2000000000";
process.env.INTERSETTLE_BILLING_TICK_MS = "2000000000";

async function gql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await graphqlRequest(url, query, variables, bearer(TOKEN));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** November's calls in native CSV, one customer to one vendor over ten destinations, in time order. */
function writeCalls(file: string): void {
  const out = fs.openSync(file, "w");
  let chunk = "call_id,start,duration,a_number,b_number,ingress,egress,disposition\n";
  const span = NOVEMBER.end.getTime() - NOVEMBER.start.getTime() - 60_000;
  for (let i = 0; i < CALLS; i++) {
    const at = new Date(NOVEMBER.start.getTime() + Math.floor((i / CALLS) * span / 1000) * 1000).toISOString();
    chunk += `r${i},${at},${1 + ((i * 7919) % 1200)},+4420794${String(i % 100000).padStart(5, "0")},+44${(i % 10) + 1}${String(1000000 + (i % 8999999))},cus,ven,ANSWERED\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

/**
 * The partner's claim, written from our rated calls as the bench's administrator (not through a subgraph): the
 * planted differences and the calls without id come from the row number, so the expected counts are known.
 */
async function writeClaim(db: Client, partnerId: string): Promise<{ claimId: string; planted: number }> {
  const claimId = "00000000-0000-4000-8000-00000000c1a1";
  await db.query(`INSERT INTO invoicing.claim (id, partner_id, side, kind, period_start, period_end, currency, file_name, file_sha256, status, received_by)
                  VALUES ($1, $2, 'RECEIVABLE', 'CDRS', $3, $4, 'USD', 'bench.csv', 'bench', 'RECEIVED', 'bench')`, [claimId, partnerId, NOVEMBER.start, NOVEMBER.end]);
  await db.query(
    `INSERT INTO invoicing.claim_call (claim_id, line, call_id, start_time, a_number, b_number, duration, amount)
     SELECT $1, n, CASE WHEN n % 10 = 5 THEN NULL ELSE call_id END, start_time + CASE WHEN n % 10 = 5 THEN interval '1 second' ELSE interval '0' END,
            a_number, b_number, duration + CASE WHEN n % 400 = 0 THEN 5 ELSE 0 END, revenue_exact + CASE WHEN n % 400 = 1 THEN 0.01 ELSE 0 END
       FROM (SELECT row_number() OVER (ORDER BY start_time, call_id) AS n, * FROM rating.rated_cdr
              WHERE customer_id = $2 AND start_time >= $3 AND start_time < $4 AND status = 'RATED' AND billable) ours
      WHERE n % 400 <> 2`,
    [claimId, partnerId, NOVEMBER.start, NOVEMBER.end],
  );
  // Calls only they have: a quarter of the planted percent, numbers we never dialled.
  await db.query(
    `INSERT INTO invoicing.claim_call (claim_id, line, call_id, start_time, a_number, b_number, duration, amount)
     SELECT $1, $2 + g, 'theirs-' || g, $3::timestamptz + g * interval '10 second', '+999' || g, '+998' || g, 60, 0.0123 FROM generate_series(1, $4::int) g`,
    [claimId, CALLS + 1, NOVEMBER.start, Math.floor(CALLS / 400)],
  );
  await db.query(`VACUUM ANALYZE invoicing.claim_call`);
  return { claimId, planted: 4 * Math.floor(CALLS / 400) };
}

/** The bare join the run is measured against: both sets by call id, counted by what differs. */
async function bareJoin(db: Client, partnerId: string, claimId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE o.call_id IS NOT NULL AND t.call_id IS NOT NULL AND o.duration = t.duration AND o.amount = t.amount)::int AS same,
            count(*) FILTER (WHERE o.duration <> t.duration OR o.amount <> t.amount)::int AS differing,
            count(*) FILTER (WHERE o.call_id IS NULL)::int AS only_theirs, count(*) FILTER (WHERE t.call_id IS NULL)::int AS only_ours
       FROM (SELECT call_id, duration, revenue_exact AS amount FROM rating.rated_cdr WHERE customer_id = $1 AND start_time >= $2 AND start_time < $3 AND status = 'RATED' AND billable) o
       FULL JOIN (SELECT call_id, duration, amount FROM invoicing.claim_call WHERE claim_id = $4 AND call_id IS NOT NULL) t ON t.call_id = o.call_id`,
    [partnerId, NOVEMBER.start, NOVEMBER.end, claimId],
  );
  return rows[0];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-reconciliation-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  await ensureDatabase(pg.url, "bench");
  const hub = await startHub({ ...readHubConfig({}), databaseUrl: pg.urlFor("bench"), dataDir: dir, adminToken: TOKEN, internalSecret: "bench" }, { ephemeralPorts: true });
  const invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  const rating = hub.subgraphServices.rating as { ingestion: { ingest: (p: unknown, r: unknown) => Promise<{ read: number; rated: number }> } };
  const ids: Record<string, string> = {};
  const source = (await gql(hub.url, `mutation { createCdrSource(input: { code: "SW", name: "Switch", format: NATIVE, timezone: "UTC" }) { id } }`)).createCdrSource.id;
  for (const [code, role, direction, trunk, side] of [["RCUST", "CUSTOMER", "SELL", "cus", "INGRESS"], ["RVEND", "VENDOR", "BUY", "ven", "EGRESS"]] as const) {
    const { createPartner } = await gql(hub.url, `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { id } }`, { i: { code, legalName: code, types: ["CARRIER"], roles: [role], currency: "USD", timezone: "UTC", billingCycle: "MONTHLY" } });
    ids[code] = createPartner.id;
    const { createRateCard } = await gql(hub.url, `mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: createPartner.id, d: direction });
    const deck = ["prefix,destination,rate,initial_interval,next_interval", ...Array.from({ length: 10 }, (_, i) => `44${i + 1},UK Zone ${i + 1},0.0${i + 1}25,${i % 2 ? "1,1" : "60,60"}`)].join("\n");
    await gql(hub.url, `mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: createRateCard.id, mode: "FULL", content: deck, effectiveFrom: "2026-01-01T00:00:00Z" } });
    await gql(hub.url, `mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source, side, match: "TRUNK", value: trunk, partnerId: createPartner.id } });
  }
  const file = path.join(dir, "calls.csv");
  let t = performance.now();
  writeCalls(file);
  const job = await rating.ingestion.ingest({ kind: "service", service: "bench" }, { source: "SW", fileName: "calls.csv", body: fs.createReadStream(file) });
  const ingestMs = performance.now() - t;
  fs.rmSync(file, { force: true });

  const db = new Client({ connectionString: pg.urlFor("bench") });
  await db.connect();
  const { claimId, planted } = await writeClaim(db, ids.RCUST);
  await db.query(`VACUUM ANALYZE rating.rated_cdr`);
  t = performance.now();
  const bare = await bareJoin(db, ids.RCUST, claimId);
  const joinMs = performance.now() - t;

  // The run's own peak: sampled while it runs, over what the process held before it.
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  t = performance.now();
  const { reconciliationId } = await invoicing.reconciliation.reconcileClaim({ kind: "service", service: "bench" }, claimId);
  const runMs = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());

  const [r] = (await db.query(`SELECT our_calls, their_calls, matched, duration_mismatch, rate_mismatch, missing_ours, missing_theirs, variance::text FROM invoicing.reconciliation WHERE id = $1`, [reconciliationId])).rows;
  await db.end();
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const quarter = Math.floor(CALLS / 400);
  const exact = Number(r.duration_mismatch) === quarter && Number(r.rate_mismatch) === quarter && Number(r.missing_ours) === quarter && Number(r.missing_theirs) === quarter;
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  console.log(
    JSON.stringify({
      name: `Reconciliation, ${(CALLS / 1e6).toLocaleString("en")}M our calls vs a ${(CALLS / 1e6).toLocaleString("en")}M-call claim`,
      detail:
        `invoicing's runner over ${fmt(Number(r.our_calls))} rated calls (rating's export over HTTP) and ${fmt(Number(r.their_calls))} claimed calls, ` +
        `${fmt(planted)} planted differences (a quarter each kind), a tenth of their calls without call id: found ${r.duration_mismatch} duration, ${r.rate_mismatch} rate, ` +
        `${r.missing_ours} missing ours, ${r.missing_theirs} missing theirs (${exact ? "exactly the planted ones" : "NOT the planted ones"}), variance ${r.variance}; ` +
        `the bare join found ${bare.differing} differing, ${bare.only_theirs} only theirs, ${bare.only_ours} only ours by call id; peak RSS of the hub process during the run ` +
        `(all subgraphs in one process, rating serving the export) ${Math.round(peak / 2 ** 20)} MB from ${Math.round(before / 2 ** 20)} MB before it; ` +
        `not measured: ingesting and rating the calls ${fmt(ingestMs)} ms (${fmt(job.read / (ingestMs / 1000))} records/s)`,
      baseline: "bare SQL full join of both sets by call id, counted by difference",
      baselineMs: Math.round(joinMs),
      measuredMs: Math.round(runMs),
      ratio: +(runMs / joinMs).toFixed(2),
      throughput: `${fmt((Number(r.our_calls) + Number(r.their_calls)) / (runMs / 1000))} calls/s (both sides)`,
      peakRssMb: Math.round(peak / 2 ** 20),
    }),
  );
  if (!exact) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
