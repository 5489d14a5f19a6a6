import fs from "node:fs";
import path from "node:path";
import { bareCopyMs, benchDatabase, benchGql as gql, benchHub, writeRows } from "./file-ingest-bench";

/**
 * End-to-end CDR ingestion of a generated native CSV (both legs rated, stored in monthly partitions,
 * aggregated), as a ratio to a bare COPY of the same file into a table with the same unique key.
 * BENCH_CALLS sets the size (default 1M); peak RSS is the whole hub process's.
 */
const CALLS = Number(process.env.BENCH_CALLS || 1_000_000);
/** A day of traffic: starts spread over 24 hours, destinations skewed as real traffic is (a few take most calls). */
function writeCalls(file: string): void {
  const base = Date.UTC(2026, 10, 20);
  writeRows(file, "call_id,start,duration,a_number,b_number,ingress,egress,disposition", CALLS, (i) => {
    const start = new Date(base + Math.floor((i / CALLS) * 86400) * 1000).toISOString();
    const r = ((i * 2654435761) % 4294967296) / 4294967296;
    const prefix = 200 + Math.floor(800 * r * r * r);
    return `c${i},${start},${(i * 13) % 900},+44207946${String(i % 10000).padStart(4, "0")},+${prefix}${String(1000000 + (i % 8999999))},in,out,${i % 4 ? "ANSWERED" : "NO ANSWER"}`;
  });
}

async function main(): Promise<void> {
  const { dir, pg } = await benchDatabase("cdr");
  const file = path.join(dir, "calls.csv");
  writeCalls(file);
  const copyMs = await bareCopyMs(pg, "bare_cdr", `CREATE TABLE bare_cdr (call_id text, start_time timestamptz, duration int, a_number text, b_number text, ingress text, egress text, disposition text, PRIMARY KEY (call_id, start_time))`, file);

  const hub = await benchHub(pg, dir);
  const deck = ["prefix,destination,rate,initial_interval,next_interval", ...Array.from({ length: 800 }, (_, i) => `${200 + i},Destination ${200 + i},0.0${100 + (i % 800)},60,60`)].join("\n");
  const partners: string[] = [];
  for (const [code, direction] of [["BENCH_CUSTOMER", "SELL"], ["BENCH_VENDOR", "BUY"]]) {
    const { createPartner } = await gql(hub.url, `mutation($c: String!) { createPartner(input: { code: $c, legalName: $c, types: [CARRIER], roles: [CUSTOMER, VENDOR], currency: "USD", timezone: "UTC" }) { id } }`, { c: code });
    partners.push(createPartner.id);
    const { createRateCard } = await gql(hub.url, `mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "bench", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: createPartner.id, d: direction });
    await gql(hub.url, `mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: createRateCard.id, mode: "FULL", content: deck, effectiveFrom: "2026-01-01T00:00:00Z" } });
  }
  const { createCdrSource } = await gql(hub.url, `mutation { createCdrSource(input: { code: "BENCH", name: "bench", format: NATIVE, timezone: "UTC" }) { id } }`);
  for (const [side, partnerId] of [["INGRESS", partners[0]], ["EGRESS", partners[1]]]) {
    await gql(hub.url, `mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: createCdrSource.id, side, match: "DEFAULT", partnerId } });
  }
  const ingestion = (hub.subgraphServices.rating as { ingestion: { ingest: (p: unknown, r: unknown) => Promise<{ read: number; rated: number; timings: Record<string, number> }> } }).ingestion;
  const t = performance.now();
  const job = await ingestion.ingest({ kind: "service", service: "bench" }, { source: "BENCH", fileName: "calls.csv", body: fs.createReadStream(file) });
  const ingestMs = performance.now() - t;
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      name: `CDR ingestion, ${(CALLS / 1e6).toLocaleString("en")}M calls`,
      detail: `${CALLS.toLocaleString("en")} native CSV calls rated on both legs (SELL and BUY cards), stored in monthly partitions and aggregated per hour; ${job.rated.toLocaleString("en")} rated; parsed and rated in ${job.timings.ratingThreads} worker thread(s); ${job.timings.writeMs} ms of the run writing to PostgreSQL`,
      baseline: "bare PostgreSQL COPY of the same file into a table keyed (call_id, start)",
      baselineMs: Math.round(copyMs),
      measuredMs: Math.round(ingestMs),
      ratio: +(ingestMs / copyMs).toFixed(2),
      throughput: `${Math.round(CALLS / (ingestMs / 1000)).toLocaleString("en")} calls/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();
