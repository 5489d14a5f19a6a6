import { ZoneClock } from "@intersettle/shared";
import type { AgreementWindow, RoutingPartner } from "./route-types";

const DAY_MS = 86_400_000;

/** Revenue-share agreements pay for content; they never open a route for calls or messages. */
const CARRIES_NO_TRAFFIC = "CONTENT_REVENUE_SHARE";

interface Window {
  id: string;
  services: readonly string[];
  /** Local days since 1970-01-01, both inclusive. */
  fromDay: number;
  toDay: number;
  /** The agreement lets the partner carry traffic: ACTIVE, and not revenue share. */
  carries: boolean;
}

/** What a partner's agreements allow on one local day for one service. */
interface DayTerms {
  day: number;
  carries: boolean;
  /** The agreements whose price plans apply (PricePlanQuery.agreementIds). */
  pricing: readonly string[];
}

/**
 * A partner as routing judges it: status, and what its agreements allow on a day. Agreement dates are local to
 * the partner, so the day is read on its clock; the answer is remembered per service and day, because almost
 * every lookup asks about today.
 */
export class PartnerStanding {
  private readonly clock: ZoneClock;
  private readonly windows: Window[];
  private readonly memo = new Map<string, DayTerms>();

  constructor(readonly partner: RoutingPartner) {
    this.clock = ZoneClock.of(partner.timezone);
    this.windows = partner.agreements.filter(pricesUsage).map((a) => ({
      id: a.id, services: a.services, fromDay: epochDay(a.validFrom), toDay: a.validTo === null ? Infinity : epochDay(a.validTo),
      carries: a.status === "ACTIVE" && a.type !== CARRIES_NO_TRAFFIC,
    }));
  }

  get id(): string {
    return this.partner.id;
  }

  /** The partner's local date at an instant, as days since 1970-01-01. */
  localDay(at: Date): number {
    const ms = at.getTime();
    return Math.floor((ms + this.clock.offsetMs(ms)) / DAY_MS);
  }

  /** True when an ACTIVE agreement (not revenue share) covers the service on the partner's date at `at`. */
  carries(service: string, at: Date): boolean {
    return this.on(service, at).carries;
  }

  /** The agreements whose price plans apply at `at`: rating's rule, so both choose the same card. */
  pricingAgreements(service: string, at: Date): readonly string[] {
    return this.on(service, at).pricing;
  }

  private on(service: string, at: Date): DayTerms {
    const day = this.localDay(at);
    const known = this.memo.get(service);
    if (known && known.day === day) return known;
    const open = this.windows.filter((w) => w.fromDay <= day && day <= w.toDay && w.services.includes(service));
    const terms = { day, carries: open.some((w) => w.carries), pricing: open.map((w) => w.id) };
    this.memo.set(service, terms);
    return terms;
  }
}

/**
 * Rating's rule for whose price plans apply (PlanAgreements): never a draft; a terminated agreement only up to the
 * last day it names; a suspended one still prices what is carried under it (suspension stops traffic, not prices).
 */
function pricesUsage(a: AgreementWindow): boolean {
  return a.status !== "DRAFT" && !(a.status === "TERMINATED" && a.validTo === null);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** YYYY-MM-DD of a day count, for people reading a reason. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
