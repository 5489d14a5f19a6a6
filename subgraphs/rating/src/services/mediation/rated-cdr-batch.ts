import { convertAmount, type FxLookup } from "@intersettle/shared";
import { type NormalizedCdr } from "@intersettle/shared";
import type { LegCharge, RatedCall } from "../../domain/mediation/rate-cdr";
import { TrafficTally } from "../../domain/mediation/traffic-tally";
import type { Decimal } from "@intersettle/shared";
import { BinaryCopyWriter } from "@intersettle/shared";
import type { CopyRows } from "./cdr-chunk-writer";
import { sharedDestination } from "../../domain/mediation/shared-destination";

/** The columns of rating.rated_cdr a batch writes, in the order it writes them. */
export const RATED_CDR_COLUMNS = [
  "source_id", "call_id", "start_time", "job_id", "line", "duration", "units", "service", "a_number", "b_number", "ingress", "egress", "account", "disposition",
  "status", "unrated_reason", "call_type", "billable", "destination",
  "customer_id", "customer_card", "customer_version", "customer_prefix", "customer_rate", "revenue", "revenue_exact", "revenue_currency",
  "vendor_id", "vendor_card", "vendor_version", "vendor_prefix", "vendor_rate", "cost", "cost_exact", "cost_currency", "revenue_base", "cost_base",
  "customer_blocked", "vendor_blocked",
];

/**
 * Rated (or unrated) calls as binary COPY messages for rated_cdr, built as the calls are rated, with what a
 * chunk's write needs to know about them. Held as ~64 KB buffers rather than per-row strings, so the garbage
 * collector has little to trace whatever the chunk size.
 */
export class RatedCdrBatch {
  private readonly copy = new BinaryCopyWriter();
  private readonly ids = new UuidFields();
  /** The traffic of the batch's rated calls, for a write that inserts them all. */
  readonly traffic = new TrafficTally();
  size = 0;
  rated = 0;
  /** Calls with a leg whose partner was BLOCKED when they were rated. */
  blocked = 0;
  /** The earliest and latest start among the batch's calls: a job's calls are found between its bounds. */
  span: { firstMs: number; lastMs: number } | null = null;

  /** `hub`: the base currency every amount is also kept in, converted with the day's `fx`; `blockedPartners`: BLOCKED when rating. */
  constructor(
    private readonly hub: string,
    private readonly blockedPartners: ReadonlySet<string> = NONE,
  ) {}

  add(sourceId: string, jobId: string, line: number, cdr: NormalizedCdr, rated: RatedCall, destination: string | null, fx: FxLookup): void {
    const w = this.copy;
    const c = rated.customer;
    const v = rated.vendor;
    const startMs = cdr.start.getTime();
    w.row(RATED_CDR_COLUMNS.length);
    w.fields(this.ids.of(sourceId));
    w.text(cdr.callId);
    w.timestamptz(startMs);
    w.fields(this.ids.of(jobId));
    w.int4(line);
    w.int4(cdr.durationSeconds);
    w.int4(cdr.units);
    w.text(cdr.service);
    w.text(cdr.aNumber);
    w.text(cdr.bNumber);
    w.text(cdr.ingress);
    w.text(cdr.egress);
    w.text(cdr.account);
    w.text(cdr.disposition);
    w.text(rated.status);
    textOrNull(w, rated.unratedReason);
    textOrNull(w, rated.callType);
    w.bool(rated.billable);
    const labelled = sharedDestination(destination, c?.destination ?? null, v?.destination ?? null);
    textOrNull(w, labelled);
    this.leg(c);
    this.leg(v);
    const revenueBase = this.base(c, fx);
    const costBase = this.base(v, fx);
    // A blocked partner's calls happened: they are stored, rated and marked, per leg (a partner sees only its own mark).
    const customerBlocked = c !== null && this.blockedPartners.size > 0 && this.blockedPartners.has(c.partnerId);
    const vendorBlocked = v !== null && this.blockedPartners.size > 0 && this.blockedPartners.has(v.partnerId);
    w.bool(customerBlocked);
    w.bool(vendorBlocked);
    if (customerBlocked || vendorBlocked) this.blocked++;
    this.size++;
    if (!this.span) this.span = { firstMs: startMs, lastMs: startMs };
    else if (startMs < this.span.firstMs) this.span.firstMs = startMs;
    else if (startMs > this.span.lastMs) this.span.lastMs = startMs;
    if (rated.status === "RATED") {
      this.rated++;
      this.traffic.add(startMs, labelled ?? "UNKNOWN", rated.billable, cdr.durationSeconds, cdr.units, c, v, revenueBase, costBase);
    }
  }

  messages(): Buffer[] {
    return this.copy.messages();
  }

  copyRows(): CopyRows {
    return { copyData: this.messages(), size: this.size, rated: this.rated, blocked: this.blocked, span: this.span };
  }

  private leg(leg: LegCharge | null): void {
    if (leg) this.copy.fields(legFields(leg).fields);
    else for (let i = 0; i < LEG_COLUMNS; i++) this.copy.null();
  }

  /** The leg's amount in the base currency, written and returned. Most legs are priced in it already. */
  private base(leg: LegCharge | null, fx: FxLookup): Decimal | null {
    if (!leg) {
      this.copy.null();
      return null;
    }
    if (leg.currency === this.hub) {
      this.copy.fields(legFields(leg).amount);
      return leg.amount;
    }
    const converted = convertAmount(leg.amount, leg.currency, this.hub, fx, this.hub) ?? null;
    if (converted) this.copy.numeric(converted.toFixed());
    else this.copy.null();
    return converted;
  }
}

const LEG_COLUMNS = 8;
const NONE: ReadonlySet<string> = new Set();

function textOrNull(w: BinaryCopyWriter, value: string | null): void {
  if (value === null) w.null();
  else w.text(value);
}

/** A leg's columns (partner, card, version, prefix, rate, amount, exact amount, currency), encoded once per charge. */
const encodedLegs = new WeakMap<LegCharge, { fields: Buffer; amount: Buffer }>();

function legFields(leg: LegCharge): { fields: Buffer; amount: Buffer } {
  let encoded = encodedLegs.get(leg);
  if (!encoded) {
    const amount = new BinaryCopyWriter(false);
    amount.numeric(leg.amount.toFixed());
    const w = new BinaryCopyWriter(false);
    w.uuid(leg.partnerId);
    w.uuid(leg.cardId);
    w.int4(leg.version);
    w.text(leg.prefix);
    w.numeric(leg.rate.toFixed());
    w.fields(amount.fragment());
    w.numeric(leg.exactAmount.toFixed());
    w.text(leg.currency);
    encoded = { fields: w.fragment(), amount: amount.fragment() };
    encodedLegs.set(leg, encoded);
  }
  return encoded;
}

/** A batch's source and job ids repeat on every row: each is encoded once. */
class UuidFields {
  private readonly known = new Map<string, Buffer>();

  of(id: string): Buffer {
    let encoded = this.known.get(id);
    if (!encoded) {
      const w = new BinaryCopyWriter(false);
      w.uuid(id);
      this.known.set(id, (encoded = w.fragment()));
    }
    return encoded;
  }
}
