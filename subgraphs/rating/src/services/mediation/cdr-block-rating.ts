import { rateCdr, type BillableRules, type PricingLookup } from "../../domain/mediation/rate-cdr";
import { type CdrLayout, parseCdr, type CdrSourceRules, type CdrColumnIndex } from "@intersettle/shared";
import { totalsAsText, type TrafficTotalsText } from "../../domain/mediation/traffic-tally";
import type { TrunkPlan } from "../../domain/mediation/trunk-mapping";
import type { FxHistory } from "@intersettle/shared";
import { CallSignals, type PartnerSignals, type SignalWatch } from "../../domain/fraud/call-signals";
import type { CopyRows, RejectedRecord } from "./cdr-chunk-writer";
import { eachCsvRecord, isStorableText, monthKey, storableRaw, type CsvBlock, type UnreadableRecord } from "@intersettle/shared";
import type { DestinationLookup } from "../reference-data/destination-labels";
import { RatedCdrBatch } from "./rated-cdr-batch";

/** Which file's calls these are and how to read them. */
export interface BlockSource {
  sourceId: string;
  jobId: string;
  hubCurrency: string;
  layout: CdrLayout;
  rules: CdrSourceRules;
  columns: CdrColumnIndex;
}

/** Everything rating one file's calls needs, fixed when its job starts. */
export interface BlockRating extends BlockSource {
  trunks: TrunkPlan;
  billable: BillableRules;
  pricing: PricingLookup;
  labels: DestinationLookup;
  fx: FxHistory;
  /** What the fraud rules need seen per call. */
  signals: SignalWatch;
}

/** A block's calls rated and encoded for COPY, its rejects, and its traffic summed: all a chunk's write needs. */
export interface RatedBlock {
  rows: CopyRows;
  traffic: TrafficTotalsText;
  rejected: RejectedRecord[];
  /** The block's last line: where a job resumes once the block is written. */
  lastLine: number;
  /** The months (YYYY-MM) the calls start in: their partitions must exist before the write. */
  months: string[];
  /** The partners BLOCKED when the block was rated (their calls are marked). */
  blocked: string[];
  signals: PartnerSignals[];
}

/**
 * Parses, normalizes and rates both legs of every call of a block after line `skipThrough` (a header, or lines written
 * before a crash); calls of the `blocked` partners are marked.
 */
export function rateBlock(block: CsvBlock, skipThrough: number, rating: BlockRating, blocked: string[] = []): RatedBlock {
  const { layout, columns, rules, trunks, billable, pricing, labels, fx } = rating;
  const rows = new RatedCdrBatch(rating.hubCurrency, new Set(blocked));
  const signals = new CallSignals(rating.signals);
  const rejected: RejectedRecord[] = [];
  const days = new Set<number>();
  const storable = isStorableText(block.bytes);
  const onRecord = (values: string[], line: number) => {
    if (line <= skipThrough) return;
    const parsed = parseCdr(values, columns, layout, rules, storable);
    if (!parsed.cdr) {
      rejected.push({ line, field: parsed.problem!.field, reason: parsed.problem!.message, raw: storableRaw(values.join(layout.delimiter)) });
      return;
    }
    const cdr = parsed.cdr;
    const day = Math.floor(cdr.start.getTime() / DAY_MS);
    days.add(day);
    const rated = rateCdr(cdr, trunks, billable, pricing);
    rows.add(rating.sourceId, rating.jobId, line, cdr, rated, labels.label(cdr.bNumber) ?? null, fx.on(day));
    if (rated.customer) signals.add(rated.customer.partnerId, cdr.callId, cdr.bNumber, cdr.start.getTime(), cdr.durationSeconds, rated.billable);
  };
  // A record the reader cannot delimit is quarantined whole; its later lines are read as records of their own.
  const onUnreadable = ({ line, raw, reason }: UnreadableRecord) => {
    if (line > skipThrough) rejected.push({ line, field: "record", reason, raw: storableRaw(raw) });
  };
  eachCsvRecord(block.bytes, layout.delimiter, { onRecord, onUnreadable }, block.firstLine);
  const months = new Set([...days].map((day) => monthKey(day * DAY_MS)));
  return { rows: rows.copyRows(), traffic: totalsAsText(rows.traffic.totals()), rejected, lastLine: block.firstLine + block.lines - 1, months: [...months], blocked, signals: signals.summary() };
}

const DAY_MS = 86_400_000;
