import type { FieldProblem } from "@intersettle/shared";
import { isIsoDate } from "@intersettle/shared";
import type { Decimal } from "@intersettle/shared";

export enum AgreementType {
  BILATERAL = "BILATERAL",
  HUBBING = "HUBBING",
  REFILE = "REFILE",
  TRANSIT = "TRANSIT",
  WHOLESALE = "WHOLESALE",
  CONTENT_REVENUE_SHARE = "CONTENT_REVENUE_SHARE",
  MVNO = "MVNO",
  ROAMING = "ROAMING",
}

export enum ServiceType {
  VOICE = "VOICE",
  SMS = "SMS",
  MMS = "MMS",
  DATA = "DATA",
  CONTENT = "CONTENT",
}

export enum AgreementStatus {
  DRAFT = "DRAFT",
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  TERMINATED = "TERMINATED",
}

export interface AgreementFields {
  reference: string;
  type: AgreementType;
  services: ServiceType[];
  validFrom: string;
  validTo?: string | null;
  status: AgreementStatus;
  /** A reconciliation difference within either tolerance is accepted without a dispute. */
  tolerancePercent: Decimal;
  toleranceAmount: Decimal;
  terms?: string | null;
}

export { isIsoDate };

/** Every problem with agreement fields, each naming its field. With `partial`, absent fields are not required. */
export function agreementProblems(fields: Partial<AgreementFields>, partial = false, current?: AgreementFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = ["reference", "type", "services", "validFrom", "status"] as const;
  if (!partial) for (const f of required) if (fields[f] === undefined || fields[f] === null) problems.push({ field: f, message: "is required" });
  if (fields.reference !== undefined && !/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/.test(fields.reference)) {
    problems.push({ field: "reference", message: `'${fields.reference}' must be 1-64 letters, digits or / _ . -` });
  }
  if (fields.services !== undefined && fields.services.length === 0) problems.push({ field: "services", message: "must name at least one service" });
  if (fields.validFrom !== undefined && !isIsoDate(fields.validFrom)) problems.push({ field: "validFrom", message: `'${fields.validFrom}' is not a date (YYYY-MM-DD)` });
  if (fields.validTo && !isIsoDate(fields.validTo)) problems.push({ field: "validTo", message: `'${fields.validTo}' is not a date (YYYY-MM-DD)` });
  const from = fields.validFrom ?? current?.validFrom;
  const to = fields.validTo === undefined ? current?.validTo : fields.validTo;
  if (from && to && isIsoDate(from) && isIsoDate(to) && to < from) problems.push({ field: "validTo", message: `must not be before validFrom ${from}` });
  for (const field of ["tolerancePercent", "toleranceAmount"] as const) {
    const v = fields[field];
    if (v !== undefined && v !== null && v.isNegative()) problems.push({ field, message: `'${v.toFixed()}' must be 0 or more` });
  }
  if (fields.tolerancePercent?.greaterThan(100)) {
    problems.push({ field: "tolerancePercent", message: "must be at most 100" });
  }
  if (fields.terms && fields.terms.length > 20000) problems.push({ field: "terms", message: "must be at most 20000 characters" });
  return problems;
}
