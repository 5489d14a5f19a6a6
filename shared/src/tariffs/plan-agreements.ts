import { endOfLocalDate, startOfLocalDate } from "../time";
import type { AgreementInForce } from "./price-plan";
import type { RatedService } from "./rate-plan";

/** A partner's agreement as pricing needs it (from the partners topic): what it covers and between which local dates. */
export interface PlanAgreement {
  id: string;
  partnerId: string;
  services: string[];
  /** YYYY-MM-DD in the partner's timezone; validTo inclusive, null: open. */
  validFrom: string;
  validTo: string | null;
  status: string;
}

/**
 * When an agreement's price plans apply, as instants: from its first day to the end of its last, in the partner's
 * timezone. A DRAFT never applies; a TERMINATED one only up to the last day it names (without one it no longer
 * applies at all). A SUSPENDED agreement still prices what was carried under it: suspension stops traffic, not prices.
 */
export function agreementPeriod(a: PlanAgreement, zone: string): { fromMs: number; toMs: number } | undefined {
  if (a.status === "DRAFT" || (a.status === "TERMINATED" && a.validTo === null)) return undefined;
  return { fromMs: startOfLocalDate(a.validFrom, zone).getTime(), toMs: a.validTo === null ? Infinity : endOfLocalDate(a.validTo, zone).getTime() };
}

interface AgreementPeriod {
  fromMs: number;
  toMs: number;
  services: string[];
}

/** Every agreement of the partners a job prices, for PricePlanBook: which agreement covers a service at an instant. */
export class PlanAgreements {
  private readonly periods = new Map<string, AgreementPeriod>();
  private readonly byPartner = new Map<string, string[]>();

  /** `zoneOf`: the partner's timezone, in which its agreements' dates are read. */
  constructor(agreements: Iterable<PlanAgreement>, zoneOf: (partnerId: string) => string) {
    for (const a of agreements) {
      const period = agreementPeriod(a, zoneOf(a.partnerId));
      if (!period) continue;
      this.periods.set(a.id, { ...period, services: a.services });
      const ids = this.byPartner.get(a.partnerId);
      if (ids) ids.push(a.id);
      else this.byPartner.set(a.partnerId, [a.id]);
    }
  }

  /** The predicate PricePlanBook.chooseAt asks; allocates nothing. */
  readonly inForce: AgreementInForce = (agreementId, service, atMs) => {
    const p = this.periods.get(agreementId);
    return p !== undefined && p.fromMs <= atMs && atMs < p.toMs && p.services.includes(service);
  };

  /** A partner's agreements covering `service` at `at` (PricePlanQuery.agreementIds). */
  idsInForce(partnerId: string, service: RatedService, at: Date): string[] {
    return (this.byPartner.get(partnerId) ?? []).filter((id) => this.inForce(id, service, at.getTime()));
  }
}
