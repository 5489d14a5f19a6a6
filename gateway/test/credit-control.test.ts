import { Client as PgClient } from "pg";
import { appendEvent, Decimal, errorCodes, OperatorRole, type NewEvent, type Principal } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";
import { SubgraphFeed } from "./support/subgraph-feed";

/**
 * Real-time credit control through the real hub: traffic, fraud and (until rating publishes them itself) contract-shaped
 * traffic.batch events appended to the log as rating would; invoices and payments through invoicing's API; what credit
 * control did read back through the gateway and over graphql-ws subscriptions straight to the subgraphs.
 */
let hub: TestHub;
let db: PgClient;
let carrier: { id: string };
let other: { id: string };
let carrierKey: string;
let otherKey: string;
const OPERATOR: Principal = { kind: "operator", id: "op", name: "dashboard", roles: [OperatorRole.VIEWER] };
const feeds: SubgraphFeed[] = [];

const CREDIT_EVENT = `type partnerId position mode currency limit exposure available standing status blockCause reason ledgerPosition partner { code status }`;
const CREDIT = `mode currency limit warningPercent exposure available standing unbilled receivable balance status blockCause position`;

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

/** Appends an event as its producer would, in a transaction of its own; answers when it committed. */
async function append(event: NewEvent): Promise<number> {
  await db.query("BEGIN");
  await appendEvent(db, event);
  await db.query("COMMIT");
  return Date.now();
}

let jobs = 0;
function trafficBatch(partnerId: string, amount: string, extra: Record<string, unknown> = {}): NewEvent {
  const jobId = `job-${++jobs}`;
  return {
    topic: "traffic",
    type: "traffic.batch",
    key: partnerId,
    producer: "rating",
    payload: { jobId, partnerId, role: "CUSTOMER", from: "2026-12-01T10:00:00Z", to: "2026-12-01T10:59:00Z", calls: 10, answered: 8, seconds: 3600, currency: "USD", amount, blocked: false, destinations: [{ destination: "United Kingdom", calls: 10, answered: 8, seconds: 3600, amount }], ...extra },
  };
}

async function logPosition(): Promise<string> {
  const [row] = await querySql(hub.databaseUrl, "SELECT coalesce(max(id), 0)::text AS p FROM events.event");
  return row.p;
}

function creditFeed(principal: Principal, variables: Record<string, unknown>): SubgraphFeed {
  const feed = new SubgraphFeed(hub, "partners", principal, `subscription($p: ID, $after: String) { creditEvents(partnerId: $p, after: $after) { ${CREDIT_EVENT} } }`, variables);
  feeds.push(feed);
  return feed;
}

const credit = async (partnerId: string, token?: string) => (await ok(`query($p: ID!) { creditStatus(partnerId: $p) { ${CREDIT} } }`, { p: partnerId }, token)).creditStatus;
const partnerStatus = async (id: string) => (await ok(`query($id: ID!) { partner(id: $id) { status statusReason blockCause } }`, { id })).partner;
const pay = (partnerId: string, amount: string, reference: string) =>
  ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, { i: { partnerId, direction: "RECEIVED", currency: "USD", amount, paidAt: "2026-12-01T12:00:00Z", reference } });

/** Waits until the partner's status is `status` (credit control applies events in the background). */
async function statusBecomes(id: string, status: string, timeoutMs = 5_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await partnerStatus(id);
    if (p.status === status) return p;
    if (Date.now() > deadline) throw new Error(`partner ${id} is ${JSON.stringify(p)}, not ${status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until credit control has applied everything up to now. */
async function settled(): Promise<void> {
  const target = await logPosition();
  const deadline = Date.now() + 5_000;
  for (;;) {
    const [row] = await querySql(hub.databaseUrl, "SELECT position FROM events.consumer_cursor WHERE consumer = 'partners.credit-control'");
    if (row && BigInt(row.position) >= BigInt(target)) return;
    // The cursor stops at the last event of its topics; anything after it on other topics is nothing to wait for.
    const [pending] = await querySql(hub.databaseUrl, "SELECT count(*)::int AS n FROM events.event WHERE topic IN ('traffic','invoices','fraud') AND id > $1 AND id <= $2", [row?.position ?? "0", target]);
    if (pending.n === 0) return;
    if (Date.now() > deadline) throw new Error("credit control did not catch up");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  hub = await startTestHub("credit");
  db = new PgClient({ connectionString: hub.databaseUrl });
  await db.connect();
  carrier = await createPartner(hub, "CREDITCO", { roles: ["CUSTOMER"], taxRatePercent: "10", credit: { mode: "POSTPAID", limit: "1000", warningPercent: 80 } });
  other = await createPartner(hub, "OTHERCO", { roles: ["CUSTOMER"], credit: { mode: "POSTPAID", limit: "500" } });
  carrierKey = (await issueApiKey(hub, carrier.id)).secret;
  otherKey = (await issueApiKey(hub, other.id)).secret;
  // One real call of October for CREDITCO, so invoicing has usage to bill (120 s to the UK at 0.10/min: 0.20 USD).
  const card = await ok(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "cc-sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: carrier.id });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { id } }`, { i: { rateCardId: card.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.1000", effectiveFrom: "2026-01-01T00:00:00Z" } });
  const source = await ok(`mutation { createCdrSource(input: { code: "CC_SW", name: "credit switch", format: NATIVE, timezone: "UTC" }) { id } }`);
  for (const [side, value, partnerId] of [["INGRESS", "ccIn", carrier.id], ["EGRESS", "local", null]]) {
    await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
  }
  const content = "call_id,start,duration,a_number,b_number,ingress,egress,disposition\ncc-1,2026-10-10T10:00:00Z,120,+15550100777,+447700900111,ccIn,local,ANSWERED";
  const ingested = await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status } }`, { i: { source: "CC_SW", fileName: "cc.csv", content } });
  expect(ingested.ingestCdrs.status).toBe("COMPLETED");
}, 120_000);

afterAll(async () => {
  await Promise.all(feeds.map((f) => f.close()));
  await db?.end();
  await hub?.stop();
});

describe("postpaid credit control", () => {
  let invoiceId: string;
  let base: Decimal;
  let operatorFeed: SubgraphFeed;
  let start: string;

  it("warns once at the threshold and blocks at the limit within a second of the breaching batch", async () => {
    await settled();
    base = new Decimal((await credit(carrier.id)).exposure);
    start = await logPosition();
    operatorFeed = creditFeed(OPERATOR, { p: carrier.id, after: start });
    let running = base;
    for (const amount of ["500", "310", "100"]) {
      running = running.plus(amount);
      await append(trafficBatch(carrier.id, amount));
      await operatorFeed.first((e) => e.type === "credit.exposure_changed" && e.exposure === running.toFixed());
    }
    const warnings = operatorFeed.values().filter((e) => e.type === "credit.warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ standing: "WARNING", status: "ACTIVE", reason: expect.stringContaining("reached the warning threshold of 800 USD (80% of the limit 1000 USD)") });

    const committed = await append(trafficBatch(carrier.id, "100"));
    const blocked = await operatorFeed.first((e) => e.type === "credit.blocked");
    const limitText = `exposure ${running.plus(100).toFixed()} USD is at or above the limit of 1000 USD`;
    console.log(`credit block: ${blocked.at - committed} ms from the breaching batch's commit to credit.blocked at a subscriber`);
    expect(blocked.at - committed).toBeLessThan(1000);
    expect(blocked.value).toMatchObject({ partnerId: carrier.id, status: "BLOCKED", blockCause: "CREDIT", standing: "LIMIT_REACHED", available: new Decimal(1000).minus(running.plus(100)).toFixed(), reason: `Credit limit reached: ${limitText}` });
    // The subscription resolved the partner as it is now, across the event.
    expect(blocked.value.partner).toEqual({ code: "CREDITCO", status: "BLOCKED" });
    expect(await partnerStatus(carrier.id)).toEqual({ status: "BLOCKED", blockCause: "CREDIT", statusReason: `Credit limit reached: ${limitText}` });
    expect(operatorFeed.values().filter((e) => e.type === "credit.warning")).toHaveLength(1);
  });

  it("shows why: a ledger entry per event with its position, the audit trail, the partners event, and a read-only key", async () => {
    const ledger = await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { totalCount edges { node { position eventType kind reference amount unbilledChange exposureBefore exposureAfter standing partnerStatus note } } } }`, { p: carrier.id });
    const usage = ledger.creditLedger.edges.map((e: any) => e.node).filter((n: any) => BigInt(n.position) > BigInt(start));
    expect(usage.map((n: any) => [n.kind, n.amount, n.standing, n.partnerStatus])).toEqual([
      ["USAGE", "500", "WITHIN_LIMIT", "ACTIVE"],
      ["USAGE", "310", "WARNING", "ACTIVE"],
      ["USAGE", "100", "WARNING", "ACTIVE"],
      ["USAGE", "100", "LIMIT_REACHED", "BLOCKED"],
    ]);
    expect(usage[3]).toMatchObject({ eventType: "traffic.batch", reference: expect.stringMatching(/^job-/), exposureBefore: base.plus(910).toFixed(), exposureAfter: base.plus(1010).toFixed(), note: expect.stringContaining("Credit limit reached") });
    const [traffic] = await querySql(hub.databaseUrl, "SELECT type FROM events.event WHERE id = $1", [usage[3].position]);
    expect(traffic.type).toBe("traffic.batch");

    const audit = await ok(`query($p: ID!) { auditTrail(filter: { entityId: $p, entityType: PARTNER }, first: 100) { edges { node { action actor changedFields after } } } }`, { p: carrier.id });
    const last = audit.auditTrail.edges.at(-1).node;
    expect(last).toMatchObject({ action: "partner.status_changed", actor: "service:credit-control", after: { status: "BLOCKED", blockCause: "CREDIT" } });
    expect(last.changedFields).toEqual(expect.arrayContaining(["blockCause", "status", "statusReason"]));

    const partnerEvents = await querySql(hub.databaseUrl, "SELECT payload FROM events.event WHERE topic = 'partners' AND key = $1 AND type = 'partner.status_changed' AND id > $2", [carrier.id, start]);
    expect(partnerEvents.map((e) => [e.payload.status, e.payload.blockCause])).toEqual([["BLOCKED", "CREDIT"]]);

    const mine = await hub.query(`{ viewer { readOnly } partners { edges { node { credit { standing status } } } } }`, {}, carrierKey);
    expect(mine.data).toEqual({ viewer: { readOnly: true }, partners: { edges: [{ node: { credit: { standing: "LIMIT_REACHED", status: "BLOCKED" } } }] } });
  });

  it("moves an issued invoice's net from unbilled to invoiced, and lifts its own block when a payment brings the exposure back under", async () => {
    const from = await logPosition();
    const invoices = new SubgraphFeed(hub, "invoicing", OPERATOR, `subscription($p: ID, $after: String) { invoiceEvents(partnerId: $p, after: $after) { type partnerId position invoiceId number status currency gross openAmount paymentId amount invoice { id number status } } }`, { p: carrier.id, after: from });
    feeds.push(invoices);
    const run = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-10-15") { side invoiceId } }`, { p: carrier.id });
    invoiceId = run.runBilling.find((r: any) => r.side === "RECEIVABLE").invoiceId;
    await ok(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: invoiceId });
    const issued = (await ok(`mutation($id: ID!) { issueInvoice(id: $id) { number net tax gross } }`, { id: invoiceId })).issueInvoice;
    expect(issued).toMatchObject({ net: "0.2", tax: "0.02", gross: "0.22" });
    await settled();
    const entry = (await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { kind reference unbilledChange invoicedChange exposureBefore exposureAfter } } } }`, { p: carrier.id })).creditLedger.edges.at(-1).node;
    // Nothing counted twice: the net left unbilled usage for the invoice, and the exposure rose by its tax alone.
    expect(entry).toMatchObject({ kind: "INVOICE", reference: issued.number, unbilledChange: "-0.2", invoicedChange: "0.22" });
    expect(new Decimal(entry.exposureAfter).minus(entry.exposureBefore).toFixed()).toBe("0.02");
    expect((await credit(carrier.id)).receivable).toBe("0.22");

    await pay(carrier.id, "200", "WIRE-CC-1");
    const lifted = await operatorFeed.first((e) => e.type === "credit.unblocked");
    expect(lifted.value).toMatchObject({ status: "ACTIVE", blockCause: null, reason: expect.stringMatching(/^Credit block lifted after payment WIRE-CC-1: exposure [\d.]+ USD is below the limit of 1000 USD$/) });
    expect(await partnerStatus(carrier.id)).toMatchObject({ status: "ACTIVE", blockCause: null });

    const issuedEvent = await invoices.first((e) => e.type === "invoice.issued");
    expect(issuedEvent.value).toMatchObject({ partnerId: carrier.id, invoiceId, number: issued.number, currency: "USD", gross: "0.22", openAmount: "0.22", invoice: { id: invoiceId, number: issued.number } });
    const paid = await invoices.first((e) => e.type === "payment.received");
    expect(paid.value).toMatchObject({ partnerId: carrier.id, amount: "200", currency: "USD", paymentId: expect.any(String), invoiceId: null, invoice: null });
    // Positions increase, so a client resumes after the last it saw.
    const positions = invoices.values().map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });

  it("keeps an operator's block after a payment, until an operator lifts it", async () => {
    const blocked = await ok(`mutation($id: ID!) { blockPartner(id: $id, reason: "Chargeback under review") { status statusReason blockCause } }`, { id: carrier.id });
    expect(blocked.blockPartner).toEqual({ status: "BLOCKED", statusReason: "Chargeback under review", blockCause: "OPERATOR" });
    await operatorFeed.first((e) => e.type === "credit.blocked" && e.blockCause === "OPERATOR");
    await pay(carrier.id, "50", "WIRE-CC-2");
    await settled();
    expect(await partnerStatus(carrier.id)).toMatchObject({ status: "BLOCKED", blockCause: "OPERATOR" });
    const unblocked = await ok(`mutation($id: ID!) { unblockPartner(id: $id, reason: "Chargeback withdrawn") { status statusReason blockCause } }`, { id: carrier.id });
    expect(unblocked.unblockPartner).toEqual({ status: "ACTIVE", statusReason: "Chargeback withdrawn", blockCause: null });
    const audit = await ok(`query($p: ID!) { auditTrail(filter: { entityId: $p, entityType: PARTNER }, first: 100) { edges { node { action actor after } } } }`, { p: carrier.id });
    expect(audit.auditTrail.edges.slice(-2).map((e: any) => [e.node.actor, e.node.after.status, e.node.after.statusReason])).toEqual([
      ["operator:admin (INTERSETTLE_ADMIN_TOKEN)", "BLOCKED", "Chargeback under review"],
      ["operator:admin (INTERSETTLE_ADMIN_TOKEN)", "ACTIVE", "Chargeback withdrawn"],
    ]);
    const kinds = (await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { kind partnerStatus } } } }`, { p: carrier.id })).creditLedger.edges.map((e: any) => [e.node.kind, e.node.partnerStatus]);
    expect(kinds.slice(-3)).toEqual([["OPERATOR_BLOCK", "BLOCKED"], ["PAYMENT", "BLOCKED"], ["OPERATOR_UNBLOCK", "ACTIVE"]]);
  });

  it("refuses to lift a credit block by hand while at the limit; a new higher limit lifts it at once", async () => {
    const { exposure } = await credit(carrier.id);
    await append(trafficBatch(carrier.id, new Decimal(1000).minus(exposure).plus(1).toFixed()));
    await statusBecomes(carrier.id, "BLOCKED");
    const refused = await hub.query(`mutation($id: ID!) { unblockPartner(id: $id, reason: "please") { status } }`, { id: carrier.id });
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors![0].message).toContain("a payment, a credit note or a higher limit lifts this block");
    const raised = await ok(`mutation($id: ID!) { updatePartner(id: $id, input: { credit: { limit: "5000" } }) { status blockCause credit { limit standing available } } }`, { id: carrier.id });
    expect(raised.updatePartner).toMatchObject({ status: "ACTIVE", blockCause: null, credit: { limit: "5000", standing: "WITHIN_LIMIT", available: "3999" } });
    const terms = await operatorFeed.first((e) => e.type === "credit.terms_changed" && e.limit === "5000");
    expect(terms.value.reason).toBe("POSTPAID, limit 5000 USD, warning at 80%");
    const unblocked = await operatorFeed.first((e) => e.type === "credit.unblocked" && e.limit === "5000");
    expect(unblocked.value.reason).toContain("Credit block lifted after the credit terms changed to POSTPAID, limit 5000 USD");
    const last = (await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { kind eventType limit partnerStatus } } } }`, { p: carrier.id })).creditLedger.edges.at(-1).node;
    expect(last).toEqual({ kind: "TERMS_CHANGED", eventType: "partner.updated", limit: "5000", partnerStatus: "ACTIVE" });
  });

  it("blocks at once when a lowered limit is reached, and lifts the block when a credit note brings the exposure under", async () => {
    const lowered = await ok(`mutation($id: ID!) { updatePartner(id: $id, input: { credit: { limit: "1000" } }) { status blockCause statusReason } }`, { id: carrier.id });
    expect(lowered.updatePartner).toEqual({ status: "BLOCKED", blockCause: "CREDIT", statusReason: "Credit limit reached: exposure 1001 USD is at or above the limit of 1000 USD" });
    const note = (await ok(`mutation($id: ID!) { createCreditNote(invoiceId: $id, net: "10", reason: "Goodwill for the outage") { id } }`, { id: invoiceId })).createCreditNote.id;
    await ok(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: note });
    const issued = (await ok(`mutation($id: ID!) { issueInvoice(id: $id) { number gross } }`, { id: note })).issueInvoice;
    expect(issued.gross).toBe("11");
    const lifted = await statusBecomes(carrier.id, "ACTIVE");
    expect(lifted.statusReason).toBe(`Credit block lifted after credit note ${issued.number}: exposure 990 USD is below the limit of 1000 USD`);
    const entry = (await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { kind invoicedChange adjustmentsChange exposureAfter } } } }`, { p: carrier.id })).creditLedger.edges.at(-1).node;
    expect(entry).toEqual({ kind: "CREDIT_NOTE", invoicedChange: "-11", adjustmentsChange: "-10", exposureAfter: "990" });
  });

  it("does not count an amount rating could not convert to the partner's currency, and says so", async () => {
    const before = await credit(carrier.id);
    await append(trafficBatch(carrier.id, "75", { unconverted: true, convertedFrom: "EUR" }));
    await settled();
    expect((await credit(carrier.id)).exposure).toBe(before.exposure);
    const last = (await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { kind amount amountCurrency exposureAfter note } } } }`, { p: carrier.id })).creditLedger.edges.at(-1).node;
    expect(last).toEqual({ kind: "USAGE", amount: "75", amountCurrency: "EUR", exposureAfter: before.exposure, note: "10 calls, 3600 s; not counted: the amount is in EUR, the account in USD" });
  });
});

describe("prepaid credit control", () => {
  it("blocks when the balance is spent and lifts the block on a top-up", async () => {
    const prepaid = await createPartner(hub, "PREPAIDCO", { roles: ["CUSTOMER"], credit: { mode: "PREPAID", limit: "0", warningPercent: 80 } });
    const feed = creditFeed(OPERATOR, { p: prepaid.id, after: await logPosition() });
    await pay(prepaid.id, "100", "TOPUP-1");
    await feed.first((e) => e.type === "credit.exposure_changed" && e.exposure === "-100");
    await append(trafficBatch(prepaid.id, "60"));
    await feed.first((e) => e.exposure === "-40");
    expect(await credit(prepaid.id)).toMatchObject({ mode: "PREPAID", balance: "40", exposure: "-40", available: "40", standing: "WITHIN_LIMIT", status: "ACTIVE" });
    await append(trafficBatch(prepaid.id, "50"));
    const blocked = await feed.first((e) => e.type === "credit.blocked");
    expect(blocked.value).toMatchObject({ exposure: "10", reason: "Credit limit reached: exposure 10 USD is at or above the limit of 0 USD" });
    expect((await credit(prepaid.id)).balance).toBe("-10");
    await pay(prepaid.id, "100", "TOPUP-2");
    await feed.first((e) => e.type === "credit.unblocked");
    expect(await credit(prepaid.id)).toMatchObject({ balance: "90", status: "ACTIVE", blockCause: null });
  });
});

describe("fraud alerts", () => {
  const alert = (partnerId: string, autoBlock: boolean): NewEvent => ({
    topic: "fraud",
    type: "fraud.alert_raised",
    key: partnerId,
    producer: "rating",
    payload: { alertId: `alert-${autoBlock}`, partnerId, rule: "IRSF_RANGE", severity: "CRITICAL", autoBlock, summary: "12 calls to IRSF ranges in 5 minutes", evidence: { window: { from: "2026-12-01T10:00:00Z", to: "2026-12-01T10:05:00Z" } } },
  });

  it("block the partner when the alert asks for it, naming the alert; a payment does not lift a fraud block", async () => {
    const suspect = await createPartner(hub, "SUSPECTCO", { roles: ["CUSTOMER"], credit: { limit: "1000" } });
    await append(alert(suspect.id, false));
    await settled();
    expect((await partnerStatus(suspect.id)).status).toBe("ACTIVE");
    const committed = await append(alert(suspect.id, true));
    const blocked = await statusBecomes(suspect.id, "BLOCKED");
    expect(Date.now() - committed).toBeLessThan(1000);
    expect(blocked).toEqual({ status: "BLOCKED", blockCause: "FRAUD", statusReason: "Fraud alert alert-true (IRSF_RANGE): 12 calls to IRSF ranges in 5 minutes" });
    await pay(suspect.id, "10", "SUSPECT-WIRE");
    await settled();
    expect((await partnerStatus(suspect.id)).blockCause).toBe("FRAUD");
    const ledger = (await ok(`query($p: ID!) { creditLedger(partnerId: $p) { edges { node { kind reference partnerStatus } } } }`, { p: suspect.id })).creditLedger.edges.map((e: any) => e.node);
    expect(ledger).toEqual([
      { kind: "FRAUD_ALERT", reference: "alert-true", partnerStatus: "BLOCKED" },
      { kind: "PAYMENT", reference: "SUSPECT-WIRE", partnerStatus: "BLOCKED" },
    ]);
    const audit = await ok(`query($p: ID!) { auditTrail(filter: { entityId: $p, entityType: PARTNER }, first: 100) { edges { node { actor after } } } }`, { p: suspect.id });
    expect(audit.auditTrail.edges.at(-1).node).toMatchObject({ actor: "service:fraud-control", after: { status: "BLOCKED", blockCause: "FRAUD" } });
    expect((await ok(`mutation($id: ID!) { unblockPartner(id: $id, reason: "False positive: test calls") { status } }`, { id: suspect.id })).unblockPartner.status).toBe("ACTIVE");
  });
});

describe("partner isolation", () => {
  const asOther: Principal = { kind: "partner", partnerId: "", credentialId: "x" };

  it("answers another partner's credit status and ledger NOT_FOUND, and a partner its own", async () => {
    expect(errorCodes(await hub.query(`query($p: ID!) { creditStatus(partnerId: $p) { exposure } }`, { p: carrier.id }, otherKey))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await hub.query(`query($p: ID!) { creditLedger(partnerId: $p) { totalCount } }`, { p: carrier.id }, otherKey))).toEqual(["NOT_FOUND"]);
    expect((await ok(`query($p: ID!) { creditStatus(partnerId: $p) { limit } }`, { p: other.id }, otherKey)).creditStatus).toEqual({ limit: "500" });
    const own = await ok(`query($p: ID!) { creditLedger(partnerId: $p, first: 100) { edges { node { partnerId } } } }`, { p: carrier.id }, carrierKey);
    expect(own.creditLedger.edges.length).toBeGreaterThan(5);
    expect(new Set(own.creditLedger.edges.map((e: any) => e.node.partnerId))).toEqual(new Set([carrier.id]));
  });

  it("streams a partner only its own credit and invoice events, and refuses another's", async () => {
    const principal = { ...asOther, partnerId: other.id };
    const credits = creditFeed(principal, { after: "0" });
    const invoices = new SubgraphFeed(hub, "invoicing", principal, `subscription($after: String) { invoiceEvents(after: $after) { type partnerId } }`, { after: "0" });
    feeds.push(invoices);
    await pay(other.id, "5", "OTHER-WIRE");
    await append(trafficBatch(carrier.id, "1"));
    await append(trafficBatch(other.id, "7"));
    await credits.first((e) => e.type === "credit.exposure_changed" && e.exposure === "2");
    await invoices.first((e) => e.type === "payment.received");
    expect(new Set(credits.values().map((e) => e.partnerId))).toEqual(new Set([other.id]));
    expect(new Set(invoices.values().map((e) => e.partnerId))).toEqual(new Set([other.id]));

    for (const [subgraph, field] of [["partners", "creditEvents"], ["invoicing", "invoiceEvents"]]) {
      const refused = new SubgraphFeed(hub, subgraph, principal, `subscription($p: ID) { ${field}(partnerId: $p) { type } }`, { p: carrier.id });
      feeds.push(refused);
      expect(JSON.stringify(await refused.failure())).toContain("FORBIDDEN");
    }
  });

  it("refuses an `after` that is not a position, naming it", async () => {
    const bad = creditFeed(OPERATOR, { after: "not-a-position" });
    expect(JSON.stringify(await bad.failure())).toContain("BAD_USER_INPUT");
  });
});
