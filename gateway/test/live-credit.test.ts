import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { settled, watch, type Watch } from "./support/ws-client";

/**
 * Credit control end to end, through the real interfaces only: calls ingested through the gateway are rated, their
 * committed block's traffic event moves the partner's exposure, and a dashboard subscribed through the gateway sees
 * the block (with the partner's fields from the partners subgraph and its invoices from invoicing) within a second;
 * an invoice issued and paid through invoicing lifts it.
 */
let hub: TestHub;
let partner: { id: string };
let key: string;
const watches: Watch[] = [];

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

const CREDIT = `subscription($p: ID) { creditEvents(partnerId: $p) { type position exposure limit status blockCause partner { code status } } }`;

beforeAll(async () => {
  hub = await startTestHub("live-credit");
  partner = await createPartner(hub, "LIVE_CUST", { roles: ["CUSTOMER"], taxRatePercent: "0", credit: { mode: "POSTPAID", limit: "1", warningPercent: 50 } });
  key = (await issueApiKey(hub, partner.id)).secret;
  const card = await ok(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: partner.id });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.1000", effectiveFrom: "2026-01-01T00:00:00Z" } });
  const source = await ok(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "LIVE", name: "live", format: "NATIVE", timezone: "UTC" } });
  for (const [side, value, partnerId] of [["INGRESS", "liveIn", partner.id], ["EGRESS", "out", null]]) {
    await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
  }
});
afterAll(async () => {
  await Promise.all(watches.map((w) => w.dispose()));
  await hub?.stop();
});

const calls = (prefix: string, minutes: number[]) =>
  ["call_id,start,duration,a_number,b_number,ingress,egress,disposition", ...minutes.map((m, i) => `${prefix}${i},2026-11-10T10:0${i}:00Z,${m * 60},+15550100,+442079460001,liveIn,out,ANSWERED`)].join("\n");

async function ingest(content: string) {
  const res = await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status rated } }`, { i: { source: "LIVE", fileName: `live-${Date.now()}.csv`, content } });
  expect(res.ingestCdrs.status).toBe("COMPLETED");
}

it("blocks a partner within a second of the ingested block that breaches its limit, seen live through the gateway", async () => {
  const dashboard = watch(hub.url, ADMIN_TOKEN, CREDIT, { p: partner.id });
  const own = watch(hub.url, key, CREDIT, {});
  watches.push(dashboard, own);
  await settled(dashboard, own);
  // 6 minutes at 0.10 = 0.60: over the 50 % warning, under the limit of 1.
  await ingest(calls("w", [6]));
  const warned = await dashboard.until(2);
  expect(warned.map((r) => r.data.creditEvents.type)).toEqual(["credit.exposure_changed", "credit.warning"]);
  // 5 more minutes: 1.10, over the limit.
  await ingest(calls("b", [5]));
  const ingestedAt = Date.now();
  const events = await dashboard.until(4);
  const blocked = events.find((r) => r.data.creditEvents.type === "credit.blocked");
  expect(Date.now() - ingestedAt).toBeLessThan(1000);
  expect(blocked.data.creditEvents).toMatchObject({ exposure: "1.1", limit: "1", status: "BLOCKED", blockCause: "CREDIT", partner: { code: "LIVE_CUST" } });
  // The partner's own key sees its own events too.
  expect((await own.until(4)).some((r) => r.data.creditEvents.type === "credit.blocked")).toBe(true);
  expect((await ok(`query($p: ID!) { partner(id: $p) { status } }`, { p: partner.id })).partner.status).toBe("BLOCKED");
});

it("unblocks it when the invoice for that usage is issued and paid", async () => {
  const dashboard = watch(hub.url, ADMIN_TOKEN, CREDIT, { p: partner.id });
  watches.push(dashboard);
  await settled(dashboard);
  const run = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-10") { invoiceId } }`, { p: partner.id });
  const id = run.runBilling[0].invoiceId;
  await ok(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id });
  const invoice = (await ok(`mutation($id: ID!) { issueInvoice(id: $id) { gross currency } }`, { id })).issueInvoice;
  expect(invoice).toEqual({ gross: "1.1", currency: "USD" });
  await ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { unapplied } }`, {
    i: { partnerId: partner.id, direction: "RECEIVED", currency: "USD", amount: "1.1", paidAt: "2026-12-01T00:00:00Z", reference: "LIVE-1" },
  });
  const events = await dashboard.until(1);
  const deadline = Date.now() + 5000;
  while (!dashboard.results.some((r) => r.data.creditEvents.type === "credit.unblocked") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(dashboard.results.map((r) => r.data.creditEvents.type)).toContain("credit.unblocked");
  expect(events.length).toBeGreaterThan(0);
  expect((await ok(`query($p: ID!) { partner(id: $p) { status } }`, { p: partner.id })).partner.status).toBe("ACTIVE");
});
