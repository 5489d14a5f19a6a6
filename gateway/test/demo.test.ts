import { HubClient } from "../src/cli/hub-client";
import { loadDemo } from "../src/demo/load-demo";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("demo");
});
afterAll(() => hub?.stop());

it("loads a dozen partners of every type with agreements and keys, and adds nothing on a second run", async () => {
  const client = new HubClient({ url: hub.url, token: ADMIN_TOKEN });
  const first = await loadDemo(client);
  expect(first.partnersCreated).toBeGreaterThanOrEqual(12);
  expect(first.apiKeys.length).toBeGreaterThan(0);

  const { partners, agreements } = await client.request(`{ partners(first: 100) { totalCount edges { node { types } } } agreements(first: 100) { totalCount } }`);
  const types = new Set(partners.edges.flatMap((e: any) => e.node.types));
  expect([...types].sort()).toEqual(["AGGREGATOR", "CARRIER", "CONTENT_PROVIDER", "MVNO", "PLATFORM_ENABLER", "ROAMING_PARTNER"]);

  const key = first.apiKeys[0];
  const asPartner = await hub.query(`{ viewer { partner { code } } }`, {}, key.secret);
  expect(asPartner.data.viewer.partner.code).toBe(key.partner);

  expect(first.rateCardsCreated).toBeGreaterThanOrEqual(6);
  const cards = await client.request(`{ rateCards(first: 100) { edges { node { direction currentVersion partner { code } } } } }`);
  expect(new Set(cards.rateCards.edges.map((e: any) => e.node.direction))).toEqual(new Set(["SELL", "BUY"]));
  expect(cards.rateCards.edges.every((e: any) => e.node.currentVersion === 1)).toBe(true);

  expect(first.callsRated).toBeGreaterThan(1500);
  const jobs = await client.request(`{ ingestionJobs { edges { node { fileName read rated duplicate rejected unrated } } } }`);
  const byFile = Object.fromEntries(jobs.ingestionJobs.edges.map((e: any) => [e.node.fileName, e.node]));
  for (const job of Object.values(byFile) as any[]) expect(job.read).toBe(job.rated + job.duplicate + job.rejected + job.unrated);
  expect(byFile["Master-2026-11-20.csv"]).toMatchObject({ duplicate: 5, rejected: 6 });
  expect(byFile["Master-2026-11-20.csv"].unrated).toBeGreaterThan(0);

  // Live events: the traffic tripped a credit block and a fraud alert.
  expect(first.blocked).toEqual(["CLOUDSMS"]);
  expect(first.fraudAlerts).toBeGreaterThan(0);

  // A billing cycle over the traffic: November's invoices issued, numbered, each with lines adding up to its net.
  expect(first.invoicesIssued).toBeGreaterThan(0);
  // Published revenue-share statements become issued payables too, as invoicing consumes their events.
  await until(async () => (await client.request(`{ invoices(filter: { status: ISSUED }) { totalCount } }`)).invoices.totalCount === first.invoicesIssued + first.statementsPublished);
  const issued = await client.request(`{ invoices(first: 100, filter: { status: ISSUED }) { totalCount edges { node { number net gross tax lines(first: 50) { edges { node { net } } } } } } }`);
  expect(issued.invoices.totalCount).toBe(first.invoicesIssued + first.statementsPublished);
  for (const { node } of issued.invoices.edges) {
    expect(node.number).toMatch(/^(INV|BILL)-\d{4}-\d{6}$/);
    const lines = node.lines.edges.reduce((sum: number, e: any) => sum + Math.round(Number(e.node.net) * 10_000), 0);
    expect(lines).toBe(Math.round(Number(node.net) * 10_000));
  }

  // Revenue share: a service of every model, November's transactions, and every content partner's statements published.
  expect(first.contentServicesCreated).toBe(7);
  expect(first.contentTransactions).toBeGreaterThan(15000);
  expect(first.statementsPublished).toBeGreaterThanOrEqual(5);
  const { statements } = await client.request(`{ statements(first: 50, filter: { status: PUBLISHED }) { totalCount edges { node { number payable currency partner { code } } } } }`);
  expect(statements.totalCount).toBe(first.statementsPublished);
  const paid = new Set(statements.edges.map((e: any) => e.node.partner.code));
  expect([...paid].sort()).toEqual(["CLOUDSMS", "PIXELPLAY", "STREAMIX", "TUNECAST", "VALUE_AGG"]);
  expect(statements.edges.every((e: any) => /^RSS-\d{4}-\d{6}$/.test(e.node.number) && Number(e.node.payable) > 0)).toBe(true);

  // Reconciliation: both partners' November claims reconciled, each planted difference beyond tolerance disputed.
  expect(first.claimsReconciled).toBe(2);
  expect(first.disputesOpened).toHaveLength(2);
  const { reconciliationStatus, telco, atlantic } = await client.request(`{ reconciliationStatus { status disputed partnerId matched durationMismatch rateMismatch missingOurs missingTheirs }
    telco: partnerByCode(code: "TELCO_UK") { id } atlantic: partnerByCode(code: "ATLANTIC_VOICE") { id } }`);
  const codes: Record<string, string> = { [telco.id]: "TELCO_UK", [atlantic.id]: "ATLANTIC_VOICE" };
  const byCode = Object.fromEntries(reconciliationStatus.map((r: any) => [codes[r.partnerId], r]));
  expect(byCode.TELCO_UK).toMatchObject({ status: "BEYOND_TOLERANCE", disputed: true, missingOurs: 8 });
  for (const kind of ["durationMismatch", "rateMismatch", "missingTheirs"]) expect(byCode.TELCO_UK[kind]).toBeGreaterThan(0);
  expect(byCode.ATLANTIC_VOICE).toMatchObject({ status: "BEYOND_TOLERANCE", disputed: true });
  const { disputes } = await client.request(`{ disputes(first: 10) { edges { node { number status partnerId attachments { fileName } } } } }`);
  expect(disputes.edges.map((e: any) => e.node.number).sort()).toEqual([...first.disputesOpened].sort());
  const evidence = Object.fromEntries(disputes.edges.map((e: any) => [codes[e.node.partnerId], e.node.attachments.map((a: any) => a.fileName.replace(/^DSP-\d+-/, ""))]));
  expect(evidence.TELCO_UK).toContain("mismatched-calls.csv");
  expect(evidence.ATLANTIC_VOICE).toContain("destination-differences.csv");
  expect(disputes.edges.every((e: any) => e.node.status === "OPEN")).toBe(true);

  const second = await loadDemo(client);
  expect(second).toMatchObject({ partnersCreated: 0, partnersExisting: first.partnersCreated, agreementsCreated: 0, rateCardsCreated: 0, callsRated: 0, invoicesIssued: 0, contentServicesCreated: 0, contentTransactions: 0, statementsPublished: 0, claimsReconciled: 0, disputesOpened: [] });
  expect(second.fraudAlerts).toBe(first.fraudAlerts);
  const after = await client.request(`{ partners { totalCount } agreements { totalCount } }`);
  expect(after).toEqual({ partners: { totalCount: partners.totalCount }, agreements: { totalCount: agreements.totalCount } });
});

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
