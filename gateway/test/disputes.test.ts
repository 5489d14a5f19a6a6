import type { AddressInfo } from "node:net";
import { Decimal, type Principal } from "@intersettle/shared";
import type { InvoicingServices } from "@intersettle/invoicing";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { startTestHub, ADMIN_TOKEN, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";
import { settled, watch, type Watch } from "./support/ws-client";

/**
 * Disputes through the real hub: raised by hand and by a reconciliation's variance (its rows inserted directly, as the
 * runner would write them), run to a credit note that lowers the partner's balance, answered by the partner's own key
 * and hidden from another partner's, over HTTP and the subscription; reminders over a real SMTP server.
 */
let hub: TestHub;
let invoicing: InvoicingServices;
let atlantic: { id: string };
let bengal: { id: string };
let atlanticKey: string;
let bengalKey: string;
let invoiceId: string;
const mails: ParsedMail[] = [];
let smtp: SMTPServer;
let atlanticEvents: Watch;
let bengalEvents: Watch;

const DISPUTE = `id number status resolution side currency ourAmount theirAmount disputedAmount agreedAmount dueDate version reminderCount
  invoice { id number } note { kind status net gross number } comments { authorKind body } attachments { fileName contentType sizeBytes url }`;
const OCTOBER = { start: "2026-10-01T00:00:00.000Z", end: "2026-11-01T00:00:00.000Z" };

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

async function fails(query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, unknown>> {
  const res = await hub.query(query, variables, token);
  expect(res.errors).toBeDefined();
  return res.errors![0].extensions as Record<string, unknown>;
}

const open = (ours: string, theirs: string, partnerId = atlantic.id) =>
  ok(`mutation($i: OpenDisputeInput!) { openDispute(input: $i) { ${DISPUTE} } }`, { i: { partnerId, side: "RECEIVABLE", periodStart: OCTOBER.start, periodEnd: OCTOBER.end, currency: "USD", ourAmount: ours, theirAmount: theirs, reason: "Partner's invoice check disagrees" } }).then((d) => d.openDispute);
const move = (mutation: string, id: string, version: number, token?: string, extra = "") => ok(`mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, version: $v${extra}) { ${DISPUTE} } }`, { id, v: version }, token).then((d) => d[mutation]);
const base = () => hub.url.replace(/\/graphql$/, "");
const download = (url: string, token: string) => fetch(`${base()}${url}`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  smtp = new SMTPServer({ disabledCommands: ["STARTTLS"], authOptional: true, logger: false, onData: (stream, _s, cb) => void simpleParser(stream).then((m) => (mails.push(m), cb()), cb) });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.INTERSETTLE_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.INTERSETTLE_MAIL_FROM = "Intersettle Billing <billing@intersettle.example>";
  hub = await startTestHub("disputes");
  invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  const contacts = [{ name: "Accounts", role: "BILLING", email: "ap@atlantic.example" }];
  atlantic = await createPartner(hub, "ATLANTIC", { roles: ["CUSTOMER"], timezone: "UTC", billingCycle: "MONTHLY", taxRatePercent: "0", rounding: { decimals: 2, mode: "HALF_UP", scope: "PER_INVOICE_LINE" }, contacts });
  bengal = await createPartner(hub, "BENGAL", { roles: ["CUSTOMER"], timezone: "UTC" });
  atlanticKey = (await issueApiKey(hub, atlantic.id)).secret;
  bengalKey = (await issueApiKey(hub, bengal.id)).secret;
  const card = await ok(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "voice", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: atlantic.id });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.1000", effectiveFrom: "2026-01-01T00:00:00Z" } });
  const source = await ok(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "SW1", name: "Switch 1", format: "ASTERISK", timezone: "UTC", countryCode: "44", nationalPrefix: "0" } });
  await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side: "INGRESS", match: "TRUNK", value: "atl", partnerId: atlantic.id } });
  // Calls are rated on both legs: a vendor carries them out.
  const volga = await createPartner(hub, "VOLGA", { roles: ["VENDOR"] });
  const buy = await ok(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "voice", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: volga.id });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: buy.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.0700", effectiveFrom: "2026-01-01T00:00:00Z" } });
  await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side: "EGRESS", match: "TRUNK", value: "vol", partnerId: volga.id } });
  // 160 minutes to the UK at 0.10: 16.00 billed for October.
  const call = (id: string, billsec: number) => `"1001","+442079460018","00442079460001","ctx","""A"" <+442079460018>","SIP/atl-1","SIP/vol-2","Dial","","2026-10-10 11:00:00","2026-10-10 11:00:00","2026-10-10 11:00:00","${billsec + 5}","${billsec}","DOCUMENTATION","ANSWERED","","${id}"`;
  const ingested = await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status read rated rejected } }`, { i: { source: "SW1", fileName: "october.csv", content: [call("o1", 6000), call("o2", 3600)].join("\n") } });
  const run = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-10-31") { invoiceId } }`, { p: atlantic.id });
  if (!run.runBilling[0]?.invoiceId) throw new Error(JSON.stringify([ingested, run]));
  invoiceId = run.runBilling[0].invoiceId;
  await ok(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: invoiceId });
  const issued = await ok(`mutation($id: ID!) { issueInvoice(id: $id) { net gross openAmount } }`, { id: invoiceId });
  expect(issued.issueInvoice).toEqual({ net: "16", gross: "16", openAmount: "16" });
  const events = `subscription($p: ID) { disputeEvents(partnerId: $p) { type number status partnerId dispute { number status } } }`;
  atlanticEvents = watch(hub.url, atlanticKey, events);
  bengalEvents = watch(hub.url, bengalKey, events);
  // Subscribed before anything happens: the streams start now.
  await settled(atlanticEvents, bengalEvents);
});

afterAll(async () => {
  await atlanticEvents?.dispose();
  await bengalEvents?.dispose();
  await hub?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe("a dispute's lifecycle", () => {
  it("runs to a credit note for the agreed difference that lowers what the partner owes", async () => {
    let dispute = await open("16.00", "12.00");
    expect(dispute).toMatchObject({ number: expect.stringMatching(/^DSP-\d{6}$/), status: "OPEN", disputedAmount: "4", invoice: { id: invoiceId }, version: 1 });
    dispute = await move("submitDispute", dispute.id, 1);
    expect(dispute).toMatchObject({ status: "SUBMITTED", version: 2, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    dispute = await move("reviewDispute", dispute.id, 2, atlanticKey);
    dispute = await move("contestDispute", dispute.id, dispute.version, atlanticKey, `, comment: "Our switch shows 120 minutes"`);
    expect(dispute).toMatchObject({ status: "IN_REVIEW", comments: [{ authorKind: "PARTNER", body: "Our switch shows 120 minutes" }] });
    // A stale version is refused.
    expect(await fails(`mutation($id: ID!) { resolveDispute(id: $id, version: 2, input: { resolution: PARTIAL, agreedAmount: "14.00" }) { id } }`, { id: dispute.id })).toMatchObject({ code: "CONFLICT", field: "version" });
    expect(await fails(`mutation($id: ID!, $v: Int!) { resolveDispute(id: $id, version: $v, input: { resolution: PARTIAL, agreedAmount: "11.99" }) { id } }`, { id: dispute.id, v: dispute.version })).toMatchObject({ code: "BAD_USER_INPUT", field: "agreedAmount" });
    dispute = await ok(`mutation($id: ID!, $v: Int!) { resolveDispute(id: $id, version: $v, input: { resolution: PARTIAL, agreedAmount: "14.00", comment: "Split" }) { ${DISPUTE} } }`, { id: dispute.id, v: dispute.version }).then((d) => d.resolveDispute);
    expect(dispute).toMatchObject({ status: "RESOLVED", resolution: "PARTIAL", agreedAmount: "14" });
    dispute = await move("closeDispute", dispute.id, dispute.version);
    expect(dispute).toMatchObject({ status: "CLOSED", note: { kind: "CREDIT_NOTE", status: "ISSUED", net: "2", number: expect.any(String) } });

    const invoice = await ok(`query($id: ID!) { invoice(id: $id) { openAmount } }`, { id: invoiceId }, atlanticKey);
    expect(invoice.invoice.openAmount).toBe("14");
    const balances = await ok(`query($p: ID!) { accountBalances(partnerId: $p) { side balance } }`, { p: atlantic.id }, atlanticKey);
    expect(balances.accountBalances).toEqual([{ side: "RECEIVABLE", balance: "14" }]);

    const trail = await ok(`query($f: AuditFilterInput) { auditTrail(filter: $f, first: 100) { edges { node { action actor } } } }`, { f: { entityType: "DISPUTE", entityId: dispute.id } });
    expect(trail.auditTrail.edges.map((e: any) => e.node.action)).toEqual(["dispute.opened", "dispute.submitted", "dispute.in_review", "dispute.commented", "dispute.contested", "dispute.commented", "dispute.resolved", "dispute.closed"]);

    const seen = await atlanticEvents.until(6);
    expect(seen.slice(0, 6).map((r) => [r.data.disputeEvents.type, r.data.disputeEvents.status])).toEqual([
      ["dispute.opened", "OPEN"],
      ["dispute.submitted", "SUBMITTED"],
      ["dispute.in_review", "IN_REVIEW"],
      ["dispute.contested", "IN_REVIEW"],
      ["dispute.resolved", "RESOLVED"],
      ["dispute.closed", "CLOSED"],
    ]);
    // The dispute field resolves the dispute as it is when the event is delivered.
    expect(seen[5].data.disputeEvents.dispute).toEqual({ number: dispute.number, status: "CLOSED" });
  });

  it("closes without a note when the partner accepts our figure", async () => {
    let dispute = await open("16.00", "15.00");
    dispute = await move("submitDispute", dispute.id, 1);
    dispute = await move("reviewDispute", dispute.id, 2, atlanticKey);
    dispute = await move("acceptDispute", dispute.id, 3, atlanticKey);
    expect(dispute).toMatchObject({ status: "RESOLVED", resolution: "ACCEPTED", agreedAmount: "16" });
    dispute = await move("closeDispute", dispute.id, dispute.version);
    expect(dispute).toMatchObject({ status: "CLOSED", note: null });
  });

  it("issues a debit note when we accept a partner's higher figure, raising what it owes", async () => {
    let dispute = await open("16.00", "17.50");
    dispute = await move("submitDispute", dispute.id, 1);
    dispute = await move("reviewDispute", dispute.id, 2, atlanticKey);
    dispute = await ok(`mutation($id: ID!) { resolveDispute(id: $id, version: 3, input: { resolution: REJECTED }) { ${DISPUTE} } }`, { id: dispute.id }).then((d) => d.resolveDispute);
    expect(dispute).toMatchObject({ resolution: "REJECTED", agreedAmount: "17.5" });
    dispute = await move("closeDispute", dispute.id, dispute.version);
    expect(dispute).toMatchObject({ status: "CLOSED", note: { kind: "DEBIT_NOTE", status: "ISSUED", net: "1.5" } });
    const balances = await ok(`query($p: ID!) { accountBalances(partnerId: $p) { side balance } }`, { p: atlantic.id });
    expect(balances.accountBalances).toEqual([{ side: "RECEIVABLE", balance: "15.5" }]);
  });

  it("refuses to close with a difference to book when the partner has no invoice for the period", async () => {
    let dispute = await open("5.00", "4.00", bengal.id);
    dispute = await move("submitDispute", dispute.id, 1);
    dispute = await move("reviewDispute", dispute.id, 2, bengalKey);
    dispute = await ok(`mutation($id: ID!) { resolveDispute(id: $id, version: 3, input: { resolution: REJECTED }) { version } }`, { id: dispute.id }).then((d) => ({ ...dispute, ...d.resolveDispute }));
    expect(await fails(`mutation($id: ID!, $v: Int!) { closeDispute(id: $id, version: $v) { id } }`, { id: dispute.id, v: dispute.version })).toMatchObject({ code: "CONFLICT", field: "invoiceId" });
    const still = await ok(`query($id: ID!) { dispute(id: $id) { status note { id } } }`, { id: dispute.id });
    expect(still.dispute).toEqual({ status: "RESOLVED", note: null });
  });

  it("lets a partner neither resolve nor close, and refuses a step out of order", async () => {
    const dispute = await open("16.00", "10.00");
    expect(await fails(`mutation($id: ID!) { closeDispute(id: $id, version: 1) { id } }`, { id: dispute.id })).toMatchObject({ code: "CONFLICT", field: "status" });
    expect(await fails(`mutation($id: ID!) { submitDispute(id: $id, version: 1) { id } }`, { id: dispute.id }, atlanticKey)).toMatchObject({ code: "FORBIDDEN" });
    // Not yet sent to it: the partner cannot comment.
    expect(await fails(`mutation($id: ID!) { commentOnDispute(id: $id, body: "hello") { id } }`, { id: dispute.id }, atlanticKey)).toMatchObject({ code: "CONFLICT" });
  });
});

describe("partner isolation", () => {
  it("hides one partner's disputes from another over HTTP and answers NOT_FOUND to its attempts", async () => {
    const dispute = await move("submitDispute", (await open("16.00", "13.00")).id, 1);
    expect(await fails(`query($id: ID!) { dispute(id: $id) { id } }`, { id: dispute.id }, bengalKey)).toMatchObject({ code: "NOT_FOUND" });
    expect(await fails(`query($p: ID) { disputes(partnerId: $p) { edges { node { id } } } }`, { p: atlantic.id }, bengalKey)).toMatchObject({ code: "FORBIDDEN" });
    const seen = (await ok(`{ disputes { edges { node { id partnerId } } } }`, {}, bengalKey)).disputes.edges.map((e: any) => e.node);
    expect(seen.map((d: any) => d.id)).not.toContain(dispute.id);
    expect(seen.every((d: any) => d.partnerId === bengal.id)).toBe(true);
    expect(await fails(`mutation($id: ID!) { reviewDispute(id: $id, version: 2) { id } }`, { id: dispute.id }, bengalKey)).toMatchObject({ code: "NOT_FOUND" });
    expect(await fails(`mutation($id: ID!) { commentOnDispute(id: $id, body: "mine now") { id } }`, { id: dispute.id }, bengalKey)).toMatchObject({ code: "NOT_FOUND" });
    expect(await fails(`mutation($id: ID!) { attachToDispute(id: $id, file: { fileName: "x.txt", contentBase64: "eA==" }) { id } }`, { id: dispute.id }, bengalKey)).toMatchObject({ code: "NOT_FOUND" });
    expect(await fails(`query($p: ID!) { disputeSummary(periodFrom: "2026-01-01T00:00:00Z", periodTo: "2027-01-01T00:00:00Z", partnerId: $p) { disputed } }`, { p: atlantic.id }, bengalKey)).toMatchObject({ code: "FORBIDDEN" });
    const own = await ok(`{ disputes { edges { node { id } } } }`, {}, atlanticKey);
    expect(own.disputes.edges.length).toBeGreaterThan(0);
  });

  it("delivers no event of another partner's disputes, and refuses to subscribe to them", async () => {
    // Its own disputes reach it (one was raised and run above), nothing of the other's.
    const own = await open("5.00", "4.00", bengal.id);
    const events = await bengalEvents.until(5);
    expect(events.map((r) => r.data.disputeEvents.type)).toEqual(["dispute.opened", "dispute.submitted", "dispute.in_review", "dispute.resolved", "dispute.opened"]);
    expect(events[4].data.disputeEvents.number).toBe(own.number);
    expect(bengalEvents.results.every((r) => r.data.disputeEvents.partnerId === bengal.id)).toBe(true);
    expect(atlanticEvents.results.length).toBeGreaterThan(6);
    expect(atlanticEvents.results.every((r) => r.data.disputeEvents.partnerId === atlantic.id)).toBe(true);
    // Resumed from the start of the log, it replays its own disputes' events in order, still none of the other's.
    const replay = watch(hub.url, bengalKey, `subscription { disputeEvents(after: "0") { type number partnerId position } }`);
    try {
      const replayed = await replay.until(5);
      expect(replayed.slice(0, 5).map((r) => [r.data.disputeEvents.type, r.data.disputeEvents.partnerId])).toEqual(events.map((r) => [r.data.disputeEvents.type, bengal.id]));
      expect(replayed.every((r) => r.data.disputeEvents.partnerId === bengal.id)).toBe(true);
      const positions = replayed.map((r) => BigInt(r.data.disputeEvents.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    } finally {
      await replay.dispose();
    }
    const intruder = watch(hub.url, bengalKey, `subscription($p: ID) { disputeEvents(partnerId: $p) { type } }`, { p: atlantic.id });
    try {
      const results = await intruder.until(1);
      expect(results[0].errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await intruder.dispose();
    }
  });
});

describe("a variance's dispute", () => {
  it("is opened in the reconciliation's transaction with the mismatched calls as a CSV both sides can download", async () => {
    const [claim] = await querySql(hub.databaseUrl, `INSERT INTO invoicing.claim (id, partner_id, side, kind, period_start, period_end, currency, file_name, file_sha256, status, received_by)
      VALUES (gen_random_uuid(), $1, 'RECEIVABLE', 'CDRS', $2, $3, 'USD', 'atlantic-october.csv', 'sha', 'RECONCILED', 'test') RETURNING id`, [atlantic.id, OCTOBER.start, OCTOBER.end]);
    const [rec] = await querySql(hub.databaseUrl, `INSERT INTO invoicing.reconciliation (id, claim_id, partner_id, side, period_start, period_end, currency, status, start_tolerance_seconds, duration_tolerance_seconds, amount_tolerance, tolerance_percent, tolerance_amount, requested_by)
      VALUES (gen_random_uuid(), $1, $2, 'RECEIVABLE', $3, $4, 'USD', 'COMPLETED', 2, 1, 0.0001, 0, 0, 'test') RETURNING id`, [claim.id, atlantic.id, OCTOBER.start, OCTOBER.end]);
    await querySql(hub.databaseUrl, `INSERT INTO invoicing.reconciliation_call (reconciliation_id, seq, status, destination, our_call_id, our_start, our_a_number, our_b_number, our_duration, our_amount, their_line, their_call_id, their_start, their_a_number, their_b_number, their_duration, their_amount, difference) VALUES
      ($1, 1, 'DURATION_MISMATCH', 'United Kingdom', 'o1', '2026-10-10T11:00:00Z', '442079460018', '442079460001', 6000, 10.00, 2, 'o1', '2026-10-10T11:00:00Z', '442079460018', '442079460001', 5400, 9.00, -1.00),
      ($1, 2, 'MISSING_THEIRS', 'United Kingdom', 'o2', '2026-10-10T11:00:00Z', '442079460018', '442079460001', 3600, 6.00, NULL, NULL, NULL, NULL, NULL, NULL, NULL, -6.00)`, [rec.id]);
    const runner: Principal = { kind: "service", service: "invoicing-reconciliation" };
    const { disputeId } = await invoicing.dataSource.transaction((manager) =>
      invoicing.disputes.openForVariance(manager, runner, { reconciliationId: rec.id, claimId: claim.id, partnerId: atlantic.id, side: "RECEIVABLE" as any, periodStart: new Date(OCTOBER.start), periodEnd: new Date(OCTOBER.end), currency: "USD", ourAmount: new Decimal("16.00"), theirAmount: new Decimal("9.00"), variance: new Decimal("-7.00"), mismatchedCalls: 2, mismatchedDestinations: 0, reason: "Variance -7.00 USD is beyond the agreement's tolerance of 0" }),
    );
    const { dispute } = await ok(`query($id: ID!) { dispute(id: $id) { ${DISPUTE} } }`, { id: disputeId }, atlanticKey);
    expect(dispute).toMatchObject({ status: "OPEN", ourAmount: "16", theirAmount: "9", disputedAmount: "7", invoice: { id: invoiceId }, attachments: [{ fileName: `${dispute.number}-mismatched-calls.csv`, contentType: "text/csv; charset=utf-8" }] });
    const [file] = dispute.attachments;
    const res = await download(file.url, atlanticKey);
    expect(res.status).toBe(200);
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("status,destination,our_call_id,our_start,our_a_number,our_b_number,our_duration,our_amount,their_line,their_call_id,their_start,their_a_number,their_b_number,their_duration,their_amount,difference");
    expect(lines.slice(1, 3)).toEqual([
      "DURATION_MISMATCH,United Kingdom,o1,2026-10-10T11:00:00.000Z,442079460018,442079460001,6000,10,2,o1,2026-10-10T11:00:00.000Z,442079460018,442079460001,5400,9,-1",
      "MISSING_THEIRS,United Kingdom,o2,2026-10-10T11:00:00.000Z,442079460018,442079460001,3600,6,,,,,,,,-6",
    ]);
    expect((await download(file.url, bengalKey)).status).toBe(404);
    expect((await download(file.url, ADMIN_TOKEN)).status).toBe(200);
  });

  it("takes a partner's own files, inline or through the upload route within its size limit, and serves them back", async () => {
    const dispute = await move("submitDispute", (await open("16.00", "14.50")).id, 1);
    const sent = await ok(`mutation($id: ID!, $c: String!) { attachToDispute(id: $id, file: { fileName: "our-cdrs.txt", contentType: "text/plain", contentBase64: $c }) { url sizeBytes } }`, { id: dispute.id, c: Buffer.from("call o1 lasted 90 minutes").toString("base64") }, atlanticKey);
    expect(sent.attachToDispute.sizeBytes).toBe(25);
    expect(await (await download(sent.attachToDispute.url, ADMIN_TOKEN)).text()).toBe("call o1 lasted 90 minutes");
    // Larger files go through the upload route, which streams them (up to INTERSETTLE_MAX_DISPUTE_ATTACHMENT_MB, 2 MB).
    const upload = (token: string, body: Buffer, id = dispute.id) => fetch(`${base()}/files/invoicing/dispute-attachments?disputeId=${id}&fileName=cdrs.csv&contentType=text%2Fcsv`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" }, body });
    const csv = Buffer.from("call_id,duration\n" + "o1,5400\n".repeat(50_000));
    const res = await upload(atlanticKey, csv);
    expect(res.status).toBe(200);
    const { data: stored } = await res.json();
    expect(stored).toMatchObject({ fileName: "cdrs.csv", contentType: "text/csv", sizeBytes: csv.length });
    expect(Buffer.from(await (await download(stored.url, ADMIN_TOKEN)).arrayBuffer()).equals(csv)).toBe(true);
    expect((await upload(bengalKey, csv)).status).toBe(404);
    const tooLarge = await upload(atlanticKey, Buffer.alloc(2 * 1024 * 1024 + 1));
    expect(tooLarge.status).toBe(413);
    const { attachments } = (await ok(`query($id: ID!) { dispute(id: $id) { attachments { fileName } } }`, { id: dispute.id })).dispute;
    expect(attachments.map((a: any) => a.fileName)).toEqual(["our-cdrs.txt", "cdrs.csv"]);
  });
});

describe("reminders and reports", () => {
  it("e-mails the partner's billing contact once a reminder is due, and not again until the next one", async () => {
    const dispute = await move("submitDispute", (await open("16.00", "15.50")).id, 1);
    const now = Date.now();
    mails.length = 0;
    // Other disputes of this file await an answer too; count this one's mail.
    const mine = () => mails.filter((m) => m.subject?.includes(dispute.number));
    await invoicing.disputeReminders.remindDue(new Date(now + 6 * 86_400_000));
    expect(mine()).toHaveLength(0);
    await invoicing.disputeReminders.remindDue(new Date(now + 8 * 86_400_000));
    expect(mine()).toHaveLength(1);
    expect(mine()[0].to).toMatchObject({ value: [{ address: "ap@atlantic.example" }] });
    expect(mine()[0].text).toContain("in dispute: 0.5 USD");
    await invoicing.disputeReminders.remindDue(new Date(now + 9 * 86_400_000));
    expect(mine()).toHaveLength(1);
    // Past its due date (30 days): reminded again at once.
    await invoicing.disputeReminders.remindDue(new Date(now + 32 * 86_400_000));
    expect(mine()).toHaveLength(2);
    // The hub's scheduler sends them on its tick: the next interval after the last reminder.
    await invoicing.scheduler.tick(new Date(now + 40 * 86_400_000));
    expect(mine()).toHaveLength(3);
    const after = await ok(`query($id: ID!) { dispute(id: $id) { reminderCount version } }`, { id: dispute.id }, atlanticKey);
    // A reminder is not a change the partner's answer must know of: the version stays.
    expect(after.dispute).toEqual({ reminderCount: 3, version: 2 });
    const trail = await ok(`query($f: AuditFilterInput) { auditTrail(filter: $f, first: 100) { edges { node { action actor } } } }`, { f: { entityType: "DISPUTE", entityId: dispute.id } });
    expect(trail.auditTrail.edges.filter((e: any) => e.node.action === "dispute.reminded").map((e: any) => e.node.actor)).toEqual(Array(3).fill("service:invoicing-dispute-reminders"));
  });

  it("reports disputed, recovered and written-off amounts, and ages the open disputes", async () => {
    const summary = await ok(`query($p: ID!) { disputeSummary(periodFrom: "2026-10-01T00:00:00Z", periodTo: "2026-11-01T00:00:00Z", partnerId: $p) { partnerId currency disputes unresolved disputed recovered writtenOff } }`, { p: atlantic.id }, atlanticKey);
    // Closed: 16 vs 12 settled at 14 (2 recovered, 2 written off); 16 vs 15 accepted (1 recovered). Unresolved: 6 + 3 + 7 + 1.5 + 0.5.
    // …and 16 vs 17.50 rejected (1.50 written off).
    expect(summary.disputeSummary).toEqual([{ partnerId: atlantic.id, currency: "USD", disputes: 8, unresolved: 5, disputed: "24.5", recovered: "3", writtenOff: "3.5" }]);
    const ageing = await ok(`query($at: DateTimeISO, $p: ID) { disputeAgeing(asOf: $at, partnerId: $p) { partnerId currency total buckets { bucket disputes disputed } } }`, { at: new Date(Date.now() + 45 * 86_400_000).toISOString(), p: atlantic.id });
    expect(ageing.disputeAgeing).toEqual([{ partnerId: atlantic.id, currency: "USD", total: "18", buckets: [
      { bucket: "DAYS_0_30", disputes: 0, disputed: "0" },
      { bucket: "DAYS_31_60", disputes: 5, disputed: "18" },
      { bucket: "DAYS_61_90", disputes: 0, disputed: "0" },
      { bucket: "DAYS_OVER_90", disputes: 0, disputed: "0" },
    ] }]);
  });
});
