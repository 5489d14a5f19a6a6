import { randomUUID } from "node:crypto";
import type { InvoicingServices } from "@intersettle/invoicing";
import { copyField, Decimal, RATED_CALLS_COLUMNS } from "@intersettle/shared";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";

/**
 * Reconciliation through the real hub: calls rated by rating, exported to invoicing, compared with a claim whose rows
 * the test writes straight into invoicing's tables (claim ingestion is built beside this), read back through the gateway.
 */
// The dispute in "opens a dispute beyond tolerance" lists exactly this many: the edge where the evidence is complete.
process.env.INTERSETTLE_DISPUTE_EVIDENCE_CALLS = "6";

let hub: TestHub;
let invoicing: InvoicingServices;
let customer: { id: string };
let other: { id: string };
let customerKey: string;
let otherKey: string;
/** Our calls as the export gives them, in start order. */
let ours: Array<{ callId: string; startMs: number; aNumber: string; bNumber: string; duration: number; destination: string | null; amount: string; currency: string }>;

const NOV = { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" };
const base = () => hub.url.replace(/\/graphql$/, "");
const get = (path: string, token = ADMIN_TOKEN) => fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${token}` } });
const RECONCILIATION = `id claimId partnerId side status currency ourCalls theirCalls matched durationMismatch rateMismatch missingOurs missingTheirs
  ourAmount theirAmount variance tolerancePercent toleranceAmount startToleranceSeconds durationToleranceSeconds amountTolerance disputed disputeId failure`;

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

/** An Asterisk Master.csv record; the source's timezone is UTC. */
const cdr = (id: string, dst: string, inTrunk: string, start: string, billsec: number) =>
  `"1001","+442079460018","${dst}","ctx","""A"" <+442079460018>","SIP/${inTrunk}-1","SIP/out-2","Dial","","${start}","${start}","${start}","${billsec + 5}","${billsec}","DOCUMENTATION","ANSWERED","","${id}"`;

async function claim(partnerId: string, kind: "CDRS" | "INVOICE", rows: { calls?: unknown[][]; lines?: unknown[][] }): Promise<string> {
  const id = randomUUID();
  await querySql(hub.databaseUrl, `INSERT INTO invoicing.claim (id, partner_id, side, kind, period_start, period_end, currency, file_name, file_sha256, status, received_by)
    VALUES ($1, $2, 'RECEIVABLE', $3, $4, $5, 'USD', 'claim.csv', $6, 'RECEIVED', 'test')`, [id, partnerId, kind, NOV.from, NOV.to, `sha-${id}`]);
  for (const c of rows.calls ?? []) await querySql(hub.databaseUrl, `INSERT INTO invoicing.claim_call (claim_id, line, call_id, start_time, a_number, b_number, duration, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [id, ...c]);
  for (const l of rows.lines ?? []) await querySql(hub.databaseUrl, `INSERT INTO invoicing.claim_line (claim_id, line, destination, calls, minutes, amount, currency) VALUES ($1, $2, $3, $4, $5, $6, 'USD')`, [id, ...l]);
  return id;
}

const reconcile = async (claimId: string, tolerances?: Record<string, unknown>) =>
  (await ok(`mutation($c: ID!, $t: MatchTolerancesInput) { reconcileClaim(claimId: $c, tolerances: $t) { ${RECONCILIATION} } }`, { c: claimId, t: tolerances ?? null })).reconcileClaim;

const theirs = (line: number, c: (typeof ours)[number], over: { callId?: string | null; start?: string; duration?: number; amount?: string | null } = {}) => [
  line, over.callId === undefined ? c.callId : over.callId, over.start ?? new Date(c.startMs).toISOString(), c.aNumber, c.bNumber, over.duration ?? c.duration, over.amount === undefined ? c.amount : over.amount,
];

beforeAll(async () => {
  hub = await startTestHub("reconciliation");
  invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  customer = await createPartner(hub, "RECON_CUSTOMER", { roles: ["CUSTOMER"], timezone: "UTC" });
  other = await createPartner(hub, "RECON_OTHER", { roles: ["CUSTOMER"], timezone: "UTC" });
  const vendor = await createPartner(hub, "RECON_VENDOR", { roles: ["VENDOR"] });
  for (const [p, direction] of [[customer, "SELL"], [other, "SELL"], [vendor, "BUY"]] as const) {
    const c = await ok(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: p.id, d: direction });
    await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n91,India,0.1200\n44,United Kingdom,0.1000", effectiveFrom: "2026-01-01T00:00:00Z" } });
  }
  const s = await ok(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "SW1", name: "Switch 1", format: "ASTERISK", timezone: "UTC", countryCode: "44", nationalPrefix: "0" } });
  for (const [side, value, partnerId] of [["INGRESS", "cus", customer.id], ["INGRESS", "oth", other.id], ["EGRESS", "out", vendor.id]]) {
    await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.createCdrSource.id, side, match: "TRUNK", value, partnerId } });
  }
  const calls = [
    ...Array.from({ length: 6 }, (_, i) => cdr(`k${i + 1}`, `0044207946000${i}`, "cus", `2026-11-0${i + 2} 10:00:00`, 60 + i * 30)),
    cdr("k7", "00919876543210", "cus", "2026-11-09 10:00:00", 90),
    cdr("k8", "00919876543211", "cus", "2026-12-01 00:00:00", 90), // December: outside the period
    cdr("x1", "00442079460009", "oth", "2026-11-03 10:00:00", 60), // another partner's
  ];
  const res = await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status rated } }`, { i: { source: "SW1", fileName: "nov.csv", content: calls.join("\n") } });
  expect(res.ingestCdrs).toMatchObject({ status: "COMPLETED", rated: calls.length });
  customerKey = (await issueApiKey(hub, customer.id)).secret;
  otherKey = (await issueApiKey(hub, other.id)).secret;
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  delete process.env.INTERSETTLE_DISPUTE_EVIDENCE_CALLS;
});

describe("rating's rated-calls export", () => {
  it("streams one partner's leg of its rated calls in the period, in start order, and an end line, to an operator", async () => {
    const res = await get(`/files/rating/rated-calls?partnerId=${customer.id}&direction=SELL&from=${NOV.from}&to=${NOV.to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/tab-separated-values; charset=utf-8");
    const lines = (await res.text()).split("\n");
    expect(lines[0]).toBe(RATED_CALLS_COLUMNS.join("\t"));
    expect(lines.slice(-2)).toEqual(["\\.\t7", ""]);
    ours = lines.slice(1, -2).map((l) => {
      const [callId, startMs, aNumber, bNumber, duration, destination, amount, currency] = l.split("\t").map(copyField);
      return { callId: callId!, startMs: Number(startMs), aNumber: aNumber!, bNumber: bNumber!, duration: Number(duration), destination, amount: amount!, currency: currency! };
    }).sort((a, b) => a.startMs - b.startMs);
    expect(ours.map((c) => c.callId)).toEqual(["k1", "k2", "k3", "k4", "k5", "k6", "k7"]);
    expect(ours[0]).toEqual({ callId: "k1", startMs: Date.parse("2026-11-02T10:00:00Z"), aNumber: expect.any(String), bNumber: expect.stringContaining("442079460000"), duration: 60, destination: "United Kingdom", amount: expect.stringMatching(/^\d+(\.\d+)?$/), currency: "USD" });
    // The vendor's leg of the same calls is priced on its BUY card.
    const buy = await get(`/files/rating/rated-calls?partnerId=${customer.id}&direction=BUY&from=${NOV.from}&to=${NOV.to}`);
    expect((await buy.text()).split("\n").slice(1)).toEqual(["\\.\t0", ""]);
  });

  it("is refused to partners, and names each bad parameter", async () => {
    expect((await get(`/files/rating/rated-calls?partnerId=${customer.id}&direction=SELL&from=${NOV.from}&to=${NOV.to}`, customerKey)).status).toBe(403);
    const bad = await get(`/files/rating/rated-calls?partnerId=nope&direction=SIDEWAYS&from=${NOV.to}&to=${NOV.from}&extra=1`);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toEqual(expect.stringContaining("partnerId"));
    for (const field of ["direction", "extra", "to"]) expect(body.errors[0].message).toContain(field);
  });
});

describe("reconciling a CDR claim", () => {
  let reconciliationId: string;
  let claimId: string;

  it("finds exactly the planted differences, lists them both sides, and totals the destinations", async () => {
    const [k1, k2, k3, k4, k5, k6, k7] = ours;
    const off = (c: (typeof ours)[number], seconds: number) => new Date(c.startMs + seconds * 1000).toISOString();
    claimId = await claim(customer.id, "CDRS", {
      calls: [
        theirs(1, k1),
        theirs(2, k2, { duration: k2.duration + 2 }), // DURATION_MISMATCH (tolerance 1 s)
        theirs(3, k3, { amount: new Decimal(k3.amount).plus("0.05").toFixed() }), // RATE_MISMATCH
        // k4: not in their file — MISSING_THEIRS
        theirs(5, k5, { callId: null, start: off(k5, 2), duration: k5.duration - 1 }), // by numbers, both at the edge: MATCHED
        theirs(6, k6, { callId: null, start: off(k6, -3) }), // 3 s apart: not the same call — MISSING_OURS and MISSING_THEIRS
        theirs(7, k7, { amount: null }), // no amount: they charge what we rated
        [8, "zz9", "2026-11-20T08:00:00.000Z", "111", "222", 45, "0.0750"], // MISSING_OURS
      ],
    });
    const r = await reconcile(claimId);
    reconciliationId = r.id;
    expect(r).toMatchObject({ status: "BEYOND_TOLERANCE", ourCalls: 7, theirCalls: 7, matched: 3, durationMismatch: 1, rateMismatch: 1, missingOurs: 2, missingTheirs: 2, disputed: true, disputeId: expect.any(String), failure: null });
    expect(r).toMatchObject({ startToleranceSeconds: 2, durationToleranceSeconds: 1, amountTolerance: "0.0001", tolerancePercent: "0", toleranceAmount: "0" });
    const ourTotal = ours.reduce((s, c) => s.plus(c.amount), new Decimal(0));
    // Theirs: ours less k4 and k6 (missing in their file), plus 0.05 on k3, their k6 at our price and their own call.
    const theirTotal = ourTotal.minus(k4.amount).plus("0.05").plus("0.0750");
    expect([r.ourAmount, r.theirAmount, r.variance]).toEqual([ourTotal.toFixed(), theirTotal.toFixed(), theirTotal.minus(ourTotal).toFixed()]);

    const detail = await ok(`query($id: ID!) { reconciliation(id: $id) { calls(first: 20) { totalCount edges { node { seq status ourCallId theirLine theirCallId difference } } }
      destinations { destination status ourCalls theirCalls ourSeconds theirSeconds ourAmount theirAmount difference } } }`, { id: r.id });
    const listed = detail.reconciliation.calls.edges.map((e: any) => [e.node.status, e.node.ourCallId, e.node.theirLine]);
    expect(listed.sort()).toEqual([
      ["DURATION_MISMATCH", "k2", 2], ["MISSING_OURS", null, 6], ["MISSING_OURS", null, 8], ["MISSING_THEIRS", "k4", null], ["MISSING_THEIRS", "k6", null], ["RATE_MISMATCH", "k3", 3],
    ].sort());
    const byStatus = await ok(`query($id: ID!) { reconciliation(id: $id) { calls(status: RATE_MISMATCH) { edges { node { ourCallId difference } } } } }`, { id: r.id });
    expect(byStatus.reconciliation.calls.edges.map((e: any) => e.node)).toEqual([{ ourCallId: "k3", difference: "0.05" }]);
    expect(detail.reconciliation.destinations.map((d: any) => [d.destination, d.status, d.ourCalls, d.theirCalls])).toEqual([
      ["India", "MATCHED", 1, 1], ["UNKNOWN", "MISSING_OURS", 0, 2], ["United Kingdom", "MISMATCH", 6, 4],
    ]);
    expect((await querySql(hub.databaseUrl, `SELECT status FROM invoicing.claim WHERE id = $1`, [claimId]))[0].status).toBe("RECONCILED");
  });

  it("hands out the mismatched calls as CSV, to operators and to the partner whose they are only", async () => {
    const res = await get(`/files/invoicing/mismatched-calls/${reconciliationId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const records = (await res.text()).split("\r\n").filter(Boolean);
    expect(records[0]).toBe("status,destination,our_call_id,our_start,our_a_number,our_b_number,our_duration,our_amount,their_line,their_call_id,their_start,their_a_number,their_b_number,their_duration,their_amount,difference");
    expect(records).toHaveLength(7);
    expect(records.find((r) => r.startsWith("RATE_MISMATCH"))).toMatch(/^RATE_MISMATCH,United Kingdom,k3,.*,3,k3,.*,0\.05$/);
    expect((await get(`/files/invoicing/mismatched-calls/${reconciliationId}`, customerKey)).status).toBe(200);
    expect((await get(`/files/invoicing/mismatched-calls/${reconciliationId}`, otherKey)).status).toBe(404);
  });

  it("keeps each partner to its own reconciliations, and reconciling to operators", async () => {
    const own = await ok(`query { reconciliations { edges { node { id partnerId } } } }`, {}, customerKey);
    expect(own.reconciliations.edges.map((e: any) => e.node.partnerId)).toEqual([customer.id]);
    expect((await hub.query(`query { reconciliations { totalCount } }`, {}, otherKey)).data.reconciliations.totalCount).toBe(0);
    const notFound = await hub.query(`query($id: ID!) { reconciliation(id: $id) { id } }`, { id: reconciliationId }, otherKey);
    expect(notFound.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const forbidden = await hub.query(`query($p: ID) { reconciliations(filter: { partnerId: $p }) { totalCount } }`, { p: customer.id }, otherKey);
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const rerun = await hub.query(`mutation($c: ID!) { reconcileClaim(claimId: $c) { id } }`, { c: claimId }, customerKey);
    expect(rerun.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("holds the agreement's tolerance at its edge, keeps every run, and reports the latest", async () => {
    const first = await reconcile(claimId);
    const variance = new Decimal(first.variance).abs();
    const agreement = await ok(`mutation($i: CreateAgreementInput!) { createAgreement(input: $i) { id version } }`, {
      i: { partnerId: customer.id, reference: "RECON-1", type: "BILATERAL", services: ["VOICE"], validFrom: "2026-11-01", status: "ACTIVE", tolerancePercent: "0", toleranceAmount: variance.toFixed() },
    });
    const atEdge = await reconcile(claimId);
    expect(atEdge).toMatchObject({ status: "WITHIN_TOLERANCE", toleranceAmount: variance.toFixed(), variance: first.variance });
    await ok(`mutation($id: ID!, $v: Int!, $i: UpdateAgreementInput!) { updateAgreement(id: $id, expectedVersion: $v, input: $i) { id } }`, {
      id: agreement.createAgreement.id, v: agreement.createAgreement.version, i: { toleranceAmount: variance.minus("0.0001").toFixed() },
    });
    const past = await reconcile(claimId);
    expect(past.status).toBe("BEYOND_TOLERANCE");
    const history = await ok(`query($p: ID) { reconciliations(filter: { partnerId: $p }, first: 50) { totalCount } }`, { p: customer.id });
    expect(history.reconciliations.totalCount).toBe(4);
    const report = await ok(`query { reconciliationStatus(filter: { periodFrom: "${NOV.from}", periodTo: "${NOV.to}" }) { id partnerId status variance disputed } }`);
    expect(report.reconciliationStatus).toEqual([{ id: past.id, partnerId: customer.id, status: "BEYOND_TOLERANCE", variance: first.variance, disputed: true }]);
    expect((await ok(`query { reconciliationStatus { id } }`, {}, otherKey)).reconciliationStatus).toEqual([]);
  });

  it("opens a dispute beyond tolerance, in its own transaction, with the mismatched calls of both sides attached", async () => {
    const r = await reconcile(claimId);
    expect(r).toMatchObject({ status: "BEYOND_TOLERANCE", disputed: true, disputeId: expect.any(String) });
    const { dispute } = await ok(`query($id: ID!) { dispute(id: $id) { number partnerId side status reconciliationId currency ourAmount theirAmount disputedAmount reason attachments { fileName url } } }`, { id: r.disputeId });
    expect(dispute).toMatchObject({ partnerId: customer.id, side: "RECEIVABLE", status: "OPEN", reconciliationId: r.id, currency: "USD", ourAmount: r.ourAmount, theirAmount: r.theirAmount, disputedAmount: r.variance.replace(/^-/, "") });
    expect(dispute.reason).toContain("exceeds the agreement's tolerance");
    expect(dispute.attachments.map((a: any) => a.fileName)).toEqual([`${dispute.number}-mismatched-calls.csv`, `${dispute.number}-destination-differences.csv`]);
    const evidence = await (await get(dispute.attachments[0].url)).text();
    const byDestination = (await (await get(dispute.attachments[1].url)).text()).trim().split("\r\n");
    expect(byDestination[0]).toBe("destination,status,our_calls,our_seconds,our_amount,their_calls,their_seconds,their_amount,difference");
    expect(byDestination).toHaveLength(1 + 2);
    const download = await (await get(`/files/invoicing/mismatched-calls/${r.id}`)).text();
    expect(evidence).toBe(download);
    expect(evidence.trim().split("\r\n")).toHaveLength(1 + 6);
    const audit = await querySql(hub.databaseUrl, `SELECT count(*)::int AS n FROM audit.entry WHERE entity_type = 'RECONCILIATION' AND entity_id = $1`, [r.id]);
    expect(audit[0].n).toBe(1);
  });
});

describe("a claim that matches nothing", () => {
  it("attaches the start of its mismatched calls, named so, and leaves the whole list to the download", async () => {
    const calls = Array.from({ length: 8 }, (_, i) => [i + 1, `w${i}`, `2026-11-1${i}T08:00:00.000Z`, "+4930111", `+44777${i}`, 60, "1.25"]);
    const r = await reconcile(await claim(other.id, "CDRS", { calls }));
    // The other partner's own call (x1) is missing in this file too: 9 mismatched calls.
    expect(r).toMatchObject({ status: "BEYOND_TOLERANCE", missingOurs: 8, missingTheirs: 1, disputeId: expect.any(String) });
    const { dispute } = await ok(`query($id: ID!) { dispute(id: $id) { number attachments { fileName url } } }`, { id: r.disputeId });
    expect(dispute.attachments.map((a: any) => a.fileName)).toEqual([`${dispute.number}-mismatched-calls-first-6-of-9.csv`, `${dispute.number}-destination-differences.csv`]);
    const evidence = (await (await get(dispute.attachments[0].url)).text()).trim().split("\r\n");
    const download = (await (await get(`/files/invoicing/mismatched-calls/${r.id}`)).text()).trim().split("\r\n");
    expect(download).toHaveLength(1 + 9);
    expect(evidence).toEqual(download.slice(0, 1 + 6));
  });
});

describe("what a partner's file may hold", () => {
  it("carries backslashes, tabs, quotes and line breaks in its values through to the evidence intact", async () => {
    const odd = 'odd\\id\t"x"\nnext';
    const claimId = await claim(other.id, "CDRS", { calls: [[1, odd, "2026-11-05T00:00:00.000Z", "a\\1", "b,2", 30, "0.5"]] });
    const r = await reconcile(claimId);
    // The other partner has one call of its own that month (x1), missing in this file.
    expect(r).toMatchObject({ ourCalls: 1, theirCalls: 1, missingOurs: 1, missingTheirs: 1, theirAmount: "0.5" });
    const listed = await ok(`query($id: ID!) { reconciliation(id: $id) { calls { edges { node { theirCallId theirANumber theirBNumber } } } } }`, { id: r.id });
    expect(listed.reconciliation.calls.edges.map((e: any) => e.node)).toContainEqual({ theirCallId: odd, theirANumber: "a\\1", theirBNumber: "b,2" });
  });
});

describe("reconciling an invoice claim", () => {
  it("compares calls, minutes and amounts per destination", async () => {
    const uk = ours.filter((c) => c.destination === "United Kingdom");
    const ukAmount = uk.reduce((s, c) => s.plus(c.amount), new Decimal(0));
    const ukMinutes = new Decimal(uk.reduce((s, c) => s + c.duration, 0)).div(60);
    const claimId = await claim(customer.id, "INVOICE", { lines: [[1, "united kingdom", uk.length, ukMinutes.toFixed(), ukAmount.toFixed()], [2, "India", 2, "3", "0.36"]] });
    const r = await reconcile(claimId);
    expect(r).toMatchObject({ ourCalls: 7, theirCalls: uk.length + 2, matched: 0, missingOurs: 0, missingTheirs: 0 });
    const d = await ok(`query($id: ID!) { reconciliation(id: $id) { destinations { destination status ourCalls theirCalls difference } calls { totalCount } } }`, { id: r.id });
    expect(d.reconciliation.destinations.map((x: any) => [x.destination, x.status, x.ourCalls, x.theirCalls])).toEqual([["India", "MISMATCH", 1, 2], ["United Kingdom", "MATCHED", 6, 6]]);
    expect(d.reconciliation.calls.totalCount).toBe(0);
  });

  it("keeps a run that fails half way as FAILED with its reason, and the hub answers on", async () => {
    const claimId = await claim(customer.id, "CDRS", { calls: [theirs(1, ours[0])] });
    await querySql(hub.databaseUrl, `UPDATE invoicing.claim SET currency = 'EUR' WHERE id = $1`, [claimId]);
    const failed = await hub.query(`mutation($c: ID!) { reconcileClaim(claimId: $c) { id } }`, { c: claimId });
    expect(failed.errors?.[0].extensions?.code).toBe("CONFLICT");
    const [row] = await querySql(hub.databaseUrl, `SELECT status, failure, (SELECT count(*)::int FROM invoicing.reconciliation_call c WHERE c.reconciliation_id = r.id) AS calls FROM invoicing.reconciliation r WHERE claim_id = $1`, [claimId]);
    expect(row).toEqual({ status: "FAILED", failure: "Our call k1 is rated in USD; the claim is in EUR", calls: 0 });
    // The connection that was copying rolled back and serves again: the next runs go through.
    for (let i = 0; i < 12; i++) expect((await reconcile(await claim(other.id, "CDRS", {}))).status).toBe("BEYOND_TOLERANCE");
  });

  it("marks FAILED a run the hub stopped during, and only that one", async () => {
    const claimId = await claim(other.id, "CDRS", {});
    const died = randomUUID();
    const insert = (id: string, ago: string) => querySql(hub.databaseUrl, `INSERT INTO invoicing.reconciliation (id, claim_id, partner_id, side, period_start, period_end, currency, status, start_tolerance_seconds,
      duration_tolerance_seconds, amount_tolerance, tolerance_percent, tolerance_amount, requested_by, started_at) SELECT $1, $2, $3, 'RECEIVABLE', $4, $5, 'USD', 'RUNNING', 2, 1, 0.0001, 0, 0, 'test', now() - $6::interval`,
      [id, claimId, other.id, NOV.from, NOV.to, ago]);
    await insert(died, "1 minute");
    // A run that is alive holds its lock: a second session stands in for it.
    const alive = randomUUID();
    await insert(alive, "1 minute");
    const { Client } = await import("pg");
    const holder = new Client({ connectionString: hub.databaseUrl });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext($1))`, [`reconciliation:${alive}`]);
      expect(await invoicing.reconciliation.failInterrupted()).toBe(1);
    } finally {
      await holder.end();
    }
    const rows = await querySql(hub.databaseUrl, `SELECT id, status, failure FROM invoicing.reconciliation WHERE id = ANY($1) ORDER BY status`, [[died, alive]]);
    expect(rows).toEqual([
      { id: died, status: "FAILED", failure: "interrupted (the hub stopped during the run); reconcile the claim again" },
      { id: alive, status: "RUNNING", failure: null },
    ]);
    await querySql(hub.databaseUrl, `DELETE FROM invoicing.reconciliation WHERE id = $1`, [alive]);
  });

  it("refuses a claim that is not received, and bad tolerances, by name", async () => {
    const claimId = await claim(other.id, "CDRS", {});
    await querySql(hub.databaseUrl, `UPDATE invoicing.claim SET status = 'RECEIVING' WHERE id = $1`, [claimId]);
    expect((await hub.query(`mutation($c: ID!) { reconcileClaim(claimId: $c) { id } }`, { c: claimId })).errors?.[0].extensions?.code).toBe("CONFLICT");
    const bad = await hub.query(`mutation($c: ID!) { reconcileClaim(claimId: $c, tolerances: { startToleranceSeconds: -1, amountTolerance: "-0.1" }) { id } }`, { c: claimId });
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].message).toMatch(/startToleranceSeconds.*amountTolerance/);
  });
});
