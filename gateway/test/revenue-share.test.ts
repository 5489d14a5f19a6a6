import type { RevenueShareServices } from "@intersettle/revenue-share";
import { pdfPages } from "../../subgraphs/invoicing/test/pdf-text";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";
import { watch } from "./support/ws-client";
import { contentUsage, type MonthUsage } from "./support/content-usage";

/**
 * Revenue share through the real hub: content partners and services made through the gateway, a month of transactions
 * ingested through the file route, every share model settled into statements, published, pulled by the partners
 * (GraphQL, CSV, PDF) and paid through invoicing; a late refund against a published month lands on the next statement.
 */
let hub: TestHub;
let revshare: RevenueShareServices;
const ids: Record<string, string> = {};
const keys: Record<string, string> = {};
const services: Record<string, string> = {};

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

const base = () => hub.url.replace(/\/graphql$/, "");
const get = (path: string, token = ADMIN_TOKEN) => fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** An amount of at most two decimals in cents, exactly. */
const cents = (amount: string) => {
  const negative = amount.startsWith("-");
  const [whole, fraction = ""] = amount.replace("-", "").split(".");
  const value = BigInt(whole + fraction.padEnd(2, "0"));
  return negative ? -value : value;
};

const PARTNERS: Array<[string, string, Record<string, unknown>]> = [
  ["AGG", "RS_AGGREGATOR", { types: ["AGGREGATOR"], timezone: "Europe/London" }],
  ["AGG2", "RS_OTHER_AGG", { types: ["AGGREGATOR"], timezone: "America/New_York" }],
  ["CP1", "RS_PROVIDER_ONE", { types: ["CONTENT_PROVIDER"], timezone: "Europe/London" }],
  ["CP2", "RS_PROVIDER_TWO", { types: ["CONTENT_PROVIDER"], timezone: "Asia/Kolkata" }],
  ["PE", "RS_ENABLER", { types: ["PLATFORM_ENABLER"], timezone: "Europe/London" }],
];

const OPERATOR = (rule: Record<string, unknown>) => ({ partyRole: "OPERATOR", rule });
const step = (partyRole: string, partner: string, rule: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ partyRole, partnerId: ids[partner], rule, ...extra });
const PERCENT = (percent: string) => ({ model: "PERCENT", percent });
const REMAINDER = { model: "REMAINDER" };

/** One service per model, each with its agreement, and the usage of November that the expectations below settle. */
const MODELS = () => [
  {
    code: "RS-PERCENT", kind: "CRBT", chain: { providerId: ids.CP1, aggregatorId: ids.AGG },
    waterfall: [OPERATOR(PERCENT("40")), step("AGGREGATOR", "AGG", PERCENT("25")), step("CONTENT_PROVIDER", "CP1", REMAINDER)],
    // net 1000 = 1200 − 200 tax: operator 400, aggregator 25% of 600 = 150, provider 450.
    usage: { transactions: 1000, gross: "1200.00", tax: "200.00" },
  },
  {
    code: "RS-MARGINAL", kind: "MOBILE_DOWNLOAD", chain: { providerId: ids.CP1 },
    waterfall: [OPERATOR({ model: "TIERED_MARGINAL", basis: "VOLUME", tiers: [{ from: "0", percent: "50" }, { from: "1000", percent: "40" }, { from: "5000", percent: "30" }] }), step("CONTENT_PROVIDER", "CP1", REMAINDER)],
    // 6000 downloads, net 6000: the operator keeps 1000 at 50%, 4000 at 40%, 1000 at 30% = 2400; the provider 3600.
    usage: { transactions: 6000, gross: "6000.00", tax: "0" },
  },
  {
    code: "RS-WHOLE", kind: "VOD", chain: { providerId: ids.CP2, aggregatorId: ids.AGG },
    waterfall: [OPERATOR(PERCENT("30")), step("AGGREGATOR", "AGG", { model: "TIERED_WHOLE", basis: "REVENUE", tiers: [{ from: "0", percent: "10" }, { from: "700", percent: "20" }] }), step("CONTENT_PROVIDER", "CP2", REMAINDER)],
    // net 1000: operator 300; the aggregator's base 700 reaches its second tier exactly: 20% of all of it = 140; provider 560.
    usage: { transactions: 400, gross: "1000.00", tax: "0" },
  },
  {
    code: "RS-FIXED", kind: "GAMING", chain: { providerId: ids.CP2, aggregatorId: ids.AGG2 },
    waterfall: [OPERATOR(PERCENT("20")), step("CONTENT_PROVIDER", "CP2", { model: "FIXED_PER_TRANSACTION", fee: "0.30" }), step("AGGREGATOR", "AGG2", REMAINDER)],
    // net 250: operator 50, provider 500 × 0.30 = 150, the other aggregator 50.
    usage: { transactions: 500, gross: "250.00", tax: "0" },
  },
  {
    code: "RS-MG", kind: "ALERTS", chain: { providerId: ids.CP1 },
    waterfall: [OPERATOR(PERCENT("60")), step("CONTENT_PROVIDER", "CP1", REMAINDER, { minimumGuarantee: "100.00" })],
    // net 100: the provider's 40 is topped up to its guarantee of 100 out of the operator's 60.
    usage: { transactions: 100, gross: "100.00", tax: "0" },
  },
  {
    code: "RS-CAP", kind: "LIVE_SCORE", chain: { providerId: ids.CP2 },
    waterfall: [OPERATOR(PERCENT("50")), step("CONTENT_PROVIDER", "CP2", REMAINDER, { cap: "300.00" })],
    // net 1000: the provider's 500 is capped at 300; 200 goes back to the operator.
    usage: { transactions: 200, gross: "1000.00", tax: "0" },
  },
  {
    code: "RS-WATERFALL", kind: "SUBSCRIPTION", chain: { providerId: ids.CP1, aggregatorId: ids.AGG, enablerId: ids.PE },
    deductions: { platformFeePercent: "5" },
    waterfall: [OPERATOR(PERCENT("50")), step("PLATFORM_ENABLER", "PE", PERCENT("10")), step("AGGREGATOR", "AGG", PERCENT("20")), step("CONTENT_PROVIDER", "CP1", REMAINDER)],
    // net 850 = 1000 − 100 refunds − 50 platform fee: operator 425, enabler 42.50, aggregator 76.50, provider 306.
    usage: { transactions: 300, gross: "1000.00", tax: "0", refunds: "100.00" },
  },
];

/** What each partner's November statement pays, from the comments above. */
const NOVEMBER_PAYABLE: Record<string, string> = { CP1: "4456", AGG: "366.5", CP2: "1010", AGG2: "50", PE: "42.5" };

const STATEMENT = `id number status currency firstDate lastDate gross deductions net share minimumGuaranteeTopUp capAdjustment adjustments payable csvUrl pdfUrl
  lines(first: 40) { edges { node { position serviceCode kind partyRole deduction model tier basis transactions base rate amount description } } }`;

async function statementsOf(partner: string, token?: string, status?: string) {
  const res = await ok(`query($f: StatementFilterInput) { statements(first: 4, filter: $f) { edges { node { ${STATEMENT} } } } }`, { f: { partnerId: ids[partner], status } }, token);
  return res.statements.edges.map((e: any) => e.node);
}

let usage: ReturnType<typeof contentUsage>;

beforeAll(async () => {
  hub = await startTestHub("revshare");
  revshare = hub.subgraphServices["revenue-share"] as RevenueShareServices;
  for (const [name, code, overrides] of PARTNERS) {
    const partner = await createPartner(hub, code, { roles: ["VENDOR"], currency: "USD", billingCycle: "MONTHLY", ...overrides });
    ids[name] = partner.id;
  }
  for (const name of ["AGG", "AGG2", "CP1"]) keys[name] = (await issueApiKey(hub, ids[name])).secret;
  usage = contentUsage(hub);
  for (const model of MODELS()) {
    const created = await ok(`mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, {
      i: { code: model.code, name: `${model.code} service`, kind: model.kind, currency: "USD", ...model.chain },
    });
    services[model.code] = created.createContentService.id;
    await ok(`mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { id } }`, {
      i: { serviceId: services[model.code], reference: `${model.code}-2026`, effectiveFrom: "2026-01-01", deductions: model.deductions, waterfall: model.waterfall },
    });
    await usage.record(services[model.code], "2026-11", model.usage as MonthUsage);
  }
}, 120_000);
afterAll(() => hub?.stop());

describe("content services and agreements", () => {
  it("refuses a chain of the wrong partner types and a waterfall that does not follow the chain, field by field", async () => {
    const wrongType = await hub.query(`mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, { i: { code: "RS-BAD", name: "bad", kind: "VOD", currency: "USD", providerId: ids.AGG } });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "providerId" });
    const bad = await hub.query(`mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { id } }`, {
      i: { serviceId: services["RS-PERCENT"], effectiveFrom: "2027-01-01", waterfall: [OPERATOR(PERCENT("140")), step("AGGREGATOR", "AGG2", PERCENT("10")), step("CONTENT_PROVIDER", "CP1", PERCENT("5"))] },
    });
    const fields = bad.errors?.[0].extensions?.problems.map((p: any) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["waterfall.0.rule.percent", "waterfall.2.rule.model"]));
  });

  it("versions an agreement by effective date: a new version closes the open one the day before it starts", async () => {
    const v2 = await ok(`mutation($i: CreateShareAgreementInput!) { createShareAgreement(input: $i) { agreementVersion effectiveFrom } }`, {
      i: { serviceId: services["RS-PERCENT"], effectiveFrom: "2027-01-01", waterfall: MODELS()[0].waterfall },
    });
    expect(v2.createShareAgreement).toEqual({ agreementVersion: 2, effectiveFrom: "2027-01-01" });
    const versions = await ok(`query($s: ID!) { shareAgreements(serviceId: $s) { agreementVersion effectiveFrom effectiveTo waterfall { partyRole rule { model percent } partner { id } } } }`, { s: services["RS-PERCENT"] });
    expect(versions.shareAgreements.map((v: any) => [v.agreementVersion, v.effectiveFrom, v.effectiveTo])).toEqual([[1, "2026-01-01", "2026-12-31"], [2, "2027-01-01", null]]);
    expect(versions.shareAgreements[0].waterfall[1]).toEqual({ partyRole: "AGGREGATOR", rule: { model: "PERCENT", percent: "25" }, partner: { id: ids.AGG } });
  });

  it("shows a partner the services and agreements it is party to, and no other", async () => {
    const seen = await ok(`{ contentServices { edges { node { code agreements { agreementVersion } } } } }`, {}, keys.AGG2);
    expect(seen.contentServices.edges.map((e: any) => e.node.code)).toEqual(["RS-FIXED"]);
    const other = await hub.query(`query($s: ID!) { shareAgreements(serviceId: $s) { id } }`, { s: services["RS-PERCENT"] }, keys.AGG2);
    expect(other.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("November's statements", () => {
  let published: Record<string, any> = {};

  it("settles every model into a draft per partner whose lines add up exactly", async () => {
    for (const name of Object.keys(NOVEMBER_PAYABLE)) {
      const run = await ok(`mutation($p: ID!) { runStatements(partnerId: $p, date: "2026-11-15") { statementCount lines unsettled } }`, { p: ids[name] });
      expect(run.runStatements).toMatchObject({ statementCount: 1, unsettled: [] });
      const [draft] = await statementsOf(name);
      expect({ name, payable: draft.payable, status: draft.status }).toEqual({ name, payable: NOVEMBER_PAYABLE[name], status: "DRAFT" });
      const lines = draft.lines.edges.map((e: any) => e.node);
      const sum = (kinds: string[]) => lines.filter((l: any) => kinds.includes(l.kind)).reduce((s: bigint, l: any) => s + cents(l.amount), 0n);
      expect(sum(["SHARE", "MINIMUM_GUARANTEE", "CAP", "ADJUSTMENT"])).toBe(cents(draft.payable));
      expect(sum(["GROSS", "DEDUCTION"])).toBe(sum(["NET"]));
    }
    const [cp1] = await statementsOf("CP1");
    const lines = cp1.lines.edges.map((e: any) => e.node);
    // The marginal tiers, one line each, and the guarantee's top-up.
    expect(lines.filter((l: any) => l.serviceCode === "RS-MARGINAL" && l.kind === "SHARE").map((l: any) => [l.model, l.amount])).toEqual([["REMAINDER", "3600"]]);
    expect(lines.find((l: any) => l.serviceCode === "RS-MG" && l.kind === "MINIMUM_GUARANTEE").amount).toBe("60");
    const [cp2] = await statementsOf("CP2");
    expect(cp2.lines.edges.find((e: any) => e.node.kind === "CAP").node.amount).toBe("-200");
    const [agg] = await statementsOf("AGG");
    expect(agg.lines.edges.find((e: any) => e.node.serviceCode === "RS-WHOLE" && e.node.kind === "SHARE").node).toMatchObject({ model: "TIERED_WHOLE", tier: 2, rate: "20", amount: "140" });
  });

  it("redraws a draft when it runs again, keeping its id", async () => {
    const [before] = await statementsOf("PE");
    await ok(`mutation($p: ID!) { runStatements(partnerId: $p, date: "2026-11-02") { statementCount } }`, { p: ids.PE });
    const after = await statementsOf("PE");
    expect(after.map((s: any) => [s.id, s.payable])).toEqual([[before.id, "42.5"]]);
  });

  it("publishes with gapless numbers, and invoicing records each as an issued payable", async () => {
    for (const name of Object.keys(NOVEMBER_PAYABLE)) {
      const [draft] = await statementsOf(name);
      published[name] = (await ok(`mutation($id: ID!) { publishStatement(id: $id) { id number status payable } }`, { id: draft.id })).publishStatement;
    }
    // Numbered by the year of publication: gapless from 1 in this fresh hub.
    const numbers = Object.values(published).map((s: any) => s.number).sort();
    const year = numbers[0].slice(4, 8);
    expect(numbers).toEqual(numbers.map((_: string, i: number) => `RSS-${year}-${String(i + 1).padStart(6, "0")}`));
    const again = await hub.query(`mutation($id: ID!) { publishStatement(id: $id) { id } }`, { id: published.CP1.id });
    expect(again.errors?.[0].extensions?.code).toBe("CONFLICT");

    for (const name of Object.keys(NOVEMBER_PAYABLE)) {
      const bills = await until(async () => {
        const res = await ok(`query($p: ID) { invoices(filter: { partnerId: $p, side: PAYABLE }) { edges { node { number status net reason lines(first: 20) { edges { node { kind service net } } } } } } }`, { p: ids[name] });
        return res.invoices.edges.length ? res.invoices.edges.map((e: any) => e.node) : undefined;
      });
      expect(bills).toHaveLength(1);
      expect(bills[0]).toMatchObject({ status: "ISSUED", net: NOVEMBER_PAYABLE[name], reason: `Revenue-share statement ${published[name].number}` });
      expect(bills[0].number).toMatch(/^BILL-\d{4}-\d{6}$/);
      expect(bills[0].lines.edges.every((e: any) => e.node.kind === "REVENUE_SHARE")).toBe(true);
    }
  });

  it("records a payable once however often the statement's event is seen", async () => {
    const [event] = await querySql(hub.databaseUrl, `SELECT topic, type, key, payload, producer FROM events.event WHERE type = 'statement.published' AND key = $1`, [ids.AGG2]);
    await querySql(hub.databaseUrl, `INSERT INTO events.event (topic, type, key, payload, producer) VALUES ($1, $2, $3, $4, $5)`, [event.topic, event.type, event.key, event.payload, event.producer]);
    await revshareDrain();
    const res = await ok(`query($p: ID) { invoices(filter: { partnerId: $p, side: PAYABLE }) { totalCount } }`, { p: ids.AGG2 });
    expect(res.invoices.totalCount).toBe(1);
  });

  it("settles and disputes, each once", async () => {
    const settled = await ok(`mutation($id: ID!) { settleStatement(id: $id, reference: "WIRE-77") { status settlementReference } }`, { id: published.PE.id });
    expect(settled.settleStatement).toEqual({ status: "SETTLED", settlementReference: "WIRE-77" });
    const disputed = await ok(`mutation($id: ID!) { disputeStatement(id: $id, reason: "missing October alerts") { status disputeReason } }`, { id: published.AGG2.id });
    expect(disputed.disputeStatement).toEqual({ status: "DISPUTED", disputeReason: "missing October alerts" });
    const late = await hub.query(`mutation($id: ID!) { disputeStatement(id: $id, reason: "too late") { status } }`, { id: published.PE.id });
    expect(late.errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});

describe("a statement pulled by its aggregator", () => {
  it("through GraphQL, CSV and PDF, its own only", async () => {
    const mine = await statementsOf("AGG", keys.AGG);
    expect(mine.map((s: any) => s.payable)).toEqual(["366.5"]);
    const statement = mine[0];
    const csv = await get(statement.csvUrl, keys.AGG);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).trim().split("\r\n").map((r) => r.split(","));
    const header = rows[0];
    const amount = header.indexOf("amount");
    const kind = header.indexOf("kind");
    const payable = rows.slice(1).filter((r) => ["SHARE", "MINIMUM_GUARANTEE", "CAP", "ADJUSTMENT"].includes(r[kind])).reduce((s, r) => s + cents(r[amount]), 0n);
    expect(payable).toBe(cents(statement.payable));
    const pdf = await get(statement.pdfUrl, keys.AGG);
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(Buffer.from(await pdf.arrayBuffer()))).join("\n");
    expect(text).toContain(statement.number);
    expect(text).toContain("366.50 USD");

    // Another aggregator gets nothing of it: not through GraphQL, not through the file route.
    const other = await hub.query(`query($id: ID!) { statement(id: $id) { id } }`, { id: statement.id }, keys.AGG2);
    expect(other.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const list = await hub.query(`query($p: ID) { statements(filter: { partnerId: $p }) { edges { node { id } } } }`, { p: ids.AGG }, keys.AGG2);
    expect(list.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    for (const url of [statement.csvUrl, statement.pdfUrl]) {
      const res = await get(url, keys.AGG2);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("366");
    }
  });
});

describe("a statement disputed by its partner", () => {
  it("takes the partner's own dispute with its reason, and answers NOT_FOUND for another's statement", async () => {
    const [statement] = await statementsOf("AGG", keys.AGG);
    const stranger = await hub.query(`mutation($id: ID!) { disputeStatement(id: $id, reason: "not mine") { status } }`, { id: statement.id }, keys.AGG2);
    expect(stranger.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(stranger.data?.disputeStatement ?? null).toBeNull();
    expect((await statementsOf("AGG", keys.AGG))[0].status).toBe("PUBLISHED");
    const own = await hub.query(`mutation($id: ID!) { disputeStatement(id: $id, reason: "CRBT tier 2 missing") { status disputeReason } }`, { id: statement.id }, keys.AGG);
    expect(own.data.disputeStatement).toEqual({ status: "DISPUTED", disputeReason: "CRBT tier 2 missing" });
    const [audit] = await querySql(hub.databaseUrl, `SELECT actor FROM audit.entry WHERE entity_id = $1 AND action = 'statement.disputed'`, [statement.id]);
    expect(audit.actor).toContain("partner");
  });
});

describe("a refund after November was published", () => {
  it("adjusts December's statement, never November's", async () => {
    const w = watch(hub.url, keys.CP1, `subscription($p: ID) { statementPublished(partnerId: $p) { type number payable currency statement { status adjustments } } }`, { p: ids.CP1 });
    const november = (await statementsOf("CP1"))[0];
    // A refund of 100 against November's RS-PERCENT: net 900, the provider's share 405 instead of 450.
    await usage.record(services["RS-PERCENT"], "2026-11", { refunds: "100.00" }, "2026-12-01T10:00:00Z");
    // December has not closed yet (the hub's clock is today's): the run is asked of the service directly.
    const run = await revshare.runs.run({ kind: "service", service: "test" }, ids.CP1, december(), "ON_DEMAND" as never);
    expect(run).toMatchObject({ statementCount: 1, latePeriods: 1 });
    const statements = await statementsOf("CP1");
    expect(statements.find((s: any) => s.id === november.id)).toMatchObject({ payable: "4456", status: "PUBLISHED" });
    const draft = statements.find((s: any) => s.status === "DRAFT");
    const adjustment = draft.lines.edges.map((e: any) => e.node).find((l: any) => l.kind === "ADJUSTMENT");
    expect(adjustment).toMatchObject({ serviceCode: "RS-PERCENT", amount: "-45", base: "450" });
    expect(draft).toMatchObject({ adjustments: "-45", payable: "-45" });

    const publishedDecember = (await ok(`mutation($id: ID!) { publishStatement(id: $id) { number } }`, { id: draft.id })).publishStatement;
    await w.until(1);
    expect(w.results[0].data.statementPublished).toEqual({ type: "statement.published", number: publishedDecember.number, payable: "-45", currency: "USD", statement: { status: "PUBLISHED", adjustments: "-45" } });
    await w.dispose();

    // From the start of the log, a subscriber gets both of CP1's publications in order, and resumes after the first.
    const replay = watch(hub.url, keys.CP1, `subscription($a: String) { statementPublished(after: $a) { number position } }`, { a: "0" });
    await replay.until(2);
    expect(replay.results.map((r) => r.data.statementPublished.number)).toEqual([november.number, publishedDecember.number]);
    await replay.dispose();
    const resumed = watch(hub.url, keys.CP1, `subscription($a: String) { statementPublished(after: $a) { number } }`, { a: replay.results[0].data.statementPublished.position });
    await resumed.until(1);
    expect(resumed.results.map((r) => r.data.statementPublished.number)).toEqual([publishedDecember.number]);
    await resumed.dispose();

    // Adjustments that leave a statement owing us become a credit note on the partner's payables.
    const notes = await until(async () => {
      const res = await ok(`query($p: ID) { invoices(filter: { partnerId: $p, side: PAYABLE, kind: CREDIT_NOTE }) { edges { node { status net reason } } } }`, { p: ids.CP1 });
      return res.invoices.edges.length ? res.invoices.edges.map((e: any) => e.node) : undefined;
    });
    expect(notes).toEqual([{ status: "ISSUED", net: "45", reason: `Revenue-share statement ${publishedDecember.number}` }]);
  });
});

describe("the statement scheduler", () => {
  it("runs each closed period once, and a restart resumes where it stopped", async () => {
    await ok(`mutation($p: ID!) { setStatementStart(partnerId: $p, date: "2026-10-01") }`, { p: ids.AGG2 });
    // October and November closed by 2 December; November already has a published statement, which stays as it is.
    expect(await revshare.scheduler.tick(new Date("2026-12-02T12:00:00Z"), ids.AGG2)).toBe(2);
    expect(await revshare.scheduler.tick(new Date("2026-12-02T12:00:00Z"), ids.AGG2)).toBe(0);
    await hub.stopSubgraph("revenue-share");
    await hub.startSubgraph("revenue-share");
    revshare = hub.subgraphServices["revenue-share"] as RevenueShareServices;
    expect(await revshare.scheduler.tick(new Date("2026-12-02T12:00:00Z"), ids.AGG2)).toBe(0);
    expect(await revshare.scheduler.tick(new Date("2027-01-02T12:00:00Z"), ids.AGG2)).toBe(1);
    const refused = await hub.query(`mutation($p: ID!) { setStatementStart(partnerId: $p, date: "2026-01-01") }`, { p: ids.AGG2 });
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
    const statements = await statementsOf("AGG2");
    expect(statements.map((s: any) => [s.firstDate, s.status])).toEqual([["2026-11-01", "DISPUTED"]]);
  });
});

function december() {
  return { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z"), firstDate: "2026-12-01", lastDate: "2026-12-31" };
}

async function revshareDrain() {
  const invoicing = hub.subgraphServices.invoicing as { statementPayables: { consumer: { drain(): Promise<number> } } };
  await invoicing.statementPayables.consumer.drain();
}

async function until<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
