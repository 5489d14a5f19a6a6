import { hashSecret, generateSecret, OperatorRole, PARTNER_KEY_PREFIX, rolesOf, signPrincipal, verifyPrincipal, PartnerScope, type Principal } from "../src/auth";

const operator: Principal = { kind: "operator", id: "o1", name: "noc", roles: [OperatorRole.OPERATOR] };

describe("signed principal", () => {
  it("round-trips with the right secret", () => {
    expect(verifyPrincipal(signPrincipal(operator, "s3cret"), "s3cret")).toEqual(operator);
  });
  it("refuses a wrong secret, a tampered body, and an expired header", () => {
    const header = signPrincipal(operator, "s3cret");
    expect(verifyPrincipal(header, "other")).toBeUndefined();
    const [v, body, sig] = header.split(".");
    const forged = Buffer.from(JSON.stringify({ principal: { ...operator, roles: ["ADMIN"] }, exp: 9e9 })).toString("base64url");
    expect(verifyPrincipal(`${v}.${forged}.${sig}`, "s3cret")).toBeUndefined();
    expect(verifyPrincipal(`${v}.${body}`, "s3cret")).toBeUndefined();
    expect(verifyPrincipal(signPrincipal(operator, "s3cret", 60, Date.now() - 120_000), "s3cret")).toBeUndefined();
    expect(verifyPrincipal(undefined, "s3cret")).toBeUndefined();
  });
});

describe("roles and scope", () => {
  it("lets stronger operator roles imply weaker ones", () => {
    expect([...rolesOf({ ...operator, roles: [OperatorRole.ADMIN] })].sort()).toEqual(["ADMIN", "OPERATOR", "VIEWER"]);
    expect([...rolesOf({ kind: "partner", partnerId: "p", credentialId: "c" })]).toEqual(["PARTNER"]);
  });
  it("pins partners to their own id", () => {
    const partner: Principal = { kind: "partner", partnerId: "p1", credentialId: "c" };
    expect(PartnerScope.of(partner).partnerFilter()).toBe("p1");
    expect(() => PartnerScope.of(partner).partnerFilter("p2")).toThrow(/own records/);
    expect(PartnerScope.of(operator).partnerFilter("p2")).toBe("p2");
  });
  it("generates distinct prefixed secrets and hashes them", () => {
    const a = generateSecret(PARTNER_KEY_PREFIX);
    expect(a.startsWith("isk_")).toBe(true);
    expect(a).not.toBe(generateSecret(PARTNER_KEY_PREFIX));
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
