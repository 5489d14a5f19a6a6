import { Decimal } from "@intersettle/shared";
import type { LegCharge } from "./rate-cdr";

export type TrafficRole = "CUSTOMER" | "VENDOR";

/** One partner leg's traffic in an hour and destination: what traffic_hourly adds up. */
export interface HourlyTraffic {
  partnerId: string;
  role: TrafficRole;
  destination: string;
  hourMs: number;
  currency: string;
  attempts: number;
  answered: number;
  /** Billable seconds. */
  seconds: number;
  /** Every call's seconds, billable or not (what a job's traffic event reports). */
  allSeconds: number;
  amount: Decimal;
  /** The calls' revenue and cost in the hub's base currency (both, whichever leg this is: margin per partner). */
  revenueBase: Decimal;
  costBase: Decimal;
}

/** A job's traffic per partner, published when it completes; seconds counts every rated call. */
export interface PartnerTraffic {
  role: TrafficRole;
  partnerId: string;
  currency: string;
  calls: number;
  seconds: number;
  amount: Decimal;
}

export interface MoneyTotal {
  side: "REVENUE" | "COST";
  currency: string;
  amount: Decimal;
}

/** One partner leg's billable usage in an hour at one destination and rate: what invoicing sums (usage_hourly). */
export interface HourlyUsage {
  partnerId: string;
  role: TrafficRole;
  hourMs: number;
  destination: string;
  prefix: string;
  version: number;
  rate: Decimal;
  currency: string;
  /** Billable calls and their seconds. */
  calls: number;
  seconds: number;
  amount: Decimal;
  exactAmount: Decimal;
}

export interface TrafficTotals {
  hourly: HourlyTraffic[];
  usage: HourlyUsage[];
  partners: PartnerTraffic[];
  money: MoneyTotal[];
}

/** Calls of one hour and destination charged alike on both legs. */
interface Cell {
  customer: LegCharge | null;
  vendor: LegCharge | null;
  revenueBase: Decimal | null;
  costBase: Decimal | null;
  calls: number;
  answered: number;
  seconds: number;
  billableSeconds: number;
}

interface HourDestination {
  hourMs: number;
  destination: string;
  cells: Map<LegCharge | null, Map<LegCharge | null, Cell>>;
}

const HOUR_MS = 3_600_000;

/**
 * Sums rated calls as they are rated. Calls with the same hour, destination and charges (shared by calls priced
 * alike) are counted together and multiplied out once, so a chunk of calls costs a few thousand decimal
 * operations rather than several per call, and the database receives totals instead of summing rows back.
 */
export class TrafficTally {
  /** By hour, then destination: no key string built per call. */
  private readonly hours = new Map<number, Map<string, HourDestination>>();

  /** `revenueBase`/`costBase`: each leg's amount in the base currency (the same for every call of a cell). */
  add(startMs: number, destination: string, billable: boolean, duration: number, customer: LegCharge | null, vendor: LegCharge | null, revenueBase: Decimal | null, costBase: Decimal | null): void {
    const hourMs = startMs - (startMs % HOUR_MS);
    let destinations = this.hours.get(hourMs);
    if (!destinations) this.hours.set(hourMs, (destinations = new Map()));
    let group = destinations.get(destination);
    if (!group) destinations.set(destination, (group = { hourMs, destination, cells: new Map() }));
    let byVendor = group.cells.get(customer);
    if (!byVendor) group.cells.set(customer, (byVendor = new Map()));
    let cell = byVendor.get(vendor);
    if (!cell) byVendor.set(vendor, (cell = { customer, vendor, revenueBase, costBase, calls: 0, answered: 0, seconds: 0, billableSeconds: 0 }));
    cell.calls++;
    cell.seconds += duration;
    if (billable) {
      cell.answered++;
      cell.billableSeconds += duration;
    }
  }

  totals(): TrafficTotals {
    const hourly: HourlyTraffic[] = [];
    const usage: HourlyUsage[] = [];
    for (const destinations of this.hours.values())
      for (const group of destinations.values()) {
        // Few partners and rates per hour and destination: short lists beat keyed lookups.
        const entries: HourlyTraffic[] = [];
        const used: HourlyUsage[] = [];
        for (const byVendor of group.cells.values())
          for (const cell of byVendor.values()) {
            const revenue = cell.customer && cell.customer.amount.times(cell.calls);
            const cost = cell.vendor && cell.vendor.amount.times(cell.calls);
            const revenueBase = !cell.revenueBase ? ZERO : cell.revenueBase === cell.customer?.amount ? revenue! : cell.revenueBase.times(cell.calls);
            const costBase = !cell.costBase ? ZERO : cell.costBase === cell.vendor?.amount ? cost! : cell.costBase.times(cell.calls);
            if (cell.customer) {
              addCell(entries, group, "CUSTOMER", cell.customer, cell, revenue!, revenueBase, costBase);
              addUsage(used, group, "CUSTOMER", cell.customer, cell, revenue!);
            }
            if (cell.vendor) {
              addCell(entries, group, "VENDOR", cell.vendor, cell, cost!, revenueBase, costBase);
              addUsage(used, group, "VENDOR", cell.vendor, cell, cost!);
            }
          }
        hourly.push(...entries);
        usage.push(...used);
      }
    const partners = new Map<string, PartnerTraffic>();
    for (const h of hourly) {
      const p = entry(partners, `${h.role}|${h.partnerId}|${h.currency}`, () => ({ role: h.role, partnerId: h.partnerId, currency: h.currency, calls: 0, seconds: 0, amount: ZERO }));
      p.calls += h.attempts;
      p.seconds += h.allSeconds;
      p.amount = p.amount.plus(h.amount);
    }
    const money = new Map<string, MoneyTotal>();
    for (const p of partners.values()) {
      const side = p.role === "CUSTOMER" ? "REVENUE" : "COST";
      const m = entry(money, `${side}|${p.currency}`, () => ({ side, currency: p.currency, amount: ZERO }));
      m.amount = m.amount.plus(p.amount);
    }
    return { hourly, usage, partners: [...partners.values()], money: [...money.values()] };
  }
}

/** The cell's billable calls at the leg's rate; `amount` is the charge times all the cell's calls. */
function addUsage(used: HourlyUsage[], group: HourDestination, role: TrafficRole, leg: LegCharge, cell: Cell, amount: Decimal): void {
  if (cell.answered === 0) return;
  const billed = cell.answered === cell.calls ? amount : leg.amount.times(cell.answered);
  const exact = leg.exactAmount === leg.amount ? billed : leg.exactAmount.times(cell.answered);
  let u = used.find((e) => e.role === role && e.partnerId === leg.partnerId && e.prefix === leg.prefix && e.version === leg.version && e.currency === leg.currency && (e.rate === leg.rate || e.rate.eq(leg.rate)));
  if (!u) {
    u = { partnerId: leg.partnerId, role, hourMs: group.hourMs, destination: group.destination, prefix: leg.prefix, version: leg.version, rate: leg.rate, currency: leg.currency, calls: 0, seconds: 0, amount: ZERO, exactAmount: ZERO };
    used.push(u);
  }
  u.calls += cell.answered;
  u.seconds += cell.billableSeconds;
  u.amount = u.amount.plus(billed);
  u.exactAmount = u.exactAmount.plus(exact);
}

function addCell(entries: HourlyTraffic[], group: HourDestination, role: TrafficRole, leg: LegCharge, cell: Cell, amount: Decimal, revenueBase: Decimal, costBase: Decimal): void {
  let h = entries.find((e) => e.role === role && e.partnerId === leg.partnerId && e.currency === leg.currency);
  if (!h) {
    h = { partnerId: leg.partnerId, role, destination: group.destination, hourMs: group.hourMs, currency: leg.currency, attempts: 0, answered: 0, seconds: 0, allSeconds: 0, amount: ZERO, revenueBase: ZERO, costBase: ZERO };
    entries.push(h);
  }
  h.attempts += cell.calls;
  h.answered += cell.answered;
  h.seconds += cell.billableSeconds;
  h.allSeconds += cell.seconds;
  h.amount = h.amount.plus(amount);
  h.revenueBase = h.revenueBase.plus(revenueBase);
  h.costBase = h.costBase.plus(costBase);
}

const ZERO = new Decimal(0);

function entry<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (!value) map.set(key, (value = create()));
  return value;
}
