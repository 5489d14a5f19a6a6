import { ZoneClock } from "@intersettle/shared";
import type { RoutingPartner } from "./route-types";

const DAY_MS = 86_400_000;

/** Revenue-share agreements pay for content; they never open a route for calls or messages. */
const CARRIES_NO_TRAFFIC = "CONTENT_REVENUE_SHARE";

interface Window {
  id: string;
  services: readonly string[];
  /** Local days since 1970-01-01, both inclusive. */
  fromDay: number;
  toDay: number;
}

/**
 * A partner as routing judges it: status, and the agreements that let it carry a service on a day. Agreement
 * dates are local to the partner, so the day is read on its clock; the answer is remembered per service and day
 * because almost every lookup asks about today.
 */
export class PartnerStanding {
  private readonly clock: ZoneClock;
  private readonly windows: Window[];
  private readonly memo = new Map<string, { day: number; ids: readonly string[] }>();

  constructor(readonly partner: RoutingPartner) {
    this.clock = ZoneClock.of(partner.timezone);
    this.windows = partner.agreements
      .filter((a) => a.status === "ACTIVE" && a.type !== CARRIES_NO_TRAFFIC)
      .map((a) => ({ id: a.id, services: a.services, fromDay: epochDay(a.validFrom), toDay: a.validTo === null ? Infinity : epochDay(a.validTo) }));
  }

  get id(): string {
    return this.partner.id;
  }

  /** The partner's local date at an instant, as days since 1970-01-01. */
  localDay(at: Date): number {
    const ms = at.getTime();
    return Math.floor((ms + this.clock.offsetMs(ms)) / DAY_MS);
  }

  /** ACTIVE agreements (not revenue share) covering the service on the partner's local date at `at`. */
  agreementsInForce(service: string, at: Date): readonly string[] {
    const day = this.localDay(at);
    const known = this.memo.get(service);
    if (known && known.day === day) return known.ids;
    const ids = this.windows.filter((w) => w.fromDay <= day && day <= w.toDay && w.services.includes(service)).map((w) => w.id);
    this.memo.set(service, { day, ids });
    return ids;
  }
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** YYYY-MM-DD of a day count, for people reading a reason. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
