import readline from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { downloadAudience, PRINCIPAL_HEADER, signPrincipal, SubgraphCallError, SubgraphClient, type ExchangeRateRecord, type Principal } from "@intersettle/shared";
import { readTariffExport, type TariffExport } from "./tariff-export";

const ROUTING: Principal = { kind: "service", service: "routing" };
const EXCHANGE_RATES = `query($after: String) { exchangeRates(first: 500, after: $after) { edges { node { base quote rate effectiveDate } } pageInfo { hasNextPage endCursor } } }`;

/** Rating's tariffs as routing reads them: the bulk export over HTTP (streamed), exchange rates through its API. */
export class RatingTariffs {
  private readonly graphql: SubgraphClient;

  constructor(private readonly ratingUrl: () => string, private readonly secret: string) {
    this.graphql = new SubgraphClient("rating", ratingUrl, secret, ROUTING);
  }

  /** Every plan, exchange rate and card in use; or, with `cardId`, that card alone. */
  async export(cardId?: string): Promise<TariffExport> {
    const base = this.ratingUrl().replace(/\/graphql$/, "");
    const response = await fetch(`${base}/files/tariff-export${cardId ? `?cardId=${encodeURIComponent(cardId)}` : ""}`, {
      headers: { [PRINCIPAL_HEADER]: signPrincipal(ROUTING, this.secret, { audience: downloadAudience("rating", "tariff-export"), ttlSeconds: 60 }) },
    });
    if (!response.ok || !response.body) throw new SubgraphCallError("rating", `tariff export answered HTTP ${response.status}: ${await response.text().catch(() => "")}`);
    const lines = readline.createInterface({ input: Readable.fromWeb(response.body as WebReadableStream), crlfDelay: Infinity });
    try {
      return await readTariffExport(lines);
    } finally {
      lines.close();
    }
  }

  async exchangeRates(): Promise<ExchangeRateRecord[]> {
    const records: ExchangeRateRecord[] = [];
    let after: string | null = null;
    do {
      const page: { exchangeRates: { edges: Array<{ node: ExchangeRateRecord }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.graphql.query(EXCHANGE_RATES, { after });
      records.push(...page.exchangeRates.edges.map((e) => ({ ...e.node, rate: String(e.node.rate) })));
      after = page.exchangeRates.pageInfo.hasNextPage ? page.exchangeRates.pageInfo.endCursor : null;
    } while (after);
    return records;
  }
}
