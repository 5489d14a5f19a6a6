import type { TestHub } from "./test-hub";
import { createPartner, issueApiKey, PARTNER_FIELDS } from "./fixtures";
import { buildContentWorld, type ContentWorld } from "./content-world";

/** One partner's records, created by the admin through GraphQL. */
export interface PartnerRecords {
  id: string;
  code: string;
  key: string;
  credentialId: string;
  agreementId: string;
  sellCardId: string;
  buyCardId: string;
  versionIds: string[];
}

/**
 * Two partners with everything a partner has: A (the caller of the matrix) and B (the one it must not reach).
 * Calls transit A→B and B→A on a shared switch, and B alone has calls on its own switch; B's ids and the strings
 * that only B's records carry (canaries) are what no answer to A may contain.
 */
export interface PartnerWorld {
  a: PartnerRecords & { invoiceId: string };
  b: PartnerRecords & { sourceId: string; sourceCode: string; jobId: string; rerateJobId: string; mappingIds: string[]; contactIds: string[]; invoiceId: string; draftId: string; paymentId: string; pricePlanIds: string[]; routingPlanId: string };
  sharedSourceCode: string;
  /** Every id of B's, by kind (partner, agreement, credential, rateCard, …). */
  bIds: Record<string, string>;
  /** Strings only B's records carry, as they appear in a JSON response, */
  bCanaries: string[];
  /** The period the calls fall in. */
  period: { from: string; to: string };
  /** A's and B's content services, agreements and published statements (both aggregators). */
  content: ContentWorld;
}

export const A_CODE = "ALPHA_MX";
export const B_CODE = "BRAVOCANARY";
const B_LEGAL_NAME = "Bravo Canary Secret Networks Ltd";
const B_EMAIL = "settlement@bravo-canary.example";
const B_AGREEMENT_REF = "BRAVO-CANARY-AGR-7";
const B_TERMS = "bravo canary confidential terms";
const B_SOURCE_CODE = "BRAVO_CANARY_PBX";
const SHARED_SOURCE_CODE = "MX_SHARED";

/** B's SELL deck's name for prefix 44, which the destination catalogue does not cover; B→A calls go there. */
export const B_DECK_LABEL_OF_SHARED_CALL = "Bravo Canary UK";

// A's decks use plain names and rates; B's carry names and rates found nowhere else.
const A_SELL = "prefix,destination,rate\n91,India,0.0120\n44,United Kingdom,0.0100\n33,France,0.0200";
const A_BUY = "prefix,destination,rate\n91,India,0.0090\n44,United Kingdom,0.0070";
const B_SELL = `prefix,destination,rate\n998,Canaryland Bravo Mobile,0.0987\n44,${B_DECK_LABEL_OF_SHARED_CALL},0.0654\n91,Bravo Canary India,0.0543`;
const B_BUY = "prefix,destination,rate\n91,Bravo Canary India Route,0.0876\n44,Bravo Canary UK Route,0.0765";
/** Rates and amounts of B's legs only: B's deck rates, its cost on A→B calls, its revenue on its own calls. */
const B_AMOUNTS = ["0.0987", "0.0654", "0.0543", "0.0876", "0.0765", "0.1752", "0.2961"];

const NATIVE_HEADER = "call_id,start,duration,a_number,b_number,ingress,egress,disposition";
const SHARED_CALLS = [
  "mx-t1,2026-11-20T10:15:00Z,120,+442079460018,+919812345678,alphaIn,bravoOut,ANSWERED", // A→B: A pays 0.024, B is paid 0.1752
  "mx-t2,2026-11-20T10:20:00Z,60,+442079460018,+447700900111,alphaIn,bravoOut,ANSWERED", // A→B: 0.01 and 0.0765
  "mx-r1,2026-11-20T11:05:00Z,90,+15550100777,+447700900222,bravoIn,alphaOut,ANSWERED", // B→A: B pays 0.0981, A is paid 0.0105
  "mx-u1,2026-11-20T11:10:00Z,60,+442079460018,+33612345678,alphaIn,bravoOut,ANSWERED", // A→B, UNRATED: no 33 on B's BUY card (the reason names it)
];
const B_ONLY_CALLS = [
  "bravo-only-1,2026-11-20T12:00:00Z,60,+15550100999,+99812345678,bravoPbxIn,local,ANSWERED", // 0.0987
  "bravo-only-2,2026-11-20T12:30:00Z,180,+15550100999,+99887654321,bravoPbxIn,local,ANSWERED", // 0.2961
  "bravo-only-bad,not-a-time-bravo-canary,60,+15550100999,+99800000000,bravoPbxIn,local,ANSWERED", // quarantined
];

async function must<T = any>(hub: TestHub, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

async function cardWithDeck(hub: TestHub, partnerId: string, name: string, direction: string, deck: string) {
  const card = await must(hub, `mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`, { i: { partnerId, name, direction, currency: "USD", service: "VOICE" } });
  const version = await must(hub, `mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { id } }`, {
    i: { rateCardId: card.createRateCard.id, mode: "FULL", content: deck, fileName: `${name}.csv`, effectiveFrom: "2026-01-01T00:00:00Z" },
  });
  return { cardId: card.createRateCard.id as string, versionId: version.importRateDeck.id as string };
}

async function source(hub: TestHub, code: string, mappings: Array<{ side: string; value: string; partnerId: string | null }>) {
  const s = await must(hub, `mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code, name: `${code} switch`, format: "NATIVE", timezone: "UTC" } });
  const ids: string[] = [];
  for (const m of mappings) {
    const r = await must(hub, `mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.createCdrSource.id, match: "TRUNK", ...m } });
    ids.push(r.addTrunkMapping.id);
  }
  return { id: s.createCdrSource.id as string, mappingIds: ids };
}

async function ingest(hub: TestHub, sourceCode: string, fileName: string, lines: string[]) {
  const res = await must(hub, `mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { id status } }`, { i: { source: sourceCode, fileName, content: [NATIVE_HEADER, ...lines].join("\n") } });
  if (res.ingestCdrs.status !== "COMPLETED") throw new Error(`ingestion of ${fileName}: ${res.ingestCdrs.status}`);
  return res.ingestCdrs.id as string;
}

async function partnerRecords(hub: TestHub, code: string, overrides: Record<string, unknown>, agreement: Record<string, unknown>, decks: { sell: string; buy: string }, cardPrefix: string) {
  // Carriers that also aggregate content, so each has revenue-share statements too.
  const partner = await createPartner(hub, code, { roles: ["CUSTOMER", "VENDOR"], types: ["CARRIER", "AGGREGATOR"], ...overrides });
  const key = await issueApiKey(hub, partner.id);
  const agr = await must(hub, `mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id } }`, {
    i: { partnerId: partner.id, type: "BILATERAL", services: ["VOICE"], validFrom: "2026-01-01", status: "ACTIVE", ...agreement },
  });
  const sell = await cardWithDeck(hub, partner.id, `${cardPrefix}-sell`, "SELL", decks.sell);
  const buy = await cardWithDeck(hub, partner.id, `${cardPrefix}-buy`, "BUY", decks.buy);
  return {
    partner,
    records: { id: partner.id as string, code, key: key.secret, credentialId: key.id, agreementId: agr.createAgreement.id as string, sellCardId: sell.cardId, buyCardId: buy.cardId, versionIds: [sell.versionId, buy.versionId] },
  };
}

/** Builds the two partners, their traffic and B's canaries, all as the admin. */
export async function buildPartnerWorld(hub: TestHub): Promise<PartnerWorld> {
  const a = await partnerRecords(hub, A_CODE, { legalName: "Alpha Matrix Telecom Ltd" }, { reference: "ALPHA-AGR-1" }, { sell: A_SELL, buy: A_BUY }, "alpha");
  const b = await partnerRecords(
    hub,
    B_CODE,
    { legalName: B_LEGAL_NAME, contacts: [{ name: "Bravo Canary Billing", role: "BILLING", email: B_EMAIL, phone: "+15550100999" }] },
    { reference: B_AGREEMENT_REF, terms: B_TERMS },
    { sell: B_SELL, buy: B_BUY },
    "bravo-canary",
  );
  await must(hub, `mutation { setExchangeRate(input: { base: "USD", quote: "GBP", rate: "0.8", effectiveDate: "2026-01-01" }) { id } }`);
  await must(hub, `mutation($csv: String!) { importDestinations(csv: $csv) }`, { csv: "prefix,country,operator,region,type\n33,France,Orange,,MOBILE" });

  const shared = await source(hub, SHARED_SOURCE_CODE, [
    { side: "INGRESS", value: "alphaIn", partnerId: a.records.id },
    { side: "INGRESS", value: "bravoIn", partnerId: b.records.id },
    { side: "EGRESS", value: "bravoOut", partnerId: b.records.id },
    { side: "EGRESS", value: "alphaOut", partnerId: a.records.id },
  ]);
  const own = await source(hub, B_SOURCE_CODE, [
    { side: "INGRESS", value: "bravoPbxIn", partnerId: b.records.id },
    { side: "EGRESS", value: "local", partnerId: null },
  ]);
  // A's spend cap is tiny, so its own traffic raises a fraud alert of A's (its alert stream has an event to replay).
  await must(hub, `mutation($p: ID!) { setFraudRules(partnerId: $p, input: { spendPerHour: { enabled: true, cap: "0.01", autoBlock: false } }) { partnerId } }`, { p: a.records.id });
  await ingest(hub, SHARED_SOURCE_CODE, "shared-2026-11-20.csv", SHARED_CALLS);
  const jobId = await ingest(hub, B_SOURCE_CODE, "bravo-canary-2026-11-20.csv", B_ONLY_CALLS);
  const period = { from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };
  const rerate = await must(hub, `mutation($i: RerateInput!) { rerateCalls(input: $i) { id status } }`, { i: { partnerId: b.records.id, ...period } });

  for (let i = 0; ; i++) {
    const alerts = await must(hub, `query($p: ID!) { fraudAlerts(filter: { partnerId: $p }) { edges { node { id } } } }`, { p: a.records.id });
    if (alerts.fraudAlerts.edges.length > 0) break;
    if (i > 100) throw new Error("A's fraud alert was not raised");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // B's November: its receivable issued and part paid, its payable left a draft.
  const runs = await must(hub, `mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-20") { side invoiceId } }`, { p: b.records.id });
  const invoiceId = runs.runBilling.find((r: any) => r.side === "RECEIVABLE").invoiceId as string;
  const draftId = runs.runBilling.find((r: any) => r.side === "PAYABLE").invoiceId as string;
  await must(hub, `mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: invoiceId });
  await must(hub, `mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id: invoiceId });
  const payment = await must(hub, `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
    i: { partnerId: b.records.id, direction: "RECEIVED", currency: "USD", amount: "0.1", paidAt: "2026-11-25T00:00:00Z", reference: "BRAVO-CANARY-WIRE" },
  });
  const aRuns = await must(hub, `mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-20") { side invoiceId } }`, { p: a.records.id });
  // A's own receivable issued too, so that A's invoice and credit event streams have events of A's to replay.
  const aInvoiceId = aRuns.runBilling.find((r: any) => r.side === "RECEIVABLE").invoiceId as string;
  await must(hub, `mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: aInvoiceId });
  await must(hub, `mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id: aInvoiceId });

  const details = await must(
    hub,
    `query($p: ID!) { partner(id: $p) { contacts { id } } apiCredentials(partnerId: $p) { edges { node { id hint } } } }`,
    { p: b.records.id },
  );
  const hint = details.apiCredentials.edges.find((e: any) => e.node.id === b.records.credentialId).node.hint as string;
  // B's default plans (its first SELL and BUY cards), and an override on its own switch's trunk from December.
  await must(hub, `mutation($i: SetPricePlanInput!) { setPricePlan(input: $i) { id } }`, {
    i: { partnerId: b.records.id, direction: "SELL", service: "VOICE", rateCardId: b.records.sellCardId, trunkMappingId: own.mappingIds[0], effectiveFrom: "2026-12-01T00:00:00Z" },
  });
  const plans = await must(hub, `query($p: ID!) { pricePlans(partnerId: $p) { edges { node { id } } } }`, { p: b.records.id });
  const pricePlanIds = plans.pricePlans.edges.map((e: any) => e.node.id as string);
  // B's routing plan as a customer: it names A as a preferred vendor and protects a margin.
  const routingPlan = await must(hub, `mutation($i: SetRoutingPlanInput!) { setRoutingPlan(input: $i) { id } }`, {
    i: { customerId: b.records.id, strategy: "PRIORITY", maxRoutes: 3, minMargin: { kind: "FIXED", value: "0.0011" }, vendors: [{ vendorId: a.records.id, priority: 7, weight: 2 }], effectiveFrom: "2026-01-01T00:00:00Z" },
  });
  const routingPlanId = routingPlan.setRoutingPlan.id as string;
  const contactIds = details.partner.contacts.map((c: { id: string }) => c.id);
  const content = await buildContentWorld(hub, a.records.id, b.records.id);
  const mappingIds = [...own.mappingIds, shared.mappingIds[1], shared.mappingIds[2]];

  const bIds: Record<string, string> = {
    partner: b.records.id,
    agreement: b.records.agreementId,
    credential: b.records.credentialId,
    sellCard: b.records.sellCardId,
    buyCard: b.records.buyCardId,
    sellCardVersion: b.records.versionIds[0],
    buyCardVersion: b.records.versionIds[1],
    source: own.id,
    job: jobId,
    rerateJob: rerate.rerateCalls.id,
    contact: contactIds[0],
    invoice: invoiceId,
    draftInvoice: draftId,
    payment: payment.recordPayment.id,
    ...Object.fromEntries(mappingIds.map((id, i) => [`trunkMapping${i}`, id])),
    ...Object.fromEntries(pricePlanIds.map((id, i) => [`pricePlan${i}`, id])),
    routingPlan: routingPlanId,
    contentService: content.b.serviceId,
    shareAgreement: content.b.agreementId,
    statement: content.b.statementId,
  };
  const bCanaries = [
    B_CODE,
    B_LEGAL_NAME,
    B_EMAIL,
    B_AGREEMENT_REF,
    B_TERMS,
    B_SOURCE_CODE,
    "bravo-canary-sell",
    "bravo-canary-buy",
    "Canaryland Bravo",
    "Bravo Canary India",
    B_DECK_LABEL_OF_SHARED_CALL,
    "bravo-only-",
    "bravoPbxIn",
    "BRAVO-CANARY-WIRE",
    "99812345678",
    "99887654321",
    hint,
    b.records.key,
    ...B_AMOUNTS.map((amount) => JSON.stringify(amount)),
    ...content.bCanaries,
  ];
  return {
    a: { ...a.records, invoiceId: aRuns.runBilling.find((r: any) => r.side === "RECEIVABLE").invoiceId as string },
    b: { ...b.records, sourceId: own.id, sourceCode: B_SOURCE_CODE, jobId, rerateJobId: rerate.rerateCalls.id, mappingIds, contactIds, invoiceId, draftId, paymentId: payment.recordPayment.id, pricePlanIds, routingPlanId },
    sharedSourceCode: SHARED_SOURCE_CODE,
    bIds,
    bCanaries,
    period,
    content,
  };
}

/**
 * What the admin sees of B and of the hub's shared settings, without the fields that reading itself changes
 * (lastUsedAt): equal before and after the matrix means no call of A's or the viewer's changed anything.
 */
export async function hubSnapshot(hub: TestHub, world: PartnerWorld): Promise<unknown> {
  const { b, period } = world;
  const vars = { p: b.id, s: b.sourceCode, j: b.jobId, ...period };
  // Several queries: one would exceed the gateway's cost limit.
  const parts = [
    `query($p: ID!) {
      partner(id: $p) { ${PARTNER_FIELDS} contacts { id } }
      agreements(filter: { partnerId: $p }) { edges { node { id reference type status services validFrom validTo terms version updatedAt } } }
      apiCredentials(partnerId: $p, includeRevoked: true) { edges { node { id name hint revokedAt } } }
      operatorTokens(includeRevoked: true) { edges { node { id name roles revokedAt } } }
      partners(first: 50) { totalCount }
      audit: auditTrail(first: 1, filter: { partnerId: $p }) { totalCount }
      creditStatus(partnerId: $p) { mode limit exposure standing status blockCause position }
      creditLedger(partnerId: $p, first: 100) { totalCount edges { node { position kind reference exposureAfter partnerStatus } } }
    }`,
    `query($p: ID!) {
      rateCards(filter: { partnerId: $p }) { edges { node { id name direction currency service currentVersion updatedAt timeBands { name weekdays start end }
        versions { totalCount edges { node { id version } } } rates(first: 20) { edges { node { id prefix destination rate effectiveFrom effectiveTo } } } } } }
      allCards: rateCards(first: 50) { totalCount }
      pricePlans(partnerId: $p) { edges { node { id rateCardId trunkMappingId agreementId effectiveFrom effectiveTo updatedAt } } }
      routingPlans(customerId: $p) { id version strategy maxRoutes minMarginKind minMarginValue vendors { vendorId priority weight } overrides { prefix vendorId action } effectiveFrom effectiveTo updatedAt }
      deckLayouts { id name }
    }`,
    `query($s: String!, $j: ID!) {
      cdrSource(code: $s) { id code name dropFolder trunkMappings { id side match value partnerId } }
      cdrSources { code trunkMappings { id } }
      ingestionJob(id: $j) { id status read rated totals { side currency amount } }
      ingestionJobs(first: 50) { totalCount }
    }`,
    `query($p: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
      ratedCdrs(first: 50, filter: { partnerId: $p, from: $from, to: $to }) { edges { node { callId bNumber status customerId revenue vendorId cost destination } } }
      traffic(first: 50, filter: { partnerId: $p }) { edges { node { role destination hour attempts amount } } }
      sell: usageSummary(partnerId: $p, direction: SELL, from: $from, to: $to) { prefix rate calls amount }
      buy: usageSummary(partnerId: $p, direction: BUY, from: $from, to: $to) { prefix rate calls amount }
    }`,
    `query($p: ID!) {
      invoices(filter: { partnerId: $p }) { edges { node { id number status net gross openAmount version lines { totalCount } } } }
      payments(partnerId: $p) { edges { node { id amount unapplied reference } } }
      billingRuns(partnerId: $p) { totalCount }
      accountBalances(partnerId: $p) { side currency balance }
    }`,
    `query($p: ID!) {
      contentServices(filter: { partnerId: $p }) { edges { node { id code name status version agreements { id reference version effectiveFrom effectiveTo } } } }
      statements(filter: { partnerId: $p }) { edges { node { id number status payable version lines(first: 30) { totalCount edges { node { kind amount description } } } } } }
    }`,
    `{
      exchangeRates(first: 50) { edges { node { base quote rate effectiveDate } } }
      destinations(first: 50) { edges { node { prefix country operator type } } }
    }`,
  ];
  const snapshot: Record<string, unknown> = {};
  for (const query of parts) Object.assign(snapshot, await must(hub, query, vars));
  return snapshot;
}
