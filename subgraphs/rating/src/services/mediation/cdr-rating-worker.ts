import { parentPort, workerData } from "node:worker_threads";
import { FxHistory } from "@intersettle/shared";
import { planTrunks } from "../../domain/mediation/trunk-mapping";
import { buildRatingCard } from "@intersettle/shared";
import { rateBlock, type BlockRating } from "./cdr-block-rating";
import type { CsvBlock } from "@intersettle/shared";
import type { BlockRatingSnapshot } from "./cdr-rating-pool";
import { destinationLookup } from "../reference-data/destination-labels";
import { pricingLookup } from "./partner-pricing";
import { rateRow } from "../tariffs/rating-card-cache";
import { irsfIndex } from "../../domain/fraud/irsf-ranges";

/** A CDR rating thread: rebuilds the job's rating context (cards, and the plans that choose them) once, then rates the blocks it is sent. */
function ratingFrom(s: BlockRatingSnapshot): BlockRating {
  const cards = s.cards.map((c) => ({
    partnerId: c.partnerId,
    direction: c.direction,
    service: c.spec.service,
    pricing: { card: buildRatingCard(c.spec, c.records.map(rateRow)), cardId: c.cardId, rounding: c.rounding },
    records: [],
  }));
  return {
    sourceId: s.sourceId, jobId: s.jobId, hubCurrency: s.hubCurrency, layout: s.layout, rules: s.rules, columns: s.columns,
    trunks: planTrunks(s.mappings), billable: s.billable, pricing: pricingLookup({ cards, plans: s.plans, agreements: s.agreements, timezones: s.timezones }), labels: destinationLookup(s.destinations), fx: new FxHistory(s.exchangeRates),
    signals: { irsf: s.irsfRanges.length > 0 ? irsfIndex(s.irsfRanges) : null, pumping: new Map(s.pumping) },
  };
}

const rating = ratingFrom(workerData as BlockRatingSnapshot);

parentPort!.on("message", ({ block, skipThrough, blocked }: { block: CsvBlock; skipThrough: number; blocked: string[] }) => {
  try {
    const bytes = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
    const rated = rateBlock({ ...block, bytes }, skipThrough, rating, blocked);
    // COPY messages are handed over, not copied: each sealed message owns its memory, bar a small last one.
    const owned = new Set(rated.rows.copyData.filter((m) => m.byteOffset === 0 && m.byteLength === m.buffer.byteLength).map((m) => m.buffer as ArrayBuffer));
    parentPort!.postMessage({ rated }, [...owned]);
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
