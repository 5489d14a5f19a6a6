import { Decimal } from "@intersettle/shared";
import { convertAmount, type FxLookup } from "@intersettle/shared";
import type { TrafficRole } from "../mediation/traffic-tally";
import type { SignalCount, PartnerSignals } from "../fraud/call-signals";

/**
 * One partner leg's calls to one destination in one card currency, in a committed block (or a re-rating's change to them):
 * the block's tally sums them as it rates (TrafficTotals.legs), or SQL from the rows a write inserted.
 */
export interface LegDestinationFigures {
  role: TrafficRole;
  partnerId: string;
  destination: string;
  /** The card currency `amount` is in. */
  currency: string;
  calls: number;
  answered: number;
  /** Seconds of the answered (billable) calls, as traffic_hourly counts them. */
  seconds: number;
  amount: string;
  revenueBase: string;
  costBase: string;
  firstMs: number;
  lastMs: number;
}

export interface TrafficBatchDestination {
  destination: string;
  calls: number;
  answered: number;
  seconds: number;
  /** In the event's `currency`. */
  amount: string;
  /** The calls' revenue and cost in `baseCurrency`: margin for operators (never shown to partners). */
  revenueBase: string;
  costBase: string;
}

/** The payload of a `traffic.batch` event: one partner leg's traffic in one committed block of rated calls. */
export interface TrafficBatchPayload {
  jobId: string;
  /** INGEST: calls newly stored. RERATE: a re-rating's change (new figures less old), so sums over events stay the traffic. */
  kind: "INGEST" | "RERATE";
  partnerId: string;
  role: TrafficRole;
  from: string;
  to: string;
  calls: number;
  answered: number;
  seconds: number;
  /** The partner's invoicing currency, or the card currency when no rate converts it (then `unconverted`). */
  currency: string;
  amount: string;
  convertedFrom?: string;
  unconverted?: true;
  blocked: boolean;
  /** The currency of the destinations' revenueBase and costBase. */
  baseCurrency: string;
  destinations: TrafficBatchDestination[];
  /** CUSTOMER legs of ingested blocks: what the calls themselves showed the fraud rules (IRSF hits, short calls per range). */
  signals?: { irsf: SignalCount[]; shortCalls: SignalCount[] };
}

export interface TrafficBatchContext {
  jobId: string;
  kind: TrafficBatchPayload["kind"];
  baseCurrency: string;
  /** Partners BLOCKED when the calls were rated. */
  blocked: ReadonlySet<string>;
  /** A partner's invoicing currency, if rating knows the partner. */
  partnerCurrency: (partnerId: string) => string | undefined;
  /** The exchange rates in force at an instant. */
  fxAt: (epochMs: number) => FxLookup;
  signals?: PartnerSignals[];
}

/**
 * One payload per partner leg: its destinations' figures with amounts in the partner's currency at the rate in force at
 * the leg's latest call. A leg some of whose card currencies no rate converts gets one payload per card currency instead,
 * the unconvertible ones in the card currency and marked, so that no amount is ever added across currencies.
 */
export function trafficBatchPayloads(figures: LegDestinationFigures[], context: TrafficBatchContext): TrafficBatchPayload[] {
  const legs = new Map<string, LegDestinationFigures[]>();
  for (const f of figures) {
    const key = `${f.role}|${f.partnerId}`;
    const rows = legs.get(key);
    if (rows) rows.push(f);
    else legs.set(key, [f]);
  }
  const payloads: TrafficBatchPayload[] = [];
  for (const rows of [...legs.values()].sort((a, b) => compare(a[0].role, b[0].role) || compare(a[0].partnerId, b[0].partnerId))) {
    const { role, partnerId } = rows[0];
    const lastMs = Math.max(...rows.map((r) => r.lastMs));
    const target = context.partnerCurrency(partnerId);
    const fx = context.fxAt(lastMs);
    const cardCurrencies = [...new Set(rows.map((r) => r.currency))].sort();
    const rates = new Map(cardCurrencies.map((c) => [c, target ? (c === target ? ONE : convertAmount(ONE, c, target, fx, context.baseCurrency)) : undefined]));
    const convertible = cardCurrencies.every((c) => rates.get(c) !== undefined);
    const groups = convertible ? [{ currency: target!, rows, unconverted: false }] : cardCurrencies.map((c) => ({ currency: c, rows: rows.filter((r) => r.currency === c), unconverted: c !== target }));
    for (const group of groups) {
      const payload = payloadOf(context, partnerId, role, group.currency, group.rows, (r) => (convertible ? rates.get(r.currency)! : ONE));
      if (group.unconverted) Object.assign(payload, { convertedFrom: group.currency, unconverted: true });
      payloads.push(payload);
    }
  }
  attachSignals(payloads, context.signals ?? []);
  return payloads;
}

/**
 * A leg's payload from its rows. Most legs are priced in the partner's currency and reach here once per destination: their
 * amounts pass through as text, and only the leg's total is added up (thousands of destinations cost a few milliseconds).
 */
function payloadOf(context: TrafficBatchContext, partnerId: string, role: TrafficRole, currency: string, rows: LegDestinationFigures[], rateOf: (r: LegDestinationFigures) => Decimal): TrafficBatchPayload {
  const byDestination = new Map<string, TrafficBatchDestination>();
  for (const r of rows) {
    const rate = rateOf(r);
    const amount = rate === ONE ? r.amount : converted(r.amount, rate).toFixed();
    const d = byDestination.get(r.destination);
    if (!d) {
      byDestination.set(r.destination, { destination: r.destination, calls: r.calls, answered: r.answered, seconds: r.seconds, amount, revenueBase: r.revenueBase, costBase: r.costBase });
      continue;
    }
    d.calls += r.calls;
    d.answered += r.answered;
    d.seconds += r.seconds;
    d.amount = new Decimal(d.amount).plus(amount).toFixed();
    d.revenueBase = new Decimal(d.revenueBase).plus(r.revenueBase).toFixed();
    d.costBase = new Decimal(d.costBase).plus(r.costBase).toFixed();
  }
  const destinations = [...byDestination.values()].sort((a, b) => compare(a.destination, b.destination));
  let calls = 0;
  let answered = 0;
  let seconds = 0;
  let amount = ZERO;
  for (const d of destinations) {
    calls += d.calls;
    answered += d.answered;
    seconds += d.seconds;
    amount = amount.plus(d.amount);
  }
  return {
    jobId: context.jobId,
    kind: context.kind,
    partnerId,
    role,
    from: new Date(Math.min(...rows.map((r) => r.firstMs))).toISOString(),
    to: new Date(Math.max(...rows.map((r) => r.lastMs))).toISOString(),
    calls,
    answered,
    seconds,
    currency,
    amount: amount.toFixed(),
    blocked: context.blocked.has(partnerId),
    baseCurrency: context.baseCurrency,
    destinations,
  };
}

/** A customer's signals ride on its CUSTOMER payload (the first, if its currencies split it). */
function attachSignals(payloads: TrafficBatchPayload[], signals: PartnerSignals[]): void {
  for (const s of signals) {
    if (s.irsf.length === 0 && s.shortCalls.length === 0) continue;
    const payload = payloads.find((p) => p.role === "CUSTOMER" && p.partnerId === s.partnerId);
    if (payload) payload.signals = { irsf: s.irsf, shortCalls: s.shortCalls };
  }
}

/** Converted amounts keep eight decimals: finer than any currency's minor unit, short enough to add up exactly. */
const converted = (amount: string, rate: Decimal) => new Decimal(amount).times(rate).toDecimalPlaces(8);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ZERO = new Decimal(0);
const ONE = new Decimal(1);
