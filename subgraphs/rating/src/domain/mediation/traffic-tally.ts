import { Decimal } from "@intersettle/shared";
import type { RatedService } from "@intersettle/shared";
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
  /** The earliest and latest start among the calls (what a batch's traffic event reports). */
  firstMs: number;
  lastMs: number;
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

/** One partner leg's billable usage in an hour at one destination, service and rate: what invoicing sums (usage_hourly). */
export interface HourlyUsage {
  partnerId: string;
  role: TrafficRole;
  hourMs: number;
  destination: string;
  prefix: string;
  version: number;
  rate: Decimal;
  currency: string;
  service: RatedService;
  /** Billable calls, their seconds, and the units they were rated on (seconds, messages, KB). */
  calls: number;
  seconds: number;
  units: number;
  amount: Decimal;
  exactAmount: Decimal;
}

/** One partner leg's traffic to one destination in one card currency, whatever the hour: what a block's traffic event reports. */
export type LegTraffic = Omit<HourlyTraffic, "hourMs" | "attempts" | "allSeconds"> & { calls: number };

export interface TrafficTotals {
  hourly: HourlyTraffic[];
  usage: HourlyUsage[];
  partners: PartnerTraffic[];
  money: MoneyTotal[];
  legs: LegTraffic[];
}

type AmountsAsText<T> = { [F in keyof T]: T[F] extends Decimal ? string : T[F] };

/** Totals with every amount as plain decimal text: what a chunk's write sends, and what can pass between threads. */
export type TrafficTotalsText = { [K in keyof TrafficTotals]: Array<AmountsAsText<TrafficTotals[K][number]>> };

export function totalsAsText(totals: TrafficTotals): TrafficTotalsText {
  const asText = <T extends object>(rows: T[]) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Decimal ? v.toFixed() : v])) as AmountsAsText<T>);
  return { hourly: asText(totals.hourly), usage: asText(totals.usage), partners: asText(totals.partners), money: asText(totals.money), legs: asText(totals.legs) };
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
  billableUnits: number;
  firstMs: number;
  lastMs: number;
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

  /** `units`: what the call was rated on; `revenueBase`/`costBase`: each leg's amount in the base currency (the same for every call of a cell). */
  add(startMs: number, destination: string, billable: boolean, duration: number, units: number, customer: LegCharge | null, vendor: LegCharge | null, revenueBase: Decimal | null, costBase: Decimal | null): void {
    const hourMs = startMs - (startMs % HOUR_MS);
    let destinations = this.hours.get(hourMs);
    if (!destinations) this.hours.set(hourMs, (destinations = new Map()));
    let group = destinations.get(destination);
    if (!group) destinations.set(destination, (group = { hourMs, destination, cells: new Map() }));
    let byVendor = group.cells.get(customer);
    if (!byVendor) group.cells.set(customer, (byVendor = new Map()));
    let cell = byVendor.get(vendor);
    if (!cell) byVendor.set(vendor, (cell = { customer, vendor, revenueBase, costBase, calls: 0, answered: 0, seconds: 0, billableSeconds: 0, billableUnits: 0, firstMs: startMs, lastMs: startMs }));
    else if (startMs < cell.firstMs) cell.firstMs = startMs;
    else if (startMs > cell.lastMs) cell.lastMs = startMs;
    cell.calls++;
    cell.seconds += duration;
    if (billable) {
      cell.answered++;
      cell.billableSeconds += duration;
      cell.billableUnits += units;
    }
  }

  totals(): TrafficTotals {
    const hourly: HourlyTraffic[] = [];
    const usage: HourlyUsage[] = [];
    for (const destinations of this.hours.values())
      for (const group of destinations.values()) {
        // Few partners and rates per hour and destination: short lists beat keyed lookups.
        const pairs: PartnerPair[] = [];
        const used: UsageSum[] = [];
        for (const byVendor of group.cells.values())
          for (const cell of byVendor.values()) {
            const revenue = cell.customer && times(cell.customer.amount, cell.calls);
            const cost = cell.vendor && times(cell.vendor.amount, cell.calls);
            addToPair(pairs, cell, revenue, cost);
            if (cell.answered > 0) {
              if (cell.customer) addUsage(used, "CUSTOMER", cell.customer, cell, revenue!);
              if (cell.vendor) addUsage(used, "VENDOR", cell.vendor, cell, cost!);
            }
          }
        const entries: HourlyTraffic[] = [];
        for (const pair of pairs) {
          if (pair.customer) addPairTo(entries, group, "CUSTOMER", pair.customer, pair, pair.revenue.total);
          if (pair.vendor) addPairTo(entries, group, "VENDOR", pair.vendor, pair, pair.cost.total);
        }
        hourly.push(...entries);
        const lines: HourlyUsage[] = [];
        for (const u of used) addUsageTo(lines, group, u);
        usage.push(...lines);
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
    return { hourly, usage, partners: [...partners.values()], money: [...money.values()], legs: legsOf(hourly) };
  }
}

/** The hourly traffic summed over the hours, here where the amounts are still numbers (text would be parsed again). */
function legsOf(hourly: HourlyTraffic[]): LegTraffic[] {
  const legs = new Map<string, LegTraffic>();
  for (const h of hourly) {
    const key = `${h.role}|${h.partnerId}|${h.destination}|${h.currency}`;
    const l = legs.get(key);
    if (!l) {
      legs.set(key, { role: h.role, partnerId: h.partnerId, destination: h.destination, currency: h.currency, calls: h.attempts, answered: h.answered, seconds: h.seconds, amount: h.amount, revenueBase: h.revenueBase, costBase: h.costBase, firstMs: h.firstMs, lastMs: h.lastMs });
      continue;
    }
    l.calls += h.attempts;
    l.answered += h.answered;
    l.seconds += h.seconds;
    l.amount = l.amount.plus(h.amount);
    l.revenueBase = l.revenueBase.plus(h.revenueBase);
    l.costBase = l.costBase.plus(h.costBase);
    l.firstMs = Math.min(l.firstMs, h.firstMs);
    l.lastMs = Math.max(l.lastMs, h.lastMs);
  }
  return [...legs.values()];
}

/** A running sum that starts with its first term (no addition to zero). */
class DecimalSum {
  private value: Decimal | null = null;

  add(term: Decimal): void {
    this.value = this.value ? this.value.plus(term) : term;
  }

  get total(): Decimal {
    return this.value ?? ZERO;
  }
}

function times(amount: Decimal, calls: number): Decimal {
  return calls === 1 ? amount : amount.times(calls);
}

/**
 * The cells of an hour and destination with the same customer and vendor (partner and currency), and the same
 * way to their base amounts. Most legs are priced in the base currency: their base sum is then their amount
 * sum, and is not added up a second time.
 */
interface PartnerPair {
  customer: LegCharge | null;
  vendor: LegCharge | null;
  revenueIsBase: boolean;
  costIsBase: boolean;
  attempts: number;
  answered: number;
  seconds: number;
  allSeconds: number;
  revenue: DecimalSum;
  cost: DecimalSum;
  revenueBase: DecimalSum;
  costBase: DecimalSum;
  firstMs: number;
  lastMs: number;
}

const samePartner = (a: LegCharge | null, b: LegCharge | null) => (a === null ? b === null : b !== null && a.partnerId === b.partnerId && a.currency === b.currency);

function addToPair(pairs: PartnerPair[], cell: Cell, revenue: Decimal | null, cost: Decimal | null): void {
  const revenueIsBase = cell.revenueBase !== null && cell.revenueBase === cell.customer?.amount;
  const costIsBase = cell.costBase !== null && cell.costBase === cell.vendor?.amount;
  let pair = pairs.find((p) => p.revenueIsBase === revenueIsBase && p.costIsBase === costIsBase && samePartner(p.customer, cell.customer) && samePartner(p.vendor, cell.vendor));
  if (!pair) {
    pair = { customer: cell.customer, vendor: cell.vendor, revenueIsBase, costIsBase, attempts: 0, answered: 0, seconds: 0, allSeconds: 0, revenue: new DecimalSum(), cost: new DecimalSum(), revenueBase: new DecimalSum(), costBase: new DecimalSum(), firstMs: cell.firstMs, lastMs: cell.lastMs };
    pairs.push(pair);
  }
  pair.firstMs = Math.min(pair.firstMs, cell.firstMs);
  pair.lastMs = Math.max(pair.lastMs, cell.lastMs);
  pair.attempts += cell.calls;
  pair.answered += cell.answered;
  pair.seconds += cell.billableSeconds;
  pair.allSeconds += cell.seconds;
  if (revenue) pair.revenue.add(revenue);
  if (cost) pair.cost.add(cost);
  if (!revenueIsBase && cell.revenueBase) pair.revenueBase.add(times(cell.revenueBase, cell.calls));
  if (!costIsBase && cell.costBase) pair.costBase.add(times(cell.costBase, cell.calls));
}

/** Adds a pair to its partner's traffic in the group (`entries`: the group's so far). */
function addPairTo(entries: HourlyTraffic[], group: HourDestination, role: TrafficRole, leg: LegCharge, pair: PartnerPair, amount: Decimal): void {
  let h = entries.find((e) => e.role === role && e.partnerId === leg.partnerId && e.currency === leg.currency);
  if (!h) {
    h = { partnerId: leg.partnerId, role, destination: group.destination, hourMs: group.hourMs, currency: leg.currency, attempts: 0, answered: 0, seconds: 0, allSeconds: 0, amount: ZERO, revenueBase: ZERO, costBase: ZERO, firstMs: pair.firstMs, lastMs: pair.lastMs };
    entries.push(h);
  }
  h.firstMs = Math.min(h.firstMs, pair.firstMs);
  h.lastMs = Math.max(h.lastMs, pair.lastMs);
  h.attempts += pair.attempts;
  h.answered += pair.answered;
  h.seconds += pair.seconds;
  h.allSeconds += pair.allSeconds;
  h.amount = h.amount.plus(amount);
  h.revenueBase = h.revenueBase.plus(pair.revenueIsBase ? pair.revenue.total : pair.revenueBase.total);
  h.costBase = h.costBase.plus(pair.costIsBase ? pair.cost.total : pair.costBase.total);
}

/** Billable usage of one leg at one rate in an hour and destination; exact amounts summed only where they differ. */
interface UsageSum {
  role: TrafficRole;
  leg: LegCharge;
  exactIsAmount: boolean;
  calls: number;
  seconds: number;
  units: number;
  amount: DecimalSum;
  exactAmount: DecimalSum;
}

/** The cell's billable calls at the leg's rate; `amount` is the charge times all the cell's calls. */
function addUsage(used: UsageSum[], role: TrafficRole, leg: LegCharge, cell: Cell, amount: Decimal): void {
  const exactIsAmount = leg.exactAmount === leg.amount;
  let u = used.find((e) => e.role === role && e.exactIsAmount === exactIsAmount && sameRate(e.leg, leg));
  if (!u) {
    u = { role, leg, exactIsAmount, calls: 0, seconds: 0, units: 0, amount: new DecimalSum(), exactAmount: new DecimalSum() };
    used.push(u);
  }
  u.calls += cell.answered;
  u.seconds += cell.billableSeconds;
  u.units += cell.billableUnits;
  u.amount.add(cell.answered === cell.calls ? amount : leg.amount.times(cell.answered));
  if (!exactIsAmount) u.exactAmount.add(times(leg.exactAmount, cell.answered));
}

type RateKey = Pick<LegCharge, "partnerId" | "prefix" | "version" | "currency" | "service" | "rate">;

// Two services' cards may price a prefix alike: the service keeps their usage apart.
const sameRate = (a: RateKey, b: RateKey) =>
  a === b || (a.partnerId === b.partnerId && a.prefix === b.prefix && a.version === b.version && a.currency === b.currency && a.service === b.service && (a.rate === b.rate || a.rate.eq(b.rate)));

/** Adds a usage sum to its rate's line in the group (`lines`: the group's so far). */
function addUsageTo(lines: HourlyUsage[], group: HourDestination, u: UsageSum): void {
  const leg = u.leg;
  let h = lines.find((e) => e.role === u.role && sameRate(e, leg));
  if (!h) {
    h = { partnerId: leg.partnerId, role: u.role, hourMs: group.hourMs, destination: group.destination, prefix: leg.prefix, version: leg.version, rate: leg.rate, currency: leg.currency, service: leg.service, calls: 0, seconds: 0, units: 0, amount: ZERO, exactAmount: ZERO };
    lines.push(h);
  }
  h.calls += u.calls;
  h.seconds += u.seconds;
  h.units += u.units;
  h.amount = h.amount.plus(u.amount.total);
  h.exactAmount = h.exactAmount.plus(u.exactIsAmount ? u.amount.total : u.exactAmount.total);
}

const ZERO = new Decimal(0);

function entry<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (!value) map.set(key, (value = create()));
  return value;
}
