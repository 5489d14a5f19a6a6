import { auditSnapshot } from "@intersettle/shared";
import type { Agreement, ApiCredential, OperatorToken, Partner, PartnerContact } from "../entities";

/** Plain JSON of a partner as audit entries and `partners` events carry it (amounts as exact strings). */
export function partnerSnapshot(partner: Partner, contacts: PartnerContact[]): Record<string, unknown> {
  return {
    id: partner.id,
    code: partner.code,
    legalName: partner.legalName,
    types: partner.types,
    roles: partner.roles,
    currency: partner.currency,
    timezone: partner.timezone,
    billingCycle: partner.billingCycle,
    paymentTermsDays: partner.paymentTermsDays,
    taxRatePercent: partner.taxRatePercent.toFixed(),
    rounding: { decimals: partner.roundingDecimals, mode: partner.roundingMode, scope: partner.roundingScope },
    credit: { mode: partner.creditMode, limit: partner.creditLimit.toFixed(), warningPercent: partner.creditWarningPercent },
    status: partner.status,
    statusReason: partner.statusReason,
    blockCause: partner.blockCause ?? null,
    contacts: contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
    version: partner.version,
  };
}

export function agreementSnapshot(a: Agreement): Record<string, unknown> {
  return {
    id: a.id,
    partnerId: a.partnerId,
    reference: a.reference,
    type: a.type,
    services: a.services,
    validFrom: a.validFrom,
    validTo: a.validTo,
    status: a.status,
    tolerancePercent: a.tolerancePercent.toFixed(),
    toleranceAmount: a.toleranceAmount.toFixed(),
    terms: a.terms,
    version: a.version,
  };
}

/** Credentials are audited without their hashes. */
export function credentialSnapshot(c: ApiCredential | OperatorToken): Record<string, unknown> {
  const { secretHash: _hidden, ...visible } = c;
  return auditSnapshot(visible);
}
