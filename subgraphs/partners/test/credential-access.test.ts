import { credentialAccess, expiryAfterRotation, expiryProblems, overlapProblems } from "../src/domain/credential-access";
import { PartnerStatus } from "../src/domain/partner-profile";

const now = new Date("2026-03-01T12:00:00Z");
const live = { revokedAt: null, expiresAt: null };

describe("credentialAccess", () => {
  it("refuses revoked keys and keys whose expiry has come", () => {
    expect(credentialAccess(live, now)).toBe("full");
    expect(credentialAccess({ ...live, revokedAt: new Date("2026-02-01T00:00:00Z") }, now)).toBe("refused");
    expect(credentialAccess({ ...live, expiresAt: now }, now)).toBe("refused");
    expect(credentialAccess({ ...live, expiresAt: new Date(now.getTime() + 1) }, now)).toBe("full");
  });

  it("follows the partner's status: blocked for credit reads, suspended or terminated is shut out", () => {
    expect(credentialAccess(live, now, PartnerStatus.ACTIVE)).toBe("full");
    expect(credentialAccess(live, now, PartnerStatus.BLOCKED)).toBe("read-only");
    expect(credentialAccess(live, now, PartnerStatus.SUSPENDED)).toBe("refused");
    expect(credentialAccess(live, now, PartnerStatus.TERMINATED)).toBe("refused");
    expect(credentialAccess({ ...live, expiresAt: now }, now, PartnerStatus.BLOCKED)).toBe("refused");
  });
});

describe("expiry and rotation", () => {
  it("wants an expiry in the future", () => {
    expect(expiryProblems(null, now)).toEqual([]);
    expect(expiryProblems(new Date(now.getTime() + 1000), now)).toEqual([]);
    expect(expiryProblems(now, now)).toEqual([{ field: "expiresAt", message: "must be in the future" }]);
  });

  it("bounds the overlap to whole hours from 0 to 720", () => {
    expect(overlapProblems(0)).toEqual([]);
    expect(overlapProblems(720)).toEqual([]);
    expect(overlapProblems(-1)).toHaveLength(1);
    expect(overlapProblems(721)).toHaveLength(1);
  });

  it("ends the old key after the overlap, never later than it would have ended anyway", () => {
    expect(expiryAfterRotation(null, now, 0)).toEqual(now);
    expect(expiryAfterRotation(null, now, 24)).toEqual(new Date("2026-03-02T12:00:00Z"));
    const soon = new Date("2026-03-01T13:00:00Z");
    expect(expiryAfterRotation(soon, now, 24)).toEqual(soon);
    expect(expiryAfterRotation(new Date("2026-04-01T00:00:00Z"), now, 24)).toEqual(new Date("2026-03-02T12:00:00Z"));
  });
});
