import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { issueApiKey } from "./support/fixtures";
import { cardWithDeck, ok, order, routedPartner, routes, setPlan, until } from "./support/routing-world";

/**
 * Least-cost routing through the real gateway: decks imported through rating, partners and agreements through
 * partners, plans through routing; answers, plans, the LCR table and the CLI read back through the gateway.
 */
let hub: TestHub;
let sellCustomer: (code: string) => Promise<{ id: string; code: string }>;
let customer: { id: string; code: string };
let va: { id: string; code: string };
let vb: { id: string; code: string };
let vc: { id: string; code: string };
let customerKey: string;

const AT = "2026-11-20T10:00:00Z";
const UK_MOBILE = "+44 7712 345678";
const SELL = "44,United Kingdom,0.0500\n447,United Kingdom Mobile,0.0800\n33,France,0.0300\n49,Germany,0.0200";

beforeAll(async () => {
  // Rating publishes no event for exchange rates: routing reads them again this often.
  process.env.INTERSETTLE_ROUTING_FX_REFRESH_MS = "1000";
  hub = await startTestHub("routing");
  // One EUR vendor: its costs are converted at 1.1 USD per EUR.
  await ok(hub, `mutation { setExchangeRate(input: { base: "EUR", quote: "USD", rate: "1.1", effectiveDate: "2026-01-01" }) { id } }`);
  va = await routedPartner(hub, "RT_VA", ["VENDOR"]);
  vb = await routedPartner(hub, "RT_VB", ["VENDOR"]);
  vc = await routedPartner(hub, "RT_VC", ["VENDOR"], { currency: "EUR" });
  await cardWithDeck(hub, va.id, "BUY", "44,United Kingdom,0.0100\n447,United Kingdom Mobile,0.0600\n33,France,0.0250");
  // VB's cheapest UK rate is on 44; a UK mobile number is priced on its longer 4477.
  await cardWithDeck(hub, vb.id, "BUY", "4477,UK Mobile Special,0.0700\n44,United Kingdom,0.0080\n49,Germany,0.0210\n33,France,0.0250");
  await cardWithDeck(hub, vc.id, "BUY", "447,United Kingdom Mobile,0.0500\n44,United Kingdom,0.0100", { currency: "EUR" });
  sellCustomer = async (code: string) => {
    const partner = await routedPartner(hub, code, ["CUSTOMER"]);
    await cardWithDeck(hub, partner.id, "SELL", SELL);
    return partner;
  };
  customer = await sellCustomer("RT_CUST");
  customerKey = (await issueApiKey(hub, customer.id)).secret;
  await until(async () => order(await answer(customer.id, UK_MOBILE)).length === 3, 5000);
}, 120_000);
afterAll(() => hub?.stop());

async function answer(customerId: string, number: string, options: Parameters<typeof routes>[3] = {}) {
  const res = await routes(hub, customerId, number, { at: AT, ...options });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.routes;
}

it("prices each vendor on its longest matching prefix before ordering by cost, converted to the sell currency", async () => {
  const uk = await answer(customer.id, UK_MOBILE);
  expect(uk.digits).toBe("447712345678");
  expect(uk.sell).toEqual({ prefix: "447", destination: "United Kingdom Mobile", rate: "0.08", currency: "USD" });
  // VC 0.05 EUR = 0.055 USD on 447; VA 0.06 on 447; VB 0.07 on 4477 (its 0.008 on 44 is a shorter prefix, not used).
  expect(order(uk)).toEqual([vc.id, va.id, vb.id]);
  expect(uk.routes.map((r: any) => [r.prefix, r.rate, r.currency, r.cost, r.margin])).toEqual([
    ["447", "0.05", "EUR", "0.055", "0.025"],
    ["447", "0.06", "USD", "0.06", "0.02"],
    ["4477", "0.07", "USD", "0.07", "0.01"],
  ]);
  expect(uk.routes[0].vendor).toEqual({ id: vc.id });
  const fixed = await answer(customer.id, "+442079460000");
  expect(order(fixed)).toEqual([vb.id, va.id, vc.id]);
  expect(fixed.unroutable).toBeNull();
  expect(fixed.routable).toBe(true);
});

it("never routes at a loss: a vendor costing more than the sell rate is dropped with its reason", async () => {
  const de = await answer(customer.id, "+4915112345678");
  expect(de.routes).toEqual([]);
  expect(de.routable).toBe(false);
  expect(de.unroutable.reason).toBe("NO_ROUTES");
  const byVendor = Object.fromEntries(de.dropped.map((d: any) => [d.vendorId, d]));
  expect(byVendor[vb.id]).toMatchObject({ reason: "MARGIN_BELOW_MINIMUM" });
  expect(byVendor[vb.id].detail).toMatch(/0\.021.*0\.02/);
  expect(byVendor[va.id].reason).toBe("NO_RATE");
  // Without explain, no drops are listed.
  expect((await answer(customer.id, "+4915112345678", { explain: false })).dropped).toEqual([]);
});

it("protects a minimum margin, fixed or percent, an equal margin being allowed", async () => {
  const margined = await sellCustomer("RT_MARGIN");
  const plan = await setPlan(hub, { customerId: margined.id, minMargin: { kind: "FIXED", value: "0.02" } });
  let uk = await answer(margined.id, UK_MOBILE);
  // Sell 0.08 less 0.02: at most 0.06; VA's 0.06 leaves exactly the margin and stays.
  expect(order(uk)).toEqual([vc.id, va.id]);
  expect(uk.dropped).toEqual([expect.objectContaining({ vendorId: vb.id, reason: "MARGIN_BELOW_MINIMUM" })]);
  await setPlan(hub, { id: plan.id, customerId: margined.id, minMargin: { kind: "PERCENT", value: "31.25" } });
  uk = await answer(margined.id, UK_MOBILE);
  // 31.25 % of 0.08 is 0.025: at most 0.055, VC's converted cost exactly.
  expect(order(uk)).toEqual([vc.id]);
  expect(uk.dropped.map((d: any) => [d.vendorId, d.reason]).sort()).toEqual([[va.id, "MARGIN_BELOW_MINIMUM"], [vb.id, "MARGIN_BELOW_MINIMUM"]].sort());
  const plans = await ok(hub, `query($c: ID!) { routingPlans(customerId: $c) { id version minMarginKind minMarginValue customer { id } } }`, { c: margined.id });
  expect(plans.routingPlans).toEqual([{ id: plan.id, version: 2, minMarginKind: "PERCENT", minMarginValue: "31.25", customer: { id: margined.id } }]);
  const audit = await ok(hub, `query($id: ID) { auditTrail(filter: { entityType: ROUTING_PLAN, entityId: $id }) { edges { node { action } } } }`, { id: plan.id });
  expect(audit.auditTrail.edges.map((e: any) => e.node.action)).toEqual(["routing_plan.created", "routing_plan.updated"]);
});

it("shares load by weight among equal-cost routes under WEIGHTED", async () => {
  const weighted = await sellCustomer("RT_WEIGHTED");
  await setPlan(hub, { customerId: weighted.id, strategy: "WEIGHTED", vendors: [{ vendorId: va.id, weight: 3 }, { vendorId: vb.id, weight: 1 }] });
  const fr = await answer(weighted.id, "+33612345678");
  expect(fr.routes.map((r: any) => [r.vendorId, r.cost, r.weight, r.share])).toEqual([
    [va.id, "0.025", 3, "75"],
    [vb.id, "0.025", 1, "25"],
  ]);
});

it("applies per-prefix overrides: block, prefer and force a vendor", async () => {
  const overridden = await sellCustomer("RT_OVERRIDES");
  await setPlan(hub, {
    customerId: overridden.id,
    overrides: [
      { prefix: "447", vendorId: vc.id, action: "BLOCK" },
      { prefix: "4477", vendorId: vb.id, action: "PREFER" },
      { prefix: "33", vendorId: va.id, action: "FORCE" },
    ],
  });
  const uk = await answer(overridden.id, UK_MOBILE);
  expect(order(uk)).toEqual([vb.id, va.id]);
  expect(uk.routes[0].override).toBe("PREFER");
  expect(uk.dropped).toEqual([expect.objectContaining({ vendorId: vc.id, reason: "BLOCKED_BY_OVERRIDE" })]);
  const fr = await answer(overridden.id, "+33612345678");
  expect(order(fr)).toEqual([va.id]);
  expect(fr.dropped.map((d: any) => [d.vendorId, d.reason]).sort()).toEqual([[vb.id, "NOT_FORCED"], [vc.id, "NOT_FORCED"]].sort());
  // The plan's maximum caps the routes; the rest are explained.
  await ok(hub, `mutation($c: ID!) { setRoutingPlan(input: { customerId: $c, maxRoutes: 1, effectiveFrom: "2026-11-01T00:00:00Z" }) { id } }`, { c: overridden.id });
  const capped = await answer(overridden.id, "+442079460000");
  expect(order(capped)).toEqual([vb.id]);
  expect(capped.dropped.filter((d: any) => d.reason === "OVER_LIMIT").map((d: any) => d.vendorId)).toEqual([va.id, vc.id]);
});

it("takes the sell rate from the card the customer's price plan chooses: switching plans changes the answer", async () => {
  const planned = await sellCustomer("RT_PLANNED");
  const premium = await cardWithDeck(hub, planned.id, "SELL", "447,United Kingdom Mobile,0.0560", { name: "premium" });
  // The first card stays the default plan; the second governs from November 2026.
  await ok(hub, `mutation($i: SetPricePlanInput!) { setPricePlan(input: $i) { id } }`, {
    i: { partnerId: planned.id, direction: "SELL", service: "VOICE", rateCardId: premium, effectiveFrom: "2026-11-01T00:00:00Z" },
  });
  await until(async () => (await answer(planned.id, UK_MOBILE)).sell?.rate === "0.056", 3000);
  const switched = await answer(planned.id, UK_MOBILE);
  expect(order(switched)).toEqual([vc.id]);
  expect(switched.dropped.map((d: any) => d.reason)).toEqual(["MARGIN_BELOW_MINIMUM", "MARGIN_BELOW_MINIMUM"]);
  // Before the switch the first card still prices the call.
  const october = await answer(planned.id, UK_MOBILE, { at: "2026-10-15T00:00:00Z" });
  expect(october.sell.rate).toBe("0.08");
  expect(order(october)).toEqual([vc.id, va.id, vb.id]);
});

it("answers bad input clearly: no digits, an unknown customer, no rate in force, a bound out of range", async () => {
  const none = await answer(customer.id, "call me");
  expect(none).toMatchObject({ routable: false, routes: [], unroutable: { reason: "NO_DIGITS" } });
  const unknown = await routes(hub, "0190a000-0000-7000-8000-000000000000", UK_MOBILE);
  expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  const early = await answer(customer.id, UK_MOBILE, { at: "2025-06-01T00:00:00Z" });
  expect(early).toMatchObject({ sell: null, routes: [], unroutable: { reason: "NO_SELL_RATE" } });
  const limit = await routes(hub, customer.id, UK_MOBILE, { limit: 0 });
  expect(limit.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "limit" });
  const long = await routes(hub, customer.id, "1".repeat(300));
  expect(long.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "number" });
});

it("refuses a plan breaking its rules, naming every field", async () => {
  const res = await hub.query(`mutation($i: SetRoutingPlanInput!) { setRoutingPlan(input: $i) { id } }`, {
    i: {
      customerId: customer.id,
      effectiveFrom: "2026-01-01T00:00:00Z",
      effectiveTo: "2025-01-01T00:00:00Z",
      maxRoutes: 0,
      minMargin: { kind: "PERCENT", value: "150" },
      qualityFloor: { minAsr: "120", minCalls: 0 },
      vendors: [{ vendorId: va.id, weight: -1 }, { vendorId: "0190a000-0000-7000-8000-000000000000" }],
      overrides: [{ prefix: "44a", vendorId: vb.id, action: "BLOCK" }],
    },
  });
  expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  const fields = (res.errors?.[0].extensions?.problems as Array<{ field: string }>).map((p) => p.field);
  expect(fields).toEqual(expect.arrayContaining(["maxRoutes", "minMargin.value", "qualityFloor.minAsr", "qualityFloor.minCalls", "vendors.0.weight", "vendors.1.vendorId", "overrides.0.prefix", "effectiveTo"]));
  const unknownCustomer = await hub.query(`mutation { setRoutingPlan(input: { customerId: "0190a000-0000-7000-8000-000000000000", effectiveFrom: "2026-01-01T00:00:00Z" }) { id } }`);
  expect(unknownCustomer.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "customerId" });
});

it("ends a plan at an instant: calls after it follow the defaults again", async () => {
  const ending = await sellCustomer("RT_ENDING");
  const plan = await setPlan(hub, { customerId: ending.id, minMargin: { kind: "FIXED", value: "0.05" } });
  expect((await answer(ending.id, UK_MOBILE)).routes).toEqual([]);
  const early = await hub.query(`mutation($id: ID!) { endRoutingPlan(id: $id, at: "2025-01-01T00:00:00Z") { id } }`, { id: plan.id });
  expect(early.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "at" });
  const ended = await ok(hub, `mutation($id: ID!) { endRoutingPlan(id: $id, at: "2026-11-01T00:00:00Z") { effectiveTo version } }`, { id: plan.id });
  expect(ended.endRoutingPlan).toEqual({ effectiveTo: "2026-11-01T00:00:00.000Z", version: 2 });
  expect(order(await answer(ending.id, UK_MOBILE))).toEqual([vc.id, va.id, vb.id]);
  expect(order(await answer(ending.id, UK_MOBILE, { at: "2026-10-01T00:00:00Z" }))).toEqual([]);
});

it("simulates a draft plan without saving it", async () => {
  const res = await ok(hub, `query($c: ID!, $p: RoutingPlanInput) { simulateRoutes(customerId: $c, numbers: ["+447712345678", "+442079460000", "x"], at: "${AT}", plan: $p) { number routable routes { vendorId } dropped { vendorId reason } } }`, {
    c: customer.id,
    p: { minMargin: { kind: "FIXED", value: "0.02" }, maxRoutes: 2 },
  });
  expect(res.simulateRoutes.map((a: any) => [a.number, a.routable, a.routes.map((r: any) => r.vendorId)])).toEqual([
    ["+447712345678", true, [vc.id, va.id]],
    ["+442079460000", true, [vb.id, va.id]],
    ["x", false, []],
  ]);
  // Nothing was saved: the customer still has no plan and the live answer is unchanged.
  expect((await ok(hub, `query($c: ID!) { routingPlans(customerId: $c) { id } }`, { c: customer.id })).routingPlans).toEqual([]);
  expect(order(await answer(customer.id, UK_MOBILE))).toEqual([vc.id, va.id, vb.id]);
  const tooMany = await hub.query(`query($c: ID!, $n: [String!]!) { simulateRoutes(customerId: $c, numbers: $n) { number } }`, { c: customer.id, n: Array(1001).fill("44") });
  expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "numbers" });
  const badDraft = await hub.query(`query($c: ID!) { simulateRoutes(customerId: $c, numbers: ["44"], plan: { maxRoutes: 99 }) { number } }`, { c: customer.id });
  expect(badDraft.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "plan.maxRoutes" });
});

it("shows a partner only what its own calls cost it, and another customer's routes not at all", async () => {
  const own = await answer(customer.id, UK_MOBILE, { as: customerKey });
  expect(own).toEqual({
    customerId: customer.id, number: UK_MOBILE, digits: "447712345678", routable: true,
    sell: { prefix: "447", destination: "United Kingdom Mobile", rate: "0.08", currency: "USD" },
    routes: [], dropped: [], unroutable: null,
  });
  const text = JSON.stringify(own);
  for (const vendor of [va, vb, vc]) expect(text).not.toContain(vendor.id);
  const unroutable = await answer(customer.id, "+4915112345678", { as: customerKey });
  expect(unroutable.unroutable).toEqual({ reason: "NO_ROUTES", detail: "no route is available for this number" });
  const other = await sellCustomer("RT_OTHER");
  const refused = await routes(hub, other.id, UK_MOBILE, { as: customerKey });
  const unknown = await routes(hub, "0190a000-0000-7000-8000-000000000000", UK_MOBILE, { as: customerKey });
  expect(refused.data?.routes).toBeFalsy();
  expect(refused.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect(unknown.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect(refused.errors?.[0].message.replace(other.id, "ID")).toBe(unknown.errors?.[0].message.replace("0190a000-0000-7000-8000-000000000000", "ID"));
  const simulated = await hub.query(`query($c: ID!) { simulateRoutes(customerId: $c, numbers: ["${UK_MOBILE}"]) { routable routes { vendorId } dropped { vendorId } } }`, { c: customer.id }, customerKey);
  expect(simulated.data.simulateRoutes).toEqual([{ routable: true, routes: [], dropped: [] }]);
  const draft = await hub.query(`query($c: ID!) { simulateRoutes(customerId: $c, numbers: ["44"], plan: { maxRoutes: 1 }) { routable } }`, { c: customer.id }, customerKey);
  expect(draft.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect((await hub.query(`query($c: ID!) { routingPlans(customerId: $c) { id } }`, { c: customer.id }, customerKey)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

describe("the LCR table", () => {
  const download = (customerId: string, query: string, token = ADMIN_TOKEN) => fetch(`${hub.url.replace(/\/graphql$/, "")}/files/routing/lcr-table/${customerId}?${query}`, { headers: { authorization: `Bearer ${token}` } });

  it("streams a customer's table for an operator: per prefix, the sell rate and each ranked vendor", async () => {
    const res = await download(customer.id, `at=${AT}&routes=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment/);
    const rows = Papa.parse<string[]>((await res.text()).trim()).data;
    expect(rows[0]).toEqual(["prefix", "destination", "sell_rate", "currency", "vendor_1", "rate_1", "currency_1", "cost_1", "vendor_2", "rate_2", "currency_2", "cost_2", "vendor_3", "rate_3", "currency_3", "cost_3"]);
    const byPrefix = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    // A row is named by the card holding its exact prefix (4477: VB's), priced on the sell card's longest match.
    expect(Object.keys(byPrefix).sort()).toEqual(["33", "44", "447", "4477", "49"]);
    expect(byPrefix["4477"]).toEqual(["4477", "UK Mobile Special", "0.08", "USD", "RT_VC", "0.05", "EUR", "0.055", "RT_VA", "0.06", "USD", "0.06", "RT_VB", "0.07", "USD", "0.07"]);
    expect(byPrefix["49"].slice(0, 5)).toEqual(["49", "Germany", "0.02", "USD", ""]);
  });

  it("gives a partner its own prefixes and sell rates only, and no other customer's table", async () => {
    const own = await download(customer.id, `at=${AT}`, customerKey);
    expect(own.status).toBe(200);
    const rows = Papa.parse<string[]>((await own.text()).trim()).data;
    expect(rows[0]).toEqual(["prefix", "destination", "sell_rate", "currency"]);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(["33", "44", "447", "49"]);
    const other = await sellCustomer("RT_OTHER_LCR");
    const refused = await download(other.id, `at=${AT}`, customerKey);
    expect(refused.status).toBe(404);
    expect((await refused.json()).errors[0].extensions.code).toBe("NOT_FOUND");
    const bad = await download(customer.id, "at=yesterday");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "at" });
  });
});

describe("the intersettle CLI", () => {
  // Run asynchronously: the hub answering the CLI lives in this process.
  const cli = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.resolve(__dirname, "../dist/cli/main.js"), "--url", hub.url, "--token", ADMIN_TOKEN, "routes", ...args], (err, stdout, stderr) =>
        resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("looks a number up by the customer's code and prints the routes and the drops", async () => {
    const run = await cli("lookup", "RT_CUST", UK_MOBILE, "--at", AT, "--explain");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("RT_CUST → +44 7712 345678 (digits 447712345678): sell 0.08 USD (447 United Kingdom Mobile)");
    const table = run.stdout.split("\n");
    const line = (code: string) => table.findIndex((l) => l.includes(code));
    expect(line("RT_VC")).toBeGreaterThan(0);
    expect(line("RT_VC")).toBeLessThan(line("RT_VA"));
    expect(line("RT_VA")).toBeLessThan(line("RT_VB"));
    const failed = await cli("lookup", "NO_SUCH_CUSTOMER", "44");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/NOT_FOUND/);
  });

  it("exports the LCR table to a file, streamed (with a progress bar on a terminal)", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lcr-")), "lcr.csv");
    const run = await cli("export", "RT_CUST", "--at", AT, "--routes", "2", "--out", out);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("RT_CUST: 5 prefixes");
    const rows = Papa.parse<string[]>(fs.readFileSync(out, "utf8").trim()).data;
    expect(rows).toHaveLength(6);
    expect(rows[0]).toHaveLength(12);
  });
});
