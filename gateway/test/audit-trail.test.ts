import { errorCodes } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";

let hub: TestHub;
let carrier: { id: string };
let other: { id: string };
let carrierKey: string;

const TRAIL = `query($f: AuditFilterInput) { auditTrail(filter: $f, first: 100) { edges { node { subgraph entityType entityId partnerId action actor changedFields before after } } } }`;

async function trail(filter: Record<string, unknown>, token?: string) {
  const res = await hub.query(TRAIL, { f: filter }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.auditTrail.edges.map((e: any) => e.node);
}

async function must(query: string, variables: Record<string, unknown> = {}) {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

beforeAll(async () => {
  hub = await startTestHub("audit");
  carrier = await createPartner(hub, "AUDITED");
  other = await createPartner(hub, "OTHER");
  carrierKey = (await issueApiKey(hub, carrier.id)).secret;
});
afterAll(() => hub?.stop());

describe("one audit trail for every subgraph", () => {
  it("records rating changes in the transaction of the change, with actor, before and after", async () => {
    const card = (await must(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "voice", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: carrier.id })).createRateCard;
    await must(`mutation($id: ID!) { updateRateCard(id: $id, input: { name: "voice A-Z" }) { id } }`, { id: card.id });
    await must(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.id, mode: "FULL", content: "prefix,destination,rate\n44,UK,0.01\n", effectiveFrom: "2026-01-01T00:00:00Z" } });
    await must(`mutation { setExchangeRate(input: { base: "USD", quote: "GBP", rate: "0.8", effectiveDate: "2026-01-01" }) { id } }`);
    await must(`mutation { setExchangeRate(input: { base: "USD", quote: "GBP", rate: "0.79", effectiveDate: "2026-01-01" }) { id } }`);
    await must(`mutation { createDeckLayout(input: { name: "vendor X", columns: { prefix: "Code", rate: "Price" } }) { id } }`);
    const source = (await must(`mutation { createCdrSource(input: { code: "AUD_PBX", name: "Audited switch", format: NATIVE, timezone: "UTC" }) { id } }`)).createCdrSource;
    await must(`mutation($s: ID!, $p: ID!) { addTrunkMapping(input: { sourceId: $s, side: "INGRESS", match: "DEFAULT", value: "", partnerId: $p }) { id } }`, { s: source.id, p: carrier.id });
    await must(`mutation { rerateCalls(input: { from: "2026-11-01T00:00:00Z", to: "2026-11-02T00:00:00Z" }) { id } }`);

    const cardEntries = await trail({ entityType: "RATE_CARD", entityId: card.id });
    expect(cardEntries.map((e: any) => [e.subgraph, e.action, e.actor, e.partnerId])).toEqual([
      ["rating", "rate_card.created", "operator:admin (INTERSETTLE_ADMIN_TOKEN)", carrier.id],
      ["rating", "rate_card.updated", "operator:admin (INTERSETTLE_ADMIN_TOKEN)", carrier.id],
    ]);
    expect(cardEntries[1]).toMatchObject({ changedFields: ["name", "updatedAt"], before: { name: "voice" }, after: { name: "voice A-Z" } });
    const [published] = await trail({ entityType: "RATE_CARD_VERSION" });
    expect(published).toMatchObject({ action: "rate_card_version.published", partnerId: carrier.id, after: { rateCardId: card.id, version: 1, rowCount: 1 } });
    const fx = await trail({ entityType: "EXCHANGE_RATE" });
    expect(fx.map((e: any) => [e.action, e.before?.rate ?? null, e.after.rate])).toEqual([["exchange_rate.set", null, "0.8"], ["exchange_rate.corrected", "0.8", "0.79"]]);
    for (const [entityType, action] of [["DECK_LAYOUT", "deck_layout.created"], ["CDR_SOURCE", "cdr_source.created"], ["TRUNK_MAPPING", "trunk_mapping.added"], ["RERATE_JOB", "rerate_job.completed"]]) {
      expect((await trail({ entityType })).map((e: any) => e.action)).toContain(action);
    }
  });

  it("records each ingestion job's start and end, whether it completed or failed", async () => {
    const good = await must(`mutation { ingestCdrs(input: { source: "AUD_PBX", fileName: "good.csv", content: "call_id,start,duration,a_number,b_number,ingress,egress,disposition\\naud1,2026-11-20T10:00:00Z,60,+442079460000,+447700900123,in,out,ANSWERED\\n" }) { id status } }`);
    const bad = await must(`mutation { ingestCdrs(input: { source: "AUD_PBX", fileName: "bad.csv", content: "nothing,we,know\\n1,2,3\\n" }) { id status } }`);
    expect([good.ingestCdrs.status, bad.ingestCdrs.status]).toEqual(["COMPLETED", "FAILED"]);
    const actions = async (id: string) => (await trail({ entityType: "INGESTION_JOB", entityId: id })).map((e: any) => e.action);
    expect(await actions(good.ingestCdrs.id)).toEqual(["ingestion_job.started", "ingestion_job.completed"]);
    expect(await actions(bad.ingestCdrs.id)).toEqual(["ingestion_job.started", "ingestion_job.failed"]);
    const [, failed] = await trail({ entityType: "INGESTION_JOB", entityId: bad.ingestCdrs.id });
    expect(failed.after).toMatchObject({ status: "FAILED", read: 0 });
  });

  it("records nothing for a change that was refused", async () => {
    const before = (await trail({ entityType: "RATE_CARD" })).length;
    const refused = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "", direction: SELL, currency: "XXX1", service: VOICE }) { id } }`, { p: carrier.id });
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect((await trail({ entityType: "RATE_CARD" })).length).toBe(before);
  });

  it("shows a partner the entries about its own records only, never the hub's internal ones", async () => {
    await must(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "other voice", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: other.id });
    const seen = await trail({}, carrierKey);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((e: any) => e.partnerId))).toEqual(new Set([carrier.id]));
    expect(seen.map((e: any) => e.entityType)).not.toContain("TRUNK_MAPPING");
    expect(errorCodes(await hub.query(TRAIL, { f: { partnerId: other.id } }, carrierKey))).toEqual(["FORBIDDEN"]);
  });
});
