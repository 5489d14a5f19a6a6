import { graphqlAudience, uploadAudience, hashSecret, generateSecret, OperatorRole, PARTNER_KEY_PREFIX, rolesOf, signPrincipal, verifyPrincipal, VerifiedPrincipals, PartnerScope, type Principal } from "../src/auth";

const AUD = graphqlAudience("rating");
const operator: Principal = { kind: "operator", id: "o1", name: "noc", roles: [OperatorRole.OPERATOR] };

describe("signed principal", () => {
  it("round-trips with the right secret", () => {
    expect(verifyPrincipal(signPrincipal(operator, "s3cret", { audience: AUD }), "s3cret", AUD)).toEqual(operator);
  });
  it("is good only for the audience it was signed for", () => {
    const upload = signPrincipal(operator, "s3cret", { audience: uploadAudience("rating", "cdrs") });
    expect(verifyPrincipal(upload, "s3cret", uploadAudience("rating", "cdrs"))).toEqual(operator);
    expect(verifyPrincipal(upload, "s3cret", graphqlAudience("rating"))).toBeUndefined();
    expect(verifyPrincipal(upload, "s3cret", uploadAudience("rating", "rate-decks"))).toBeUndefined();
    expect(verifyPrincipal(signPrincipal(operator, "s3cret", { audience: AUD }), "s3cret", graphqlAudience("partners"))).toBeUndefined();
  });
  it("refuses a wrong secret, a tampered body, and an expired header", () => {
    const header = signPrincipal(operator, "s3cret", { audience: AUD });
    expect(verifyPrincipal(header, "other", AUD)).toBeUndefined();
    const [v, body, sig] = header.split(".");
    const forged = Buffer.from(JSON.stringify({ principal: { ...operator, roles: ["ADMIN"] }, aud: AUD, exp: 9e9 })).toString("base64url");
    expect(verifyPrincipal(`${v}.${forged}.${sig}`, "s3cret", AUD)).toBeUndefined();
    expect(verifyPrincipal(`${v}.${body}`, "s3cret", AUD)).toBeUndefined();
    expect(verifyPrincipal(signPrincipal(operator, "s3cret", { audience: AUD, ttlSeconds: 60, now: Date.now() - 120_000 }), "s3cret", AUD)).toBeUndefined();
    expect(verifyPrincipal(undefined, "s3cret", AUD)).toBeUndefined();
  });
});

describe("remembered verifications", () => {
  it("answers a header again without verifying it, until its expiry, and keeps nothing that failed", () => {
    const verified = new VerifiedPrincipals("s3cret", AUD);
    const now = Date.now();
    const header = signPrincipal(operator, "s3cret", { audience: AUD, ttlSeconds: 60, now });
    expect(verified.verify(header, now)).toEqual(operator);
    expect(verified.verify(header, now + 59_000)).toEqual(operator);
    expect(verified.verify(header, now + 61_000)).toBeUndefined();
    const other = signPrincipal(operator, "s3cret", { audience: graphqlAudience("partners") });
    expect(verified.verify(other)).toBeUndefined();
    const [v, , sig] = header.split(".");
    const forged = Buffer.from(JSON.stringify({ principal: { ...operator, roles: ["ADMIN"] }, aud: AUD, exp: 9e9 })).toString("base64url");
    expect(verified.verify(`${v}.${forged}.${sig}`)).toBeUndefined();
    expect(verified.verify(`${v}.${forged}.${sig}`)).toBeUndefined();
    expect(verified.verify(undefined)).toBeUndefined();
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
