import type { InvoicingServices } from "@intersettle/invoicing";
import { DateTime } from "luxon";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";

/**
 * Billing through the real hub: usage rated by the rating subgraph, read by invoicing through rating's API, invoices,
 * notes, payments and statements read back through the gateway. The scheduler's clock is driven by the test.
 */
let hub: TestHub;
let invoicing: InvoicingServices;
let atlantic: { id: string };
let bengal: { id: string };
let caspian: { id: string };
let bengalKey: string;
let atlanticKey: string;
let sourceId: string;

const INVOICE = `id number side kind status currency net taxRatePercent tax gross openAmount periodStart periodEnd issueDate dueDate
  exchangeRates { from to rate } lines(first: 10) { edges { node { kind periodStart service destination calls unit quantity minutes rate currency exchangeRate net } } }`;

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

async function card(partnerId: string, direction: string, deck: string) {
  const c = await ok(`mutation($p: ID!, $d: RateDirection!, $n: String!) { createRateCard(input: { partnerId: $p, name: $n, direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partnerId, d: direction, n: `voice-${direction}` });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.createRateCard.id, mode: "FULL", content: deck, effectiveFrom: "2026-01-01T00:00:00Z" } });
}

/** An Asterisk Master.csv record; the source's timezone is UTC, so starts are UTC instants. */
const call = (id: string, dst: string, inTrunk: string, outTrunk: string, start: string, billsec: number) =>
  `"1001","+442079460018","${dst}","ctx","""A"" <+442079460018>","SIP/${inTrunk}-1","SIP/${outTrunk}-2","Dial","","${start}","${start}","${start}","${billsec + 5}","${billsec}","DOCUMENTATION","ANSWERED","","${id}"`;

async function ingest(lines: string[]) {
  const res = await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status rated read } }`, { i: { source: "SW1", fileName: `batch-${Date.now()}.csv`, content: lines.join("\n") } });
  expect(res.ingestCdrs).toMatchObject({ status: "COMPLETED", rated: lines.length });
}

async function invoicesOf(partnerId: string, token?: string) {
  const res = await ok(`query($p: ID) { invoices(filter: { partnerId: $p }, first: 20) { edges { node { ${INVOICE} } } } }`, { p: partnerId }, token);
  return res.invoices.edges.map((e: any) => e.node);
}

/** An amount of at most two decimals in cents, exactly. */
const cents = (amount: string) => {
  const [whole, fraction = ""] = amount.split(".");
  return BigInt(whole + fraction.padEnd(2, "0"));
};
const sumNets = (invoice: any) => invoice.lines.edges.reduce((s: bigint, e: any) => s + cents(e.node.net), 0n);

beforeAll(async () => {
  hub = await startTestHub("invoicing");
  invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  const billing = [{ name: "Accounts", role: "BILLING", email: "ap@atlantic.example" }];
  atlantic = await createPartner(hub, "ATLANTIC", { timezone: "America/New_York", billingCycle: "MONTHLY", taxRatePercent: "10", paymentTermsDays: 30, rounding: { decimals: 2, mode: "HALF_UP", scope: "PER_INVOICE_LINE" }, contacts: billing });
  bengal = await createPartner(hub, "BENGAL", { roles: ["CUSTOMER"], currency: "EUR", timezone: "Asia/Kolkata", billingCycle: "SEMI_MONTHLY", taxRatePercent: "0" });
  caspian = await createPartner(hub, "CASPIAN", { roles: ["CUSTOMER"], timezone: "America/New_York", billingCycle: "DAILY", taxRatePercent: "0" });
  const vendor = await createPartner(hub, "VOLGA", { roles: ["VENDOR"] });
  for (const p of [atlantic, bengal, caspian]) await card(p.id, "SELL", "prefix,destination,rate\n91,India,0.1200\n44,United Kingdom,0.1000");
  for (const p of [atlantic, vendor]) await card(p.id, "BUY", "prefix,destination,rate\n91,India,0.0900\n44,United Kingdom,0.0700");
  await ok(`mutation { setExchangeRate(input: { base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-01-01" }) { id } }`);
  const s = await ok(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "SW1", name: "Switch 1", format: "ASTERISK", timezone: "UTC", countryCode: "44", nationalPrefix: "0" } });
  sourceId = s.createCdrSource.id;
  const trunks: Array<[string, string, string]> = [["INGRESS", "atl", atlantic.id], ["EGRESS", "atl", atlantic.id], ["INGRESS", "ben", bengal.id], ["INGRESS", "cas", caspian.id], ["EGRESS", "vol", vendor.id]];
  for (const [side, value, partnerId] of trunks) {
    await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
  }
  bengalKey = (await issueApiKey(hub, bengal.id)).secret;
  atlanticKey = (await issueApiKey(hub, atlantic.id)).secret;
  await ingest([
    call("o1", "00442079460001", "atl", "vol", "2026-10-10 11:00:00", 120),
    call("o2", "00919876543210", "atl", "vol", "2026-10-15 09:00:00", 125),
    call("o3", "00919876543211", "cas", "atl", "2026-10-20 15:00:00", 60),
  ]);
});
afterAll(async () => {
  await hub?.stop();
});

describe("billing runs", () => {
  it("bills each closed period of a partner's cycle once, at local midnight, from its billing start", async () => {
    expect(await ok(`mutation($p: ID!) { setBillingStart(partnerId: $p, date: "2026-10-01") }`, { p: atlantic.id })).toEqual({ setBillingStart: "2026-10-01T04:00:00.000Z" });
    // 5 November: October has closed in New York, November has not.
    expect(await invoicing.scheduler.tick(new Date("2026-11-05T00:00:00Z"))).toBe(2);
    expect(await invoicing.scheduler.tick(new Date("2026-11-05T00:00:00Z"))).toBe(0);
    const runs = await ok(`query($p: ID) { billingRuns(partnerId: $p) { edges { node { side periodStart periodEnd trigger usageLines adjustmentLines } } } }`, { p: atlantic.id });
    expect(runs.billingRuns.edges.map((e: any) => e.node)).toEqual([
      { side: "RECEIVABLE", periodStart: "2026-10-01T04:00:00.000Z", periodEnd: "2026-11-01T04:00:00.000Z", trigger: "SCHEDULE", usageLines: 2, adjustmentLines: 0 },
      { side: "PAYABLE", periodStart: "2026-10-01T04:00:00.000Z", periodEnd: "2026-11-01T04:00:00.000Z", trigger: "SCHEDULE", usageLines: 1, adjustmentLines: 0 },
    ]);
    const [receivable, payable] = await invoicesOf(atlantic.id);
    // 120 s to the UK at 0.10/min = 0.20; 125 s to India at 0.12/min = 0.25; tax 10 % of 0.45 = 0.045 → 0.05 (half up).
    expect(receivable).toMatchObject({ side: "RECEIVABLE", kind: "INVOICE", status: "DRAFT", number: null, currency: "USD", net: "0.45", tax: "0.05", gross: "0.5", openAmount: "0.5" });
    expect(receivable.lines.edges.map((e: any) => [e.node.destination, e.node.service, e.node.calls, e.node.unit, e.node.quantity, e.node.minutes, e.node.net])).toEqual([
      ["India", "VOICE", 1, "SECOND", "125", "2.08", "0.25"],
      ["United Kingdom", "VOICE", 1, "SECOND", "120", "2", "0.2"],
    ]);
    expect(sumNets(receivable)).toBe(cents(receivable.net));
    expect(cents(receivable.net) + cents(receivable.tax)).toBe(cents(receivable.gross));
    // CASPIAN's call out through ATLANTIC: 60 s to India at ATLANTIC's BUY 0.09.
    expect(payable).toMatchObject({ side: "PAYABLE", kind: "INVOICE", net: "0.09", tax: "0.01", gross: "0.1" });
  });

  it("re-runs idempotently: a draft is rebuilt to the same lines", async () => {
    const before = await invoicesOf(atlantic.id);
    const rerun = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-10-31") { side usageLines adjustmentLines } }`, { p: atlantic.id });
    expect(rerun.runBilling).toEqual([
      { side: "RECEIVABLE", usageLines: 2, adjustmentLines: 0 },
      { side: "PAYABLE", usageLines: 1, adjustmentLines: 0 },
    ]);
    const after = await invoicesOf(atlantic.id);
    expect(after.map((i: any) => [i.id, i.net, i.gross, i.lines.edges.length])).toEqual(before.map((i: any) => [i.id, i.net, i.gross, i.lines.edges.length]));
  });

  it("refuses to bill a period that has not closed, naming the field", async () => {
    const res = await hub.query(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-12-02") { id } }`, { p: atlantic.id });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "date" });
  });

  it("cuts a daily cycle at New York midnight across the end of DST (a 25-hour day)", async () => {
    await ingest([call("d1", "00442079460002", "cas", "vol", "2026-11-02 04:30:00", 600)]);
    const res = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-01") { periodStart periodEnd usageLines invoiceId } }`, { p: caspian.id });
    expect(res.runBilling).toMatchObject([{ periodStart: "2026-11-01T04:00:00.000Z", periodEnd: "2026-11-02T05:00:00.000Z", usageLines: 1 }]);
    const invoice = await ok(`query($id: ID!) { invoice(id: $id) { net lines { edges { node { quantity } } } } }`, { id: res.runBilling[0].invoiceId });
    expect(invoice.invoice).toMatchObject({ net: "1", lines: { edges: [{ node: { quantity: "600" } }] } });
  });

  it("cuts a semi-monthly cycle at Kolkata midnight and records the exchange rate of a foreign-currency invoice", async () => {
    await ingest([call("b1", "00442079460003", "ben", "vol", "2026-11-20 10:00:00", 300)]);
    const res = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-20") { periodStart periodEnd invoiceId } }`, { p: bengal.id });
    expect(res.runBilling[0]).toMatchObject({ periodStart: "2026-11-15T18:30:00.000Z", periodEnd: "2026-11-30T18:30:00.000Z" });
    const [invoice] = await invoicesOf(bengal.id);
    // 300 s to the UK at 0.10 USD/min = 0.50 USD = 0.45 EUR.
    expect(invoice).toMatchObject({ currency: "EUR", net: "0.45", gross: "0.45", exchangeRates: [{ from: "USD", to: "EUR", rate: "0.9" }] });
    expect(invoice.lines.edges[0].node).toMatchObject({ currency: "EUR", exchangeRate: "0.9", net: "0.45" });
  });

  it("bills a month of more lines than one statement can bind parameters for (3,300 destinations)", async () => {
    const danube = await createPartner(hub, "DANUBE", { roles: ["CUSTOMER"], timezone: "UTC", billingCycle: "MONTHLY", taxRatePercent: "0" });
    const zones = Array.from({ length: 3300 }, (_, i) => 1000 + i);
    await card(danube.id, "SELL", ["prefix,destination,rate", ...zones.map((z) => `44${z},UK zone ${z},0.0100`)].join("\n"));
    await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId, side: "INGRESS", match: "TRUNK", value: "dan", partnerId: danube.id } });
    // In batches that fit the API's request size.
    for (let i = 0; i < zones.length; i += 825) await ingest(zones.slice(i, i + 825).map((z) => call(`z${z}`, `0044${z}56789`, "dan", "vol", "2026-11-10 10:00:00", 60)));
    const res = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-10") { usageLines invoiceId } }`, { p: danube.id });
    expect(res.runBilling).toMatchObject([{ usageLines: 3300 }]);
    const invoice = await ok(`query($id: ID!) { invoice(id: $id) { net lines(first: 1) { totalCount } } }`, { id: res.runBilling[0].invoiceId });
    // A minute at 0.01 on each line.
    expect(invoice.invoice).toEqual({ net: "33", lines: { totalCount: 3300 } });
  });
});

describe("issuing", () => {
  it("approves and issues with numbers per series and year, dated in the partner's timezone", async () => {
    const [receivable, payable] = await invoicesOf(atlantic.id);
    const notApproved = await hub.query(`mutation($id: ID!) { issueInvoice(id: $id) { id } }`, { id: receivable.id });
    expect(notApproved.errors?.[0].extensions?.code).toBe("CONFLICT");
    for (const invoice of [receivable, payable]) await ok(`mutation($id: ID!) { approveInvoice(id: $id) { status } }`, { id: invoice.id });
    const issued = await ok(`mutation($id: ID!) { issueInvoice(id: $id) { number status issueDate dueDate } }`, { id: receivable.id });
    expect(issued.issueInvoice).toMatchObject({ number: "INV-2026-000001", status: "ISSUED" });
    const bill = await ok(`mutation($id: ID!) { issueInvoice(id: $id) { number } }`, { id: payable.id });
    expect(bill.issueInvoice.number).toBe("BILL-2026-000001");
    const again = await hub.query(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: receivable.id });
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");
    const audit = await ok(`query($id: ID!) { auditTrail(filter: { entityType: INVOICE, entityId: $id }) { edges { node { action actor } } } }`, { id: receivable.id });
    expect(audit.auditTrail.edges.map((e: any) => e.node.action)).toEqual(expect.arrayContaining(["invoice.approved", "invoice.issued"]));
    expect(audit.auditTrail.edges.every((e: any) => e.node.actor.startsWith("operator:"))).toBe(true);
    const events = await querySql(hub.databaseUrl, `SELECT type, payload FROM events.event WHERE topic = 'invoices' ORDER BY id`);
    expect(events.map((e) => [e.type, e.payload.number, e.payload.gross])).toEqual([["invoice.issued", "INV-2026-000001", "0.5"], ["invoice.issued", "BILL-2026-000001", "0.1"]]);
  });

  it("numbers invoices issued at the same moment without gaps or repeats", async () => {
    const days = ["2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"];
    await ingest(days.map((d, i) => call(`c${i}`, "00442079460004", "cas", "vol", `${d} 15:00:00`, 60)));
    const ids: string[] = [];
    for (const date of days) {
      const run = await ok(`mutation($p: ID!, $d: String!) { runBilling(partnerId: $p, date: $d) { invoiceId } }`, { p: caspian.id, d: date });
      ids.push(run.runBilling[0].invoiceId);
      await ok(`mutation($id: ID!) { approveInvoice(id: $id) { status } }`, { id: run.runBilling[0].invoiceId });
    }
    const numbers = await Promise.all(ids.map((id) => ok(`mutation($id: ID!) { issueInvoice(id: $id) { number } }`, { id }).then((r) => r.issueInvoice.number as string)));
    expect([...numbers].sort()).toEqual(["INV-2026-000002", "INV-2026-000003", "INV-2026-000004", "INV-2026-000005", "INV-2026-000006", "INV-2026-000007"]);
  });
});

describe("late usage", () => {
  it("puts usage that arrives after its period was invoiced on the next invoice, as an adjustment, once", async () => {
    await ingest([
      call("late1", "00442079460005", "atl", "vol", "2026-10-25 12:00:00", 60),
      call("n1", "00919876543212", "atl", "vol", "2026-11-20 10:15:00", 60),
    ]);
    expect(await invoicing.scheduler.tick(new Date("2026-12-02T06:00:00Z"))).toBe(2);
    const runs = await ok(`query($p: ID) { billingRuns(partnerId: $p) { edges { node { side trigger usageLines adjustmentLines adjustmentNet } } } }`, { p: atlantic.id });
    expect(runs.billingRuns.edges.map((e: any) => e.node).filter((r: any) => r.trigger === "SCHEDULE" && r.side === "RECEIVABLE")).toEqual([
      { side: "RECEIVABLE", trigger: "SCHEDULE", usageLines: 2, adjustmentLines: 0, adjustmentNet: "0" },
      { side: "RECEIVABLE", trigger: "SCHEDULE", usageLines: 1, adjustmentLines: 1, adjustmentNet: "0.1" },
    ]);
    const november = (await invoicesOf(atlantic.id)).find((i: any) => i.periodStart === "2026-11-01T04:00:00.000Z" && i.side === "RECEIVABLE");
    expect(november.lines.edges.map((e: any) => [e.node.kind, e.node.periodStart, e.node.destination, e.node.net])).toEqual([
      ["USAGE", "2026-11-01T04:00:00.000Z", "India", "0.12"],
      ["ADJUSTMENT", "2026-10-01T04:00:00.000Z", "United Kingdom", "0.1"],
    ]);
    expect(november).toMatchObject({ net: "0.22", tax: "0.02", gross: "0.24" });
    // The next run finds nothing new for October.
    const rerun = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-10-15", side: RECEIVABLE) { usageLines adjustmentLines invoiceId } }`, { p: atlantic.id });
    expect(rerun.runBilling).toEqual([{ usageLines: 0, adjustmentLines: 0, invoiceId: null }]);
  });

  it("bills late usage of an invoiced period re-run by an operator on a debit note correcting it", async () => {
    await ingest([call("late2", "00442079460006", "atl", "vol", "2026-10-26 12:00:00", 120)]);
    const rerun = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-10-15", side: RECEIVABLE) { adjustmentLines adjustmentNet invoiceId } }`, { p: atlantic.id });
    expect(rerun.runBilling[0]).toMatchObject({ adjustmentLines: 1, adjustmentNet: "0.2" });
    const note = await ok(`query($id: ID!) { invoice(id: $id) { kind status net corrects { number } } }`, { id: rerun.runBilling[0].invoiceId });
    expect(note.invoice).toEqual({ kind: "DEBIT_NOTE", status: "DRAFT", net: "0.2", corrects: { number: "INV-2026-000001" } });
  });
});

describe("payments, aging and netting", () => {
  it("applies a payment oldest first, keeps an over-payment as credit, and ages what is open", async () => {
    const partial = await ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { unapplied allocations { amount } } }`, {
      i: { partnerId: atlantic.id, direction: "RECEIVED", currency: "USD", amount: "0.3", paidAt: "2026-11-20T00:00:00Z", reference: "WIRE-1" },
    });
    expect(partial.recordPayment).toEqual({ unapplied: "0", allocations: [{ amount: "0.3" }] });
    const twice = await hub.query(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
      i: { partnerId: atlantic.id, direction: "RECEIVED", currency: "USD", amount: "0.3", paidAt: "2026-11-20T00:00:00Z", reference: "WIRE-1" },
    });
    expect(twice.errors?.[0].extensions?.code).toBe("CONFLICT");
    const [first] = await invoicesOf(atlantic.id);
    expect(first).toMatchObject({ number: "INV-2026-000001", status: "PARTIALLY_PAID", openAmount: "0.2" });
    const over = await ok(`mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { unapplied } }`, {
      i: { partnerId: atlantic.id, direction: "RECEIVED", currency: "USD", amount: "1", paidAt: "2026-11-25T00:00:00Z", reference: "WIRE-2" },
    });
    expect(over.recordPayment.unapplied).toBe("0.8");
    const balances = await ok(`query($p: ID!) { accountBalances(partnerId: $p) { side currency openInvoices unappliedCredit balance } }`, { p: atlantic.id });
    expect(balances.accountBalances).toEqual([
      { side: "PAYABLE", currency: "USD", openInvoices: "0.1", unappliedCredit: "0", balance: "0.1" },
      { side: "RECEIVABLE", currency: "USD", openInvoices: "0", unappliedCredit: "0.8", balance: "-0.8" },
    ]);
    const paid = await querySql(hub.databaseUrl, `SELECT payload FROM events.event WHERE topic = 'invoices' AND type = 'invoice.paid'`);
    expect(paid.map((e) => e.payload.number)).toEqual(["INV-2026-000001"]);
    // The payable bill, issued today with 30 days' terms, is current 45 days from now it is 1–30 days late.
    const aging = await ok(`query($p: ID!, $at: DateTimeISO) { aging(partnerId: $p, asOf: $at) { side currency current days1to30 days31to60 total } }`, { p: atlantic.id, at: new Date(Date.now() + 45 * 86_400_000).toISOString() });
    expect(aging.aging).toEqual([{ side: "PAYABLE", currency: "USD", current: "0", days1to30: "0.1", days31to60: "0", total: "0.1" }]);
  });

  it("marks an invoice still open after its due date OVERDUE, in the partner's timezone, as an event", async () => {
    const [, bill] = await invoicesOf(atlantic.id);
    // Due on its date in New York: still not overdue at 23:59 there, overdue from midnight.
    const midnightAfterDue = DateTime.fromISO(bill.dueDate, { zone: "America/New_York" }).plus({ days: 1 }).toJSDate();
    await invoicing.scheduler.markOverdue(new Date(midnightAfterDue.getTime() - 60_000));
    expect((await invoicesOf(atlantic.id))[1].status).toBe("ISSUED");
    await invoicing.scheduler.markOverdue(midnightAfterDue);
    const [, overdue] = await invoicesOf(atlantic.id);
    expect(overdue).toMatchObject({ number: "BILL-2026-000001", status: "OVERDUE" });
    const events = await querySql(hub.databaseUrl, `SELECT payload FROM events.event WHERE topic = 'invoices' AND type = 'invoice.overdue'`);
    expect(events.map((e) => e.payload.number)).toContain("BILL-2026-000001");
    // Paid invoices never go overdue.
    expect((await invoicesOf(atlantic.id))[0].status).toBe("PAID");
  });

  it("nets what the partner owes us against what we owe it, per currency", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await ok(`query($p: ID!, $from: String!, $to: String!) { nettingStatement(partnerId: $p, from: $from, to: $to) { currencies { currency receivable payable net direction amount } } }`, { p: atlantic.id, from: "2026-11-01", to: `${Number(today.slice(0, 4)) + 1}-01-01` });
    expect(res.nettingStatement.currencies).toEqual([{ currency: "USD", receivable: "0.5", payable: "0.1", net: "0.4", direction: "PARTNER_OWES_US", amount: "0.4" }]);
  });

  it("voids an issued, unpaid invoice only through a credit note issued for the whole of it", async () => {
    const [daily] = (await invoicesOf(caspian.id)).filter((i: any) => i.number === "INV-2026-000002" || i.number);
    const res = await ok(`mutation($id: ID!) { voidInvoice(id: $id, reason: "wrong rates") { status } }`, { id: daily.id });
    expect(res.voidInvoice.status).toBe("VOID");
    const notes = (await invoicesOf(caspian.id)).filter((i: any) => i.kind === "CREDIT_NOTE");
    expect(notes).toMatchObject([{ number: "CN-2026-000001", status: "ISSUED", gross: daily.gross }]);
    const paidInvoice = await hub.query(`mutation($id: ID!) { voidInvoice(id: $id, reason: "x") { status } }`, { id: (await invoicesOf(atlantic.id))[0].id });
    expect(paidInvoice.errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});

describe("the scheduler", () => {
  it("bills each period once when two replicas tick at the same time", async () => {
    await ok(`mutation($p: ID!) { setBillingStart(partnerId: $p, date: "2026-11-01") }`, { p: caspian.id });
    const now = new Date("2026-11-12T06:00:00Z");
    const [a, b] = await Promise.all([invoicing.scheduler.tick(now), invoicing.scheduler.tick(now)]);
    expect(a + b).toBe(11);
    const rows = await querySql(hub.databaseUrl, `SELECT period_start, count(*)::int AS n FROM invoicing.billing_run WHERE partner_id = $1 AND trigger = 'SCHEDULE' GROUP BY 1`, [caspian.id]);
    expect(rows.length).toBe(11);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const started = await hub.query(`mutation($p: ID!) { setBillingStart(partnerId: $p, date: "2026-10-01") }`, { p: caspian.id });
    expect(started.errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});

describe("partner isolation", () => {
  it("shows a partner only its own invoices, payments and statements", async () => {
    const own = await invoicesOf(bengal.id, bengalKey);
    expect(own.length).toBe(1);
    const all = await ok(`{ invoices(first: 100) { edges { node { partner { id } } } } }`, {}, bengalKey);
    expect(new Set(all.invoices.edges.map((e: any) => e.node.partner.id))).toEqual(new Set([bengal.id]));
    const atlanticInvoice = (await invoicesOf(atlantic.id))[0];
    const other = await hub.query(`query($id: ID!) { invoice(id: $id) { id } }`, { id: atlanticInvoice.id }, bengalKey);
    expect(other.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    for (const query of [`query($p: ID!) { accountBalances(partnerId: $p) { balance } }`, `query($p: ID!) { nettingStatement(partnerId: $p, from: "2026-01-01", to: "2026-12-31") { partnerId } }`, `query($p: ID) { payments(partnerId: $p) { edges { node { id } } } }`]) {
      const res = await hub.query(query, { p: atlantic.id }, bengalKey);
      expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    }
    const ownPayments = await ok(`{ payments { edges { node { reference } } } }`, {}, atlanticKey);
    expect(ownPayments.payments.edges.map((e: any) => e.node.reference)).toEqual(["WIRE-1", "WIRE-2"]);
    const write = await hub.query(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: atlanticInvoice.id }, atlanticKey);
    expect(write.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
