import { Decimal, type SubgraphClient } from "@intersettle/shared";
import { exchangeRateTable, type ExchangeRateLookup } from "../../domain";

const CONVERT = `query InvoicingRate($from: String!, $to: String!, $on: String!) {
  convertAmount(amount: "1", from: $from, to: $to, on: $on) { converted }
}`;

/** Exchange rates in force on a date, from the rating subgraph that keeps them; asked once per currency pair. */
export class ExchangeRates {
  constructor(private readonly rating: SubgraphClient) {}

  async lookup(pairs: Array<{ from: string; to: string }>, on: string): Promise<ExchangeRateLookup> {
    const table: Record<string, Decimal> = {};
    for (const { from, to } of pairs) {
      if (from === to || table[`${from}/${to}`]) continue;
      try {
        const { convertAmount } = await this.rating.query<{ convertAmount: { converted: string } }>(CONVERT, { from, to, on });
        table[`${from}/${to}`] = new Decimal(convertAmount.converted);
      } catch {
        // Missing: the billing run reports which pair it lacked (MissingExchangeRateError) rather than a transport error.
      }
    }
    return exchangeRateTable(table);
  }
}
