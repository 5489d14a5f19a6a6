import { Decimal, RoundingMode } from "@intersettle/shared";
import {
  BillingCycle,
  ContactRole,
  CreditMode,
  PartnerRole,
  partnerProfileProblems,
  PartnerStatus,
  PartnerType,
  RoundingScope,
  statusChangeProblems,
  type PartnerProfileFields,
} from "../src/domain/partner-profile";
import { agreementProblems, AgreementStatus, AgreementType, isIsoDate, ServiceType } from "../src/domain/agreement-terms";
import { changedFields } from "@intersettle/shared";

const valid: PartnerProfileFields = {
  code: "TELCO_UK",
  legalName: "Telco UK Ltd",
  types: [PartnerType.CARRIER],
  roles: [PartnerRole.CUSTOMER],
  currency: "GBP",
  timezone: "Europe/London",
  billingCycle: BillingCycle.MONTHLY,
  paymentTermsDays: 30,
  taxRatePercent: new Decimal(20),
  roundingDecimals: 4,
  roundingMode: RoundingMode.HALF_UP,
  roundingScope: RoundingScope.PER_CDR,
  creditMode: CreditMode.POSTPAID,
  creditLimit: new Decimal("10000"),
  creditWarningPercent: 80,
  contacts: [{ name: "NOC", role: ContactRole.NOC, phone: "+44 20 7946 0000" }],
};

const fields = (overrides: Partial<PartnerProfileFields>) => partnerProfileProblems({ ...valid, ...overrides }).map((p) => p.field);

describe("partner profile validation", () => {
  it("accepts a complete profile", () => {
    expect(partnerProfileProblems(valid)).toEqual([]);
  });
  it("names every invalid field at once", () => {
    expect(fields({ currency: "EURO", timezone: "GMT+1", code: "x", roles: [], paymentTermsDays: -1 })).toEqual(["code", "roles", "currency", "timezone", "paymentTermsDays"]);
    expect(fields({ creditLimit: new Decimal(-1), creditWarningPercent: 0, roundingDecimals: 9, taxRatePercent: new Decimal("100.01") })).toEqual([
      "taxRatePercent",
      "roundingDecimals",
      "creditLimit",
      "creditWarningPercent",
    ]);
  });
  it("checks each contact", () => {
    expect(fields({ contacts: [{ name: "", role: ContactRole.BILLING, email: "a@b.co" }, { name: "X", role: ContactRole.NOC }] })).toEqual(["contacts.0.name", "contacts.1"]);
  });
  it("on update checks only what is given", () => {
    expect(partnerProfileProblems({ legalName: "New name" }, true)).toEqual([]);
    expect(partnerProfileProblems({}, false).map((p) => p.field)).toContain("currency");
  });
  it("needs a reason to suspend or block, not to reactivate", () => {
    expect(statusChangeProblems(PartnerStatus.BLOCKED, " ")).toEqual([{ field: "reason", message: "is required to set status BLOCKED" }]);
    expect(statusChangeProblems(PartnerStatus.ACTIVE, null)).toEqual([]);
  });
});

describe("agreement validation", () => {
  const agreement = {
    reference: "AGR-1",
    type: AgreementType.HUBBING,
    services: [ServiceType.VOICE],
    validFrom: "2026-01-01",
    status: AgreementStatus.ACTIVE,
    tolerancePercent: new Decimal("0.5"),
    toleranceAmount: new Decimal(10),
  };
  it("knows real calendar dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
  });
  it("checks the end against the stored start on a partial update", () => {
    expect(agreementProblems(agreement)).toEqual([]);
    expect(agreementProblems({ validTo: "2025-12-31" }, true, agreement).map((p) => p.field)).toEqual(["validTo"]);
    expect(agreementProblems({ tolerancePercent: new Decimal(101), services: [] }, true).map((p) => p.field)).toEqual(["services", "tolerancePercent"]);
  });
});

describe("audit diff", () => {
  it("lists changed top-level fields, nested values compared whole", () => {
    expect(changedFields({ a: 1, b: { c: 1 }, d: 1 }, { a: 1, b: { c: 2 }, e: 1 })).toEqual(["b", "d", "e"]);
    expect(changedFields(null, { a: 1 })).toEqual(["a"]);
  });
});
