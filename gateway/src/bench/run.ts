import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/**
 * `npm run bench`: runs each benchmark in its own process (so peak memory is its own), prints every
 * result as a ratio to the baseline measured in the same run, and records them in BENCHMARKS.md.
 */
const BENCHES: Array<{ file: string; env?: Record<string, string> }> = [
  { file: path.resolve(__dirname, "../../../subgraphs/rating/dist/bench/rating-engine.bench.js") },
  { file: path.resolve(__dirname, "../../../subgraphs/rating/dist/bench/csv-read.bench.js") },
  { file: path.resolve(__dirname, "deck-import.bench.js") },
  { file: path.resolve(__dirname, "cdr-ingest.bench.js"), env: { BENCH_CALLS: "1000000" } },
  // Memory must not grow with the file: the same pipeline on five times the calls.
  { file: path.resolve(__dirname, "cdr-ingest.bench.js"), env: { BENCH_CALLS: "5000000" } },
  // Content transactions (revenue share) through the same shared pieces, against a bare keyed COPY.
  { file: path.resolve(__dirname, "content-ingest.bench.js"), env: { BENCH_TRANSACTIONS: "1000000" } },
  // 10M calls; the first run also ingests them (about 25 minutes here) into a database later runs reuse.
  { file: path.resolve(__dirname, "billing-run.bench.js") },
  { file: path.resolve(__dirname, "subscription-latency.bench.js") },
  // 20 vendors × 50k prefixes: the routing index in process, then loaded through the gateway under concurrent HTTP clients.
  { file: path.resolve(__dirname, "../../../subgraphs/routing/dist/bench/route-lookup.bench.js") },
  { file: path.resolve(__dirname, "routing-gateway.bench.js") },
  // 1M content transactions ingested (not measured), then November's statements for four content partners.
  { file: path.resolve(__dirname, "statement-run.bench.js") },
  // A partner's 1M-call CDR claim taken in as the CLI and drop folders send it.
  { file: path.resolve(__dirname, "claim-ingest.bench.js"), env: { BENCH_CALLS: "1000000" } },
  // 1M rated calls of one customer against its 1M-call claim with 1% planted differences.
  { file: path.resolve(__dirname, "reconciliation.bench.js"), env: { BENCH_CALLS: "1000000" } },
];

interface BenchResult {
  name: string;
  detail: string;
  baseline: string;
  baselineMs: number;
  measuredMs: number;
  ratio: number;
  throughput: string;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const bench of BENCHES) {
    process.stdout.write(`running ${path.basename(bench.file)} ${bench.env ? JSON.stringify(bench.env) : ""} … `);
    const { stdout } = await promisify(execFile)(process.execPath, [bench.file], { maxBuffer: 1 << 20, env: { ...process.env, ...bench.env } });
    const result = JSON.parse(stdout.trim().split("\n").pop()!) as BenchResult;
    results.push(result);
    console.log(`${result.ratio}× baseline (${result.measuredMs} ms vs ${result.baselineMs} ms), ${result.throughput}, peak RSS ${result.peakRssMb} MB`);
  }
  const table = [
    "| Benchmark | Measured | Baseline (same run) | Ratio | Throughput | Peak RSS |",
    "| --- | --- | --- | --- | --- | --- |",
    ...results.map((r) => `| ${r.name} | ${r.measuredMs} ms | ${r.baseline}: ${r.baselineMs} ms | ${r.ratio}× | ${r.throughput} | ${r.peakRssMb} MB |`),
  ];
  const notes = results.map((r) => `- ${r.name}: ${r.detail}.`);
  const file = path.resolve(__dirname, "../../../BENCHMARKS.md");
  const body = [
    "# Benchmarks",
    "",
    "`npm run bench` runs each benchmark in its own process on this machine (2 cores) and writes this file.",
    "Every figure is a ratio to a baseline measured in the same run, so machines and runs compare.",
    "",
    `Latest run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}.`,
    "",
    ...table,
    "",
    ...notes,
    "",
  ].join("\n");
  fs.writeFileSync(file, body);
  console.log(`\n${table.join("\n")}\n\nWritten to BENCHMARKS.md`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
