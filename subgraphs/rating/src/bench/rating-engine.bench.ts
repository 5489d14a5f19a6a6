import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Decimal, RoundingMode } from "@intersettle/shared";
import { buildRatingCard, chargedAmount, rateUsage } from "@intersettle/shared";
import { RatedService, type RateRow } from "@intersettle/shared";

/**
 * Rating engine throughput on one core: 1M generated calls against a 50k-prefix card with time bands and
 * effective-dated versions, as a ratio to only parsing the same CSV file in the same run.
 */
const CALLS = Number(process.env.BENCH_CALLS || 1_000_000);
const PREFIXES = 50_000;

/** mulberry32: a small seeded generator, so every run rates the same calls. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateCard(random: () => number): { rows: RateRow[]; prefixes: string[] } {
  const prefixes = new Set<string>();
  while (prefixes.size < PREFIXES) prefixes.add(String(Math.floor(random() * 1e7)).slice(0, 2 + Math.floor(random() * 6)));
  const rows: RateRow[] = [];
  const switchover = new Date("2026-07-01T00:00:00Z");
  for (const prefix of prefixes) {
    const rate = new Decimal(Math.floor(random() * 2000) + 10).dividedBy(10000);
    const base = { prefix, destination: `Destination ${prefix}`, nextRate: rate, connectFee: new Decimal(0), initialInterval: 30, nextInterval: 6, gracePeriod: 3, version: 1 };
    const versioned = random() < 0.1;
    rows.push({ ...base, rate, timeBand: null, effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: versioned ? switchover : null });
    if (versioned) rows.push({ ...base, rate: rate.times("1.05"), nextRate: rate.times("1.05"), timeBand: null, effectiveFrom: switchover, effectiveTo: null, version: 2 });
    if (random() < 0.2) rows.push({ ...base, rate: rate.times("1.5"), nextRate: rate.times("1.5"), timeBand: "PEAK", effectiveFrom: new Date("2026-01-01T00:00:00Z"), effectiveTo: null });
  }
  return { rows, prefixes: [...prefixes] };
}

function writeCalls(file: string, prefixes: string[], random: () => number): void {
  const out = fs.openSync(file, "w");
  const year = Date.UTC(2026, 0, 1);
  let chunk = "call_id,number,start,duration\n";
  for (let i = 0; i < CALLS; i++) {
    const prefix = prefixes[Math.floor(random() * prefixes.length)];
    const number = (prefix + String(Math.floor(random() * 1e9))).slice(0, 12);
    const start = new Date(year + Math.floor(random() * 364 * 86400) * 1000).toISOString();
    chunk += `c${i},${number},${start},${Math.floor(random() * 1800)}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = "";
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function forEachCall(file: string, each: (number: string, start: Date, seconds: number) => void): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let n = -1;
  for await (const line of lines) {
    if (n++ < 0) continue;
    const [, number, start, duration] = line.split(",");
    each(number, new Date(start), Number(duration));
  }
  return n;
}

async function main(): Promise<void> {
  const random = prng(42);
  const { rows, prefixes } = generateCard(random);
  const card = buildRatingCard({ service: RatedService.VOICE, currency: "USD", timezone: "Europe/London", bands: [{ name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" }] }, rows);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-rating-")), "calls.csv");
  writeCalls(file, prefixes, random);

  let t = performance.now();
  let checksum = 0;
  await forEachCall(file, (_n, start, seconds) => void (checksum += start.getTime() % 7 + seconds));
  const parseMs = performance.now() - t;

  const rounding = { decimals: 4, mode: RoundingMode.HALF_UP, perCdr: true };
  let rated = 0;
  let total = new Decimal(0);
  t = performance.now();
  const calls = await forEachCall(file, (number, start, seconds) => {
    const result = rateUsage(card, number, start, seconds);
    if ("rated" in result) {
      rated++;
      total = total.plus(chargedAmount(result.rated.exactAmount, rounding));
    }
  });
  const rateMs = performance.now() - t;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(
    JSON.stringify({
      name: "Rating engine (1 core)",
      detail: `${calls.toLocaleString("en")} calls, ${PREFIXES.toLocaleString("en")}-prefix card with a PEAK band and effective-dated versions; ${rated.toLocaleString("en")} rated, total ${total.toFixed(2)} USD`,
      baseline: "parsing the same CSV only",
      baselineMs: Math.round(parseMs),
      measuredMs: Math.round(rateMs),
      ratio: +(rateMs / parseMs).toFixed(2),
      throughput: `${Math.round(calls / (rateMs / 1000)).toLocaleString("en")} calls/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      checksum,
    }),
  );
}

void main();
