import { errorCodes } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, partnerInput, PARTNER_FIELDS } from "./support/fixtures";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub("partners");
});
afterAll(() => hub?.stop());

const CREATE = `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { ${PARTNER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePartnerInput!, $v: Int) { updatePartner(id: $id, input: $input, expectedVersion: $v) { ${PARTNER_FIELDS} } }`;
const COUNT = `{ partners(first: 500) { totalCount } auditTrail(first: 500) { totalCount } }`;

describe("operator manages partners", () => {
  it("creates a partner with settings and contacts, and reads it back by id and code", async () => {
    const created = await createPartner(hub, "TELCO_UK", {
      billingCycle: "SEMI_MONTHLY",
      taxRatePercent: "20",
      rounding: { decimals: 2, mode: "HALF_EVEN", scope: "PER_CDR" },
      credit: { mode: "PREPAID", limit: "25000.50", warningPercent: 75 },
      contacts: [{ name: "Billing desk", role: "BILLING", email: "billing@telco.example" }],
    });
    expect(created).toMatchObject({
      code: "TELCO_UK",
      status: "ACTIVE",
      version: 1,
      billingCycle: "SEMI_MONTHLY",
      taxRatePercent: "20",
      rounding: { decimals: 2, mode: "HALF_EVEN", scope: "PER_CDR" },
      credit: { mode: "PREPAID", limit: "25000.5", warningPercent: 75 },
      contacts: [{ name: "Billing desk", role: "BILLING", email: "billing@telco.example", phone: null }],
    });
    const byId = await hub.query(`query($id: ID!) { partner(id: $id) { code } partnerByCode(code: "TELCO_UK") { id } }`, { id: created.id });
    expect(byId.data).toEqual({ partner: { code: "TELCO_UK" }, partnerByCode: { id: created.id } });
  });

  it("updates only the given fields, guards against lost updates, and audits before and after", async () => {
    const p = await createPartner(hub, "MOBI_IN", { currency: "INR", timezone: "Asia/Kolkata" });
    const updated = await hub.query(UPDATE, { id: p.id, v: 1, input: { legalName: "Mobi India Pvt Ltd", credit: { limit: "100000" } } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updatePartner).toMatchObject({ legalName: "Mobi India Pvt Ltd", currency: "INR", version: 2, credit: { limit: "100000", mode: "POSTPAID" } });

    const stale = await hub.query(UPDATE, { id: p.id, v: 1, input: { legalName: "Lost update" } });
    expect(errorCodes(stale)).toEqual(["CONFLICT"]);

    const audit = await hub.query(`query($id: ID!) { auditTrail(filter: { entityId: $id }) { edges { node { action actor changedFields before after } } } }`, { id: p.id });
    const entries = audit.data.auditTrail.edges.map((e: any) => e.node);
    expect(entries.map((e: any) => e.action)).toEqual(["partner.created", "partner.updated"]);
    expect(entries[1].actor).toBe("operator:admin (INTERSETTLE_ADMIN_TOKEN)");
    expect(entries[1].changedFields).toEqual(["credit", "legalName", "version"]);
    expect(entries[1].before.legalName).toBe("MOBI_IN Telecom Ltd");
    expect(entries[1].after.legalName).toBe("Mobi India Pvt Ltd");
  });

  it.each([
    ["currency", { currency: "XYZ" }, /currency: 'XYZ' is not an ISO 4217 currency code/],
    ["timezone", { timezone: "Mars/Olympus" }, /timezone: 'Mars\/Olympus' is not an IANA timezone/],
    ["code", { code: "bad code!" }, /code: 'bad code!' must be 2-32 upper-case/],
    ["contacts.0.email", { contacts: [{ name: "X", role: "NOC", email: "not-an-email" }] }, /contacts.0.email/],
    ["taxRatePercent", { taxRatePercent: "120" }, /taxRatePercent/],
  ])("rejects an invalid %s with BAD_USER_INPUT and writes nothing", async (field, override, message) => {
    const before = await hub.query(COUNT);
    const res = await hub.query(CREATE, { input: { ...partnerInput("VALID_CODE"), ...override } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.field).toBe(field);
    expect(res.errors![0].message).toMatch(message);
    expect((await hub.query(COUNT)).data).toEqual(before.data);
  });

  it("rejects an invalid update without changing the partner", async () => {
    const p = await createPartner(hub, "KEEP_ME");
    const res = await hub.query(UPDATE, { id: p.id, input: { currency: "EURO", timezone: "Nowhere" } });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.problems.map((x: any) => x.field)).toEqual(["currency", "timezone"]);
    const after = await hub.query(`query($id: ID!) { partner(id: $id) { currency timezone version } }`, { id: p.id });
    expect(after.data.partner).toEqual({ currency: "USD", timezone: "Europe/London", version: 1 });
  });

  it("refuses a duplicate code with CONFLICT", async () => {
    await createPartner(hub, "DUP_CO");
    const res = await hub.query(CREATE, { input: partnerInput("DUP_CO") });
    expect(errorCodes(res)).toEqual(["CONFLICT"]);
  });

  it("requires a reason to block, and records status changes", async () => {
    const p = await createPartner(hub, "RISKY");
    const set = `mutation($id: ID!, $s: PartnerStatus!, $r: String) { setPartnerStatus(id: $id, status: $s, reason: $r) { status statusReason } }`;
    expect(errorCodes(await hub.query(set, { id: p.id, s: "BLOCKED" }))).toEqual(["BAD_USER_INPUT"]);
    const blocked = await hub.query(set, { id: p.id, s: "BLOCKED", r: "Credit limit breached" });
    expect(blocked.data.setPartnerStatus).toEqual({ status: "BLOCKED", statusReason: "Credit limit breached" });
    const list = await hub.query(`{ partners(filter: { status: BLOCKED }) { edges { node { code } } } }`);
    expect(list.data.partners.edges.map((e: any) => e.node.code)).toEqual(["RISKY"]);
  });

  it("pages through partners with stable cursors", async () => {
    for (const code of ["PAGE_A", "PAGE_B", "PAGE_C", "PAGE_D", "PAGE_E"]) await createPartner(hub, code, { types: ["AGGREGATOR"] });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await hub.query(`query($after: String) { partners(first: 2, after: $after, filter: { type: AGGREGATOR }) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(res.data.partners.totalCount).toBe(5);
      seen.push(...res.data.partners.edges.map((e: any) => e.node.code));
      if (!res.data.partners.pageInfo.hasNextPage) break;
      after = res.data.partners.pageInfo.endCursor;
    }
    expect(seen).toEqual(["PAGE_A", "PAGE_B", "PAGE_C", "PAGE_D", "PAGE_E"]);
    expect(errorCodes(await hub.query(`{ partners(first: 2, after: "garbage") { totalCount } }`))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("agreements", () => {
  const CREATE_AGREEMENT = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id reference type services validFrom validTo status tolerancePercent toleranceAmount version partner { code } } }`;

  it("creates, updates and filters agreements of a partner", async () => {
    const p = await createPartner(hub, "AGR_CO");
    const created = await hub.query(CREATE_AGREEMENT, {
      input: { partnerId: p.id, reference: "AGR-2026-001", type: "BILATERAL", services: ["VOICE", "SMS"], validFrom: "2026-01-01", status: "ACTIVE", tolerancePercent: "0.5", toleranceAmount: "25", terms: "Net 30, disputes within 15 days" },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createAgreement).toMatchObject({ reference: "AGR-2026-001", tolerancePercent: "0.5", validTo: null, version: 1, partner: { code: "AGR_CO" } });
    const id = created.data.createAgreement.id;
    const updated = await hub.query(`mutation($id: ID!) { updateAgreement(id: $id, input: { validTo: "2026-12-31", status: SUSPENDED }) { validTo status version } }`, { id });
    expect(updated.data.updateAgreement).toEqual({ validTo: "2026-12-31", status: "SUSPENDED", version: 2 });
    const filtered = await hub.query(`query($p: ID!) { active: agreements(filter: { partnerId: $p, activeOn: "2027-01-15" }) { totalCount } inForce: agreements(filter: { partnerId: $p, activeOn: "2026-06-01", service: SMS }) { totalCount } partner(id: $p) { agreements { totalCount } } }`, { p: p.id });
    expect(filtered.data).toEqual({ active: { totalCount: 0 }, inForce: { totalCount: 1 }, partner: { agreements: { totalCount: 1 } } });
  });

  it("rejects bad dates and an end before the start", async () => {
    const p = await createPartner(hub, "AGR_BAD");
    const base = { partnerId: p.id, reference: "X-1", type: "TRANSIT", services: ["VOICE"], validFrom: "2026-02-30" };
    const bad = await hub.query(CREATE_AGREEMENT, { input: base });
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "validFrom" });
    const reversed = await hub.query(CREATE_AGREEMENT, { input: { ...base, validFrom: "2026-03-01", validTo: "2026-02-01" } });
    expect(reversed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "validTo" });
    const unknown = await hub.query(CREATE_AGREEMENT, { input: { ...base, validFrom: "2026-03-01", partnerId: "00000000-0000-0000-0000-000000000000" } });
    expect(errorCodes(unknown)).toEqual(["NOT_FOUND"]);
  });
});

describe("operator tokens and roles", () => {
  it("lets ADMIN issue a VIEWER token that can read but not write", async () => {
    const issued = await hub.query(`mutation { createOperatorToken(name: "auditor", roles: [VIEWER]) { secret token { id name roles } } }`);
    const viewer = issued.data.createOperatorToken.secret;
    expect(viewer).toMatch(/^iso_/);
    expect((await hub.query(`{ viewer { kind name roles } }`, {}, viewer)).data.viewer).toEqual({ kind: "OPERATOR", name: "auditor", roles: ["VIEWER"] });
    expect((await hub.query(`{ partners { totalCount } }`, {}, viewer)).errors).toBeUndefined();
    expect(errorCodes(await hub.query(CREATE, { input: partnerInput("VIEWER_TRY") }, viewer))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await hub.query(`{ operatorTokens { totalCount } }`, {}, viewer))).toEqual(["FORBIDDEN"]);

    await hub.query(`mutation($id: ID!) { revokeOperatorToken(id: $id) { revokedAt } }`, { id: issued.data.createOperatorToken.token.id });
    expect((await hub.query(`{ viewer { kind } }`, {}, viewer)).status).toBe(401);
  });
});
