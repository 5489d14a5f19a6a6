import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bearer, graphqlRequest } from "@intersettle/shared";
import { uploadFile, HubRequestError } from "../src/cli/hub-client";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { rawRequest } from "./support/raw-http";

/**
 * One partner sending its worst: the most expensive queries the limits let through, oversized and over-costly
 * requests, and garbage, all at once and for a while. A second client must keep being answered quickly meanwhile.
 * The bound is generous (a slow CI machine), but a hub that blocks its event loop or its pool misses it by far.
 */
const FLOOD_MS = 6_000;
const SECOND_CLIENT_MAX_MS = 2_500;
const CALLS = 30_000;

let hub: TestHub;
let partnerKey: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-load-"));

beforeAll(async () => {
  hub = await startTestHub("load");
  const carrier = await createPartner(hub, "FLOODER", { roles: ["CUSTOMER", "VENDOR"] });
  partnerKey = (await issueApiKey(hub, carrier.id)).secret;
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: carrier.id });
  await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, {
    i: { rateCardId: card.data.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,UK,0.01\n", effectiveFrom: "2026-01-01T00:00:00Z" },
  });
  const source = await hub.query(`mutation { createCdrSource(input: { code: "LOADSW", name: "load", format: NATIVE, timezone: "UTC" }) { id } }`);
  await hub.query(`mutation($s: ID!, $p: ID!) { addTrunkMapping(input: { sourceId: $s, side: "INGRESS", match: "DEFAULT", value: "", partnerId: $p }) { id } }`, { s: source.data.createCdrSource.id, p: carrier.id });
  const lines = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition"];
  const base = Date.UTC(2026, 10, 20);
  for (let i = 0; i < CALLS; i++) lines.push(`load${i},${new Date(base + i * 1000).toISOString()},${60 + (i % 300)},+442079460000,+447700900${String(i % 1000).padStart(3, "0")},in,out,ANSWERED`);
  const file = path.join(dir, "calls.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/cdrs", { source: "LOADSW", fileName: "calls.csv" }, file, () => undefined);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The heaviest pages a partner key may ask for: the largest page of its calls, with counts, from the start of time. */
const WORST_QUERIES = [
  `{ ratedCdrs(first: 500) { totalCount edges { node { callId start duration revenue destination } } } }`,
  `{ traffic(first: 500) { totalCount edges { node { hour destination attempts minutes amount } } } }`,
  `{ partners(first: 500) { totalCount edges { node { code agreements(first: 500) { totalCount edges { node { reference } } } } } } }`,
];

async function flood(until: number): Promise<{ sent: number; statuses: Set<number> }> {
  const statuses = new Set<number>();
  let sent = 0;
  const huge = "x".repeat(400_000);
  const abusive = [
    () => graphqlRequest(hub.url, WORST_QUERIES[sent % WORST_QUERIES.length], {}, bearer(partnerKey)),
    () => graphqlRequest(hub.url, `query($s: String!) { partnerByCode(code: $s) { id } }`, { s: huge }, bearer(partnerKey)),
    () => graphqlRequest(hub.url, `{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: viewer { kind }`).join(" ")} }`, {}, bearer(partnerKey)),
    () => graphqlRequest(hub.url, `{ ratedCdrs(first: 500) { edges { node { callId } } } traffic(first: 500) { edges { node { hour } } } partners(first: 500) { edges { node { agreements(first: 500) { edges { node { partner { agreements(first: 500) { edges { node { id } } } } } } } } } } }`, {}, bearer(partnerKey)),
    () => rawRequest(hub.url, { path: "/graphql", headers: { "content-type": "application/json", authorization: `Bearer ${partnerKey}` }, body: "{ not json" }),
  ];
  const worker = async () => {
    while (Date.now() < until) {
      const res = (await abusive[sent++ % abusive.length]()) as { status: number };
      statuses.add(res.status);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return { sent, statuses };
}

it("keeps answering a second client quickly while one partner sends its worst queries", async () => {
  const until = Date.now() + FLOOD_MS;
  const flooding = flood(until);
  const latencies: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    const res = await hub.query(`{ viewer { kind } partners(first: 5) { edges { node { code } } } }`);
    latencies.push(performance.now() - started);
    expect(res.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
  }
  const { sent, statuses } = await flooding;
  latencies.sort((a, b) => a - b);
  expect(sent).toBeGreaterThan(30);
  expect([...statuses].every((s) => [200, 400, 413].includes(s))).toBe(true); // refused, never a 5xx
  expect(latencies.length).toBeGreaterThan(10);
  expect(latencies[latencies.length - 1]).toBeLessThan(SECOND_CLIENT_MAX_MS);
}, 60_000);

it("answers a deck whose bad cell is huge with a short error, never the cell", async () => {
  const card = await hub.query(`{ rateCards(first: 1) { edges { node { id } } } }`);
  const file = path.join(dir, "bad.csv");
  fs.writeFileSync(file, `prefix,destination,rate\n44,UK,${"9".repeat(50_000)}x\n`);
  const error = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/rate-decks", { rateCardId: card.data.rateCards.edges[0].node.id, mode: "FULL", fileName: "bad.csv" }, file, () => undefined).catch((e) => e);
  expect(error).toBeInstanceOf(HubRequestError);
  expect(JSON.stringify(error).length + String(error.message).length).toBeLessThan(5_000);
});
