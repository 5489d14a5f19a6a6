import { Decimal, type ExchangeRateRecord, type PricePlanEntry, type RateRow, type TariffExportCard, type TariffExportEnd, type TariffExportLine, type TariffExportPricePlan, type TariffExportRate } from "@intersettle/shared";
import { loadCard } from "../../domain";
import type { LoadedCard } from "../../domain/route-types";

/** What rating's tariff export holds (routing contract): plans, exchange rates, and each card with its rates. */
export interface TariffExport {
  pricePlans: PricePlanEntry[];
  fx: ExchangeRateRecord[];
  cards: LoadedCard[];
  rates: number;
}

type PlanLine = TariffExportPricePlan;
type CardLine = TariffExportCard;
type RateLine = TariffExportRate;
type EndLine = TariffExportEnd;

/** The export was cut short or is not what the contract says: nothing of it is used. */
export class TariffExportError extends Error {}

/**
 * Reads the export line by line as it streams in: only the card being read is held as rows, each card is built for the
 * index as soon as its rates end. Without the closing `end` line (or with counts that disagree) the export failed.
 */
export async function readTariffExport(lines: AsyncIterable<string>): Promise<TariffExport> {
  const result: TariffExport = { pricePlans: [], fx: [], cards: [], rates: 0 };
  let card: { header: CardLine; rows: RateRow[] } | undefined;
  let ended: EndLine | undefined;
  let n = 0;
  const finishCard = () => {
    if (card) result.cards.push(loaded(card.header, card.rows));
    card = undefined;
  };
  for await (const text of lines) {
    n++;
    if (text.trim() === "") continue;
    if (ended) throw new TariffExportError(`line ${n} follows the end line`);
    let line: TariffExportLine;
    try {
      line = JSON.parse(text) as TariffExportLine;
    } catch {
      throw new TariffExportError(`line ${n} is not JSON`);
    }
    switch (line.kind) {
      case "price_plan":
        result.pricePlans.push(planEntry(line));
        break;
      case "fx":
        result.fx.push({ base: line.base, quote: line.quote, rate: line.rate, effectiveDate: line.effectiveDate });
        break;
      case "card":
        finishCard();
        card = { header: line, rows: [] };
        break;
      case "rate":
        if (!card || card.header.id !== line.cardId) throw new TariffExportError(`line ${n}: a rate of card ${line.cardId} outside that card's lines`);
        card.rows.push(rateRow(line));
        result.rates++;
        break;
      case "end":
        finishCard();
        ended = line;
        break;
      default:
        throw new TariffExportError(`line ${n} is of unknown kind ${JSON.stringify((line as { kind?: unknown }).kind)}`);
    }
  }
  if (!ended) throw new TariffExportError(`the export ended after ${n} lines without its end line: incomplete`);
  if (ended.cards !== result.cards.length || ended.rates !== result.rates) {
    throw new TariffExportError(`the end line counts ${ended.cards} cards and ${ended.rates} rates; ${result.cards.length} and ${result.rates} came`);
  }
  return result;
}

export function planEntry(line: Omit<PlanLine, "kind"> & { kind?: string }): PricePlanEntry {
  return {
    id: line.id,
    partnerId: line.partnerId,
    direction: line.direction,
    service: line.service,
    rateCardId: line.rateCardId,
    trunkMappingId: line.trunkMappingId ?? null,
    agreementId: line.agreementId ?? null,
    effectiveFrom: new Date(line.effectiveFrom),
    effectiveTo: line.effectiveTo ? new Date(line.effectiveTo) : null,
  };
}

function rateRow(line: RateLine): RateRow {
  return {
    prefix: line.prefix,
    destination: line.destination,
    timeBand: line.timeBand ?? null,
    rate: new Decimal(line.rate),
    nextRate: new Decimal(line.nextRate),
    connectFee: new Decimal(line.connectFee),
    initialInterval: line.initialInterval,
    nextInterval: line.nextInterval,
    gracePeriod: line.gracePeriod,
    effectiveFrom: new Date(line.effectiveFrom),
    effectiveTo: line.effectiveTo ? new Date(line.effectiveTo) : null,
    version: line.version,
  };
}

function loaded(header: CardLine, rows: RateRow[]): LoadedCard {
  const { id, partnerId, direction, service, currency, version, timezone, timeBands } = header;
  return loadCard({ id, partnerId, direction, service, currency, version, timezone, timeBands: timeBands ?? [] }, rows);
}
