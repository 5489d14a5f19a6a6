import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { bearer, ensureDatabase, graphqlRequest, readHubConfig, startEmbeddedPostgres, freePort } from "@intersettle/shared";
import { startHub } from "../hub";
import { uploadFile } from "../cli/hub-client";

/** Importing a 100k-row A-Z deck (streamed upload, validation, staging, diff, versioned apply), as a ratio to a bare COPY of the same file. */
const ROWS = Number(process.env.BENCH_DECK_ROWS || 100_000);
const TOKEN = "iso_bench-admin-token-000000000000000000000000";


function writeDeck(file: string, bump: number): void {
  const lines = ["prefix,destination,rate,next_rate,connect_fee,initial_interval,next_interval,grace_period,effective_from,time_band"];
  for (let i = 0; i < ROWS; i++) {
    const rate = ((i * 7919) % 100_000) / 1_000_000 + bump;
    lines.push(`${1_000_000 + i * 13},"Destination ${i % 250}, zone ${i % 7}",${rate.toFixed(6)},${rate.toFixed(6)},0,60,60,0,2026-01-01,`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-deck-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), ephemeral: true });
  await ensureDatabase(pg.url, "bench");
  const deck = path.join(dir, "az.csv");
  const deck2 = path.join(dir, "az-v2.csv");
  writeDeck(deck, 0);
  writeDeck(deck2, 0.0001);

  const db = new Client({ connectionString: pg.urlFor("bench") });
  await db.connect();
  await db.query(`CREATE TABLE bare_deck (prefix text PRIMARY KEY, destination text, rate numeric, next_rate numeric, connect_fee numeric,
    initial_interval int, next_interval int, grace_period int, effective_from date, time_band text)`);
  let t = performance.now();
  await pipeline(fs.createReadStream(deck), db.query(copyFrom("COPY bare_deck FROM STDIN WITH (FORMAT csv, HEADER true)")));
  const copyMs = performance.now() - t;
  await db.end();

  const config = { ...readHubConfig({}), databaseUrl: pg.urlFor("bench"), dataDir: dir, adminToken: TOKEN, internalSecret: "bench" };
  const hub = await startHub(config, { ephemeralPorts: true });
  const partner = await graphqlRequest(hub.url, `mutation { createPartner(input: { code: "BENCH", legalName: "Bench Ltd", types: [CARRIER], roles: [VENDOR], currency: "USD", timezone: "UTC" }) { id } }`, {}, bearer(TOKEN));
  const card = await graphqlRequest(hub.url, `mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "A-Z", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: partner.data.createPartner.id }, bearer(TOKEN));
  const connection = { url: hub.url, token: TOKEN };
  const params = { rateCardId: card.data.createRateCard.id, mode: "FULL", fileName: "az.csv" };
  t = performance.now();
  const first = await uploadFile(connection, "rating/rate-decks", params, deck);
  const importMs = performance.now() - t;
  t = performance.now();
  const second = await uploadFile(connection, "rating/rate-decks", params, deck2);
  const reimportMs = performance.now() - t;
  await hub.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      name: "Rate deck import",
      detail: `${ROWS.toLocaleString("en")}-row A-Z deck through the gateway upload: v1 new ${first.diff.new}; a second FULL import with every rate changed (v2, increased ${second.diff.increased}) took ${Math.round(reimportMs)} ms (${(reimportMs / copyMs).toFixed(2)}× the COPY)`,
      baseline: "bare PostgreSQL COPY of the same file into a table keyed by prefix",
      baselineMs: Math.round(copyMs),
      measuredMs: Math.round(importMs),
      ratio: +(importMs / copyMs).toFixed(2),
      throughput: `${Math.round(ROWS / (importMs / 1000)).toLocaleString("en")} rows/s`,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

void main();
