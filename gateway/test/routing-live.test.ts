import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { uploadFile } from "../src/cli/hub-client";
import { cardWithDeck, ok, order, routedPartner, routes, setPlan, until } from "./support/routing-world";

/**
 * Routing kept current without a restart, through the real interfaces: blocks through the partners API, decks uploaded
 * through the gateway, CDRs ingested through the gateway feeding quality; and the same answers after routing restarts.
 */
let hub: TestHub;
let customer: { id: string; code: string };
let va: { id: string; code: string };
let vb: { id: string; code: string };
let vbCard: string;

const AT = "2026-11-20T10:00:00Z";
const UK = "+442079460000";

beforeAll(async () => {
  hub = await startTestHub("routing-live");
  customer = await routedPartner(hub, "LV_CUST", ["CUSTOMER"]);
  va = await routedPartner(hub, "LV_VA", ["VENDOR"]);
  vb = await routedPartner(hub, "LV_VB", ["VENDOR"]);
  await cardWithDeck(hub, customer.id, "SELL", "44,United Kingdom,0.0500");
  await cardWithDeck(hub, va.id, "BUY", "44,United Kingdom,0.0100");
  vbCard = await cardWithDeck(hub, vb.id, "BUY", "44,United Kingdom,0.0120");
  const source = await ok(hub, `mutation { createCdrSource(input: { code: "LIVE_SW", name: "live switch", format: NATIVE, timezone: "UTC" }) { id } }`);
  for (const [side, value, partnerId] of [["INGRESS", "custIn", customer.id], ["EGRESS", "vaOut", va.id], ["EGRESS", "vbOut", vb.id]]) {
    await ok(hub, `mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
  }
  await until(async () => order(await answer(UK)).length === 2, 5000);
}, 120_000);
afterAll(() => hub?.stop());

async function answer(number: string, at = AT) {
  const res = await routes(hub, customer.id, number, { at });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.routes;
}

it("drops a vendor within a second of its block, and takes it back when unblocked", async () => {
  expect(order(await answer(UK))).toEqual([va.id, vb.id]);
  await ok(hub, `mutation($id: ID!) { blockPartner(id: $id, reason: "unpaid") { status } }`, { id: va.id });
  const tookMs = await until(async () => !order(await answer(UK)).includes(va.id), 1000);
  expect(tookMs).toBeLessThan(1000);
  const blocked = await answer(UK);
  expect(blocked.dropped).toEqual([expect.objectContaining({ vendorId: va.id, reason: "VENDOR_BLOCKED" })]);
  await ok(hub, `mutation($id: ID!) { unblockPartner(id: $id, reason: "paid") { status } }`, { id: va.id });
  await until(async () => order(await answer(UK))[0] === va.id, 1000);
});

it("changes the answer when a vendor deck is uploaded through the gateway, without a restart", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routing-decks-"));
  const deck = path.join(dir, "vb.csv");
  fs.writeFileSync(deck, "prefix,destination,rate\n44,United Kingdom,0.0050\n");
  await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/rate-decks", { rateCardId: vbCard, mode: "FULL", fileName: "vb.csv", effectiveFrom: "2026-06-01T00:00:00Z" }, deck);
  await until(async () => order(await answer(UK))[0] === vb.id, 3000);
  const cheaper = await answer(UK);
  expect(cheaper.routes.map((r: any) => [r.vendorId, r.rate])).toEqual([[vb.id, "0.005"], [va.id, "0.01"]]);
  // Before the new deck's start the old rate is still in force.
  expect((await answer(UK, "2026-05-01T00:00:00Z")).routes.map((r: any) => [r.vendorId, r.rate])).toEqual([[va.id, "0.01"], [vb.id, "0.012"]]);
  // A vendor new to routing: its partner, agreement, card and deck all arrive as events.
  const vd = await routedPartner(hub, "LV_VD", ["VENDOR"]);
  await cardWithDeck(hub, vd.id, "BUY", "44,United Kingdom,0.0040");
  await until(async () => order(await answer(UK))[0] === vd.id, 3000);
  await ok(hub, `mutation($id: ID!) { setPartnerStatus(id: $id, status: SUSPENDED, reason: "done with the test") { status } }`, { id: vd.id });
  await until(async () => !order(await answer(UK)).includes(vd.id), 3000);
});

it("drops a vendor whose calls to the destination mostly fail, once the ingested traffic puts it under the floor", async () => {
  await setPlan(hub, { customerId: customer.id, qualityFloor: { minAsr: "50", minCalls: 5, windowMinutes: 60 } });
  const calls = (trunk: string, answered: number, total: number) =>
    Array.from({ length: total }, (_, i) => `${trunk}-${i},2026-11-20T09:${String(10 + i * 2).padStart(2, "0")}:00Z,${i < answered ? 90 : 0},+15550100,+44207946${String(1000 + i)},custIn,${trunk},${i < answered ? "ANSWERED" : "FAILED"}`);
  const content = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition", ...calls("vaOut", 2, 10), ...calls("vbOut", 9, 10)].join("\n");
  const job = await ok(hub, `mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status rated } }`, { i: { source: "LIVE_SW", fileName: "quality.csv", content } });
  expect(job.ingestCdrs).toEqual({ status: "COMPLETED", rated: 20 });
  await until(async () => !order(await answer(UK)).includes(va.id), 3000);
  const judged = await answer(UK);
  const dropped = judged.dropped.find((d: any) => d.vendorId === va.id);
  expect(dropped.reason).toBe("QUALITY_BELOW_FLOOR");
  expect(dropped.detail).toMatch(/United Kingdom/);
  expect(judged.routes.find((r: any) => r.vendorId === vb.id).quality).toMatchObject({ calls: 10, asr: "90" });
  // An hour later the window has moved past the failures: too few calls to judge, so VA routes again.
  expect(order(await answer(UK, "2026-11-20T11:30:00Z"))).toContain(va.id);
});

it("serves the same answers after the routing subgraph restarts", async () => {
  const numbers = [UK, "+447700900123", "+33612345678", "not a number"];
  const instants = [AT, "2026-05-01T00:00:00Z", "2026-11-20T11:30:00Z"];
  const all = async () => Promise.all(numbers.flatMap((n) => instants.map((at) => answer(n, at))));
  const before = await all();
  await hub.stopSubgraph("routing");
  await hub.startSubgraph("routing");
  expect(await all()).toEqual(before);
});

it("gives a blocked customer no routes, and says why", async () => {
  await ok(hub, `mutation($id: ID!) { blockPartner(id: $id, reason: "over its limit") { status } }`, { id: customer.id });
  await until(async () => (await answer(UK)).unroutable?.reason === "CUSTOMER_BLOCKED", 1000);
  const blocked = await answer(UK);
  expect(blocked).toMatchObject({ routable: false, routes: [], unroutable: { reason: "CUSTOMER_BLOCKED", detail: expect.stringContaining("LV_CUST") } });
});
