import type { FieldProblem } from "@intersettle/shared";
import { currencyProblem, Decimal, timezoneProblem, RoundingMode, RoundingScope } from "@intersettle/shared";

export enum PartnerType {
  CARRIER = "CARRIER",
  CONTENT_PROVIDER = "CONTENT_PROVIDER",
  AGGREGATOR = "AGGREGATOR",
  MVNO = "MVNO",
  PLATFORM_ENABLER = "PLATFORM_ENABLER",
  ROAMING_PARTNER = "ROAMING_PARTNER",
}

/** CUSTOMER: we bill the partner. VENDOR: the partner bills us. A carrier is often both. */
export enum PartnerRole {
  CUSTOMER = "CUSTOMER",
  VENDOR = "VENDOR",
}

export enum BillingCycle {
  DAILY = "DAILY",
  WEEKLY = "WEEKLY",
  SEMI_MONTHLY = "SEMI_MONTHLY",
  MONTHLY = "MONTHLY",
}

export { RoundingScope };

export enum CreditMode {
  PREPAID = "PREPAID",
  POSTPAID = "POSTPAID",
}

/** BLOCKED is set for credit (the partner keeps read-only access); SUSPENDED and TERMINATED shut its keys out. */
export enum PartnerStatus {
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  BLOCKED = "BLOCKED",
  TERMINATED = "TERMINATED",
}

export enum ContactRole {
  BILLING = "BILLING",
  TECHNICAL = "TECHNICAL",
  COMMERCIAL = "COMMERCIAL",
  NOC = "NOC",
  FRAUD = "FRAUD",
  DISPUTES = "DISPUTES",
}

export interface ContactFields {
  name: string;
  email?: string | null;
  phone?: string | null;
  role: ContactRole;
}

/** The partner fields an operator sets; on update every field is optional. */
export interface PartnerProfileFields {
  code: string;
  legalName: string;
  types: PartnerType[];
  roles: PartnerRole[];
  currency: string;
  timezone: string;
  billingCycle: BillingCycle;
  paymentTermsDays: number;
  taxRatePercent: Decimal;
  roundingDecimals: number;
  roundingMode: RoundingMode;
  roundingScope: RoundingScope;
  creditMode: CreditMode;
  creditLimit: Decimal;
  creditWarningPercent: number;
  contacts: ContactFields[];
}

export const PARTNER_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,20}$/;

/** Every problem with a partner profile, each naming its field. With `partial`, absent fields are not required. */
export function partnerProfileProblems(fields: Partial<PartnerProfileFields>, partial = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = <K extends keyof PartnerProfileFields>(field: K, test: (value: PartnerProfileFields[K]) => string | undefined) => {
    const value = fields[field];
    if (value === undefined || value === null) {
      if (!partial) problems.push({ field, message: "is required" });
      return;
    }
    const message = test(value as PartnerProfileFields[K]);
    if (message) problems.push({ field, message });
  };
  check("code", (v) => (PARTNER_CODE.test(v) ? undefined : `'${v}' must be 2-32 upper-case letters, digits, '-' or '_', starting with a letter or digit`));
  check("legalName", (v) => (v.trim().length === 0 ? "must not be empty" : v.length > 200 ? "must be at most 200 characters" : undefined));
  check("types", (v) => (v.length === 0 ? "must name at least one partner type" : undefined));
  check("roles", (v) => (v.length === 0 ? "must include CUSTOMER, VENDOR or both" : undefined));
  check("currency", currencyProblem);
  check("timezone", timezoneProblem);
  check("billingCycle", () => undefined);
  check("paymentTermsDays", (v) => (Number.isInteger(v) && v >= 0 && v <= 365 ? undefined : "must be a whole number of days from 0 to 365"));
  check("taxRatePercent", (v) => decimalInRange(v, "0", "100", "a percentage from 0 to 100"));
  check("roundingDecimals", (v) => (Number.isInteger(v) && v >= 0 && v <= 8 ? undefined : "must be from 0 to 8"));
  check("roundingMode", () => undefined);
  check("roundingScope", () => undefined);
  check("creditMode", () => undefined);
  check("creditLimit", (v) => decimalInRange(v, "0", undefined, "an amount of 0 or more"));
  check("creditWarningPercent", (v) => (Number.isInteger(v) && v >= 1 && v <= 100 ? undefined : "must be a whole percentage from 1 to 100"));
  if (fields.contacts) problems.push(...contactProblems(fields.contacts));
  return problems;
}

function contactProblems(contacts: ContactFields[]): FieldProblem[] {
  return contacts.flatMap((c, i) => {
    const problems: FieldProblem[] = [];
    if (!c.name?.trim()) problems.push({ field: `contacts.${i}.name`, message: "must not be empty" });
    if (c.email && !EMAIL.test(c.email)) problems.push({ field: `contacts.${i}.email`, message: `'${c.email}' is not an e-mail address` });
    if (c.phone && !PHONE.test(c.phone)) problems.push({ field: `contacts.${i}.phone`, message: `'${c.phone}' is not a phone number` });
    if (!c.email && !c.phone) problems.push({ field: `contacts.${i}`, message: "needs an e-mail address or a phone number" });
    return problems;
  });
}

function decimalInRange(value: Decimal, min: string, max: string | undefined, what: string): string | undefined {
  if (value.lessThan(min) || (max !== undefined && value.greaterThan(max))) return `'${value.toFixed()}' must be ${what}`;
  return undefined;
}

/** Suspending or blocking a partner must say why; billing teams read it months later. */
export function statusChangeProblems(status: PartnerStatus, reason: string | null | undefined): FieldProblem[] {
  if (status !== PartnerStatus.ACTIVE && !reason?.trim()) return [{ field: "reason", message: `is required to set status ${status}` }];
  return [];
}
