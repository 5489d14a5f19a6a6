import WebSocket from "ws";
import { createClient } from "graphql-ws";
import { graphqlAudience, OperatorRole, PRINCIPAL_HEADER, signPrincipal } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";

// The whole hub: a partner blocked through the partners subgraph has its calls stored, rated and marked by rating, which
// learns the status from the partners topic; traffic events say so, and a reactivated partner's calls are not marked.
let hub: TestHub;
let carrier: { id: string };
let vendor: { id: string };
let carrierKey: string;
let vendorKey: string;

const HEADER = "call_id,start,duration,a_number,b_number,ingress,egress,disposition";
const JOB = `id status rated blocked`;

async function must(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await hub.query(query, variables, token);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** Sets a partner's status and waits until rating's copy of the partner has it. */
async function setStatus(partnerId: string, status: string) {
  await must(`mutation($id: ID!, $s: PartnerStatus!) { setPartnerStatus(id: $id, status: $s, reason: "credit limit reached") { status } }`, { id: partnerId, s: status });
  for (let i = 0; i < 100; i++) {
    const [row] = await querySql(hub.databaseUrl, `SELECT status FROM rating.partner_settings WHERE partner_id = $1`, [partnerId]);
    if (row?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`rating never saw ${partnerId} ${status}`);
}

const ingest = (fileName: string, lines: string[]) => must(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { ${JOB} } }`, { i: { source: "BLOCKS", fileName, content: [HEADER, ...lines].join("\n") } });

beforeAll(async () => {
  hub = await startTestHub("blocked");
  carrier = await createPartner(hub, "BLOCKED_CARRIER", { roles: ["CUSTOMER"] });
  vendor = await createPartner(hub, "BLOCKS_VENDOR", { roles: ["VENDOR"] });
  carrierKey = (await issueApiKey(hub, carrier.id)).secret;
  vendorKey = (await issueApiKey(hub, vendor.id)).secret;
  for (const [partnerId, direction, rate] of [[carrier.id, "SELL", "0.0100"], [vendor.id, "BUY", "0.0070"]]) {
    const c = await must(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partnerId, d: direction });
    await must(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.createRateCard.id, mode: "FULL", content: `prefix,destination,rate\n44,United Kingdom,${rate}`, effectiveFrom: "2026-01-01T00:00:00Z" } });
  }
  const s = await must(`mutation { createCdrSource(input: { code: "BLOCKS", name: "blocks", format: NATIVE, timezone: "UTC" }) { id } }`);
  for (const [side, value, partnerId] of [["INGRESS", "carrier", carrier.id], ["EGRESS", "vendor", vendor.id]])
    await must(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
}, 120_000);
afterAll(() => hub?.stop());

describe("a partner BLOCKED by setPartnerStatus", () => {
  it("has its calls stored, rated and marked, with the job's count and a traffic event saying blocked", async () => {
    await setStatus(carrier.id, "BLOCKED");
    const [{ p: mark }] = await querySql(hub.databaseUrl, `SELECT coalesce(max(id), 0)::text AS p FROM events.event`);
    // Straight to the rating subgraph over graphql-ws, as an operator: the carrier's traffic as it commits.
    const operator = signPrincipal({ kind: "operator", id: "op", name: "Watcher", roles: [OperatorRole.VIEWER] }, hub.internalSecret, { audience: graphqlAudience("rating") });
    const client = createClient({ url: hub.subgraphUrls.rating.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { [PRINCIPAL_HEADER]: operator } });
    const update = new Promise<any>((resolve, reject) => {
      const stop = client.subscribe(
        { query: `subscription($p: ID, $a: String) { trafficUpdates(partnerId: $p, after: $a) { partnerId role blocked calls amount } }`, variables: { p: carrier.id, a: mark } },
        { next: (msg) => (stop(), resolve(msg.data?.trafficUpdates ?? msg.errors)), error: reject, complete: () => undefined },
      );
    });
    const job = await ingest("blocked.csv", [
      "bl-1,2026-11-20T10:00:00Z,60,+442079460018,+447700900001,carrier,vendor,ANSWERED",
      "bl-2,2026-11-20T10:01:00Z,120,+442079460018,+447700900002,carrier,vendor,ANSWERED",
    ]);
    expect(job.ingestCdrs).toMatchObject({ status: "COMPLETED", rated: 2, blocked: 2 });
    expect(await update).toEqual({ partnerId: carrier.id, role: "CUSTOMER", blocked: true, calls: 2, amount: "0.03" });
    await client.dispose();

    const calls = `{ ratedCdrs(filter: { from: "2026-11-20T10:00:00Z", to: "2026-11-20T11:00:00Z" }) { edges { node { callId blocked } } } }`;
    const marks = async (token?: string) => (await must(calls, {}, token)).ratedCdrs.edges.map((e: any) => [e.node.callId, e.node.blocked]);
    expect(await marks()).toEqual([["bl-1", true], ["bl-2", true]]);
    // The blocked carrier may still read its calls (read-only), marked; its vendor sees its own leg, not blocked.
    expect(await marks(carrierKey)).toEqual([["bl-1", true], ["bl-2", true]]);
    expect(await marks(vendorKey)).toEqual([["bl-1", false], ["bl-2", false]]);
    const events = await querySql(hub.databaseUrl, `SELECT key, payload->>'blocked' AS blocked FROM events.event WHERE type = 'traffic.batch' AND id > $1 ORDER BY id`, [mark]);
    expect(events).toEqual([{ key: carrier.id, blocked: "true" }, { key: vendor.id, blocked: "false" }]);
  });

  it("has its calls unmarked again once reactivated", async () => {
    await setStatus(carrier.id, "ACTIVE");
    const job = await ingest("unblocked.csv", ["ok-1,2026-11-20T12:00:00Z,60,+442079460018,+447700900003,carrier,vendor,ANSWERED"]);
    expect(job.ingestCdrs).toMatchObject({ status: "COMPLETED", rated: 1, blocked: 0 });
  });
});
