import { Readable } from "node:stream";
import Papa from "papaparse";
import { RatedService, type Principal } from "@intersettle/shared";
import type { LcrRow } from "../../domain/routing-index";
import type { LiveRoutingIndex } from "./live-routing-index";
import type { RouteQueries } from "./route-queries";
import { DEFAULT_ROUTE_LIMIT } from "./route-queries";

export interface LcrExportQuery {
  customerId: string;
  at: Date;
  service: RatedService;
  /** Vendor columns: the plan's maximum routes unless given. */
  routes?: number;
}

/** Rows per chunk written: large enough to keep the stream cheap, small enough to hold nothing of size. */
const ROWS_PER_CHUNK = 500;

/**
 * A customer's LCR table as CSV, for switches: per prefix its sell rate and then, rank by rank, each vendor's code, rate,
 * currency and cost in the sell currency. Rows are computed as the client reads them (a stream pulled through the
 * gateway), so a table of any size is never built whole. A partner gets its own prefixes and sell rates only.
 */
export class LcrExport {
  constructor(private readonly index: LiveRoutingIndex, private readonly queries: RouteQueries, private readonly codes: (partnerId: string) => string | undefined) {}

  async csv(principal: Principal, query: LcrExportQuery): Promise<{ filename: string; body: Readable }> {
    await this.queries.assertCustomer(principal, query.customerId);
    const ranks = principal.kind === "partner" ? 0 : (query.routes ?? this.index.maxRoutes(query.customerId, query.at) ?? DEFAULT_ROUTE_LIMIT);
    const header = ["prefix", "destination", "sell_rate", "currency"];
    for (let i = 1; i <= ranks; i++) header.push(`vendor_${i}`, `rate_${i}`, `currency_${i}`, `cost_${i}`);
    const rows = this.index.lcrTable(query.customerId, query.at, query.service);
    const own = principal.kind === "partner";
    const record = (row: LcrRow): string[] | undefined => {
      // A partner sees the prefixes of its own sell card, not those only vendors' cards hold.
      if (own && row.sell?.prefix !== row.prefix) return undefined;
      const cells = [row.prefix, row.destination, row.sell?.rate.toFixed() ?? "", row.sell?.currency ?? ""];
      for (let i = 0; i < ranks; i++) {
        const r = row.routes[i];
        cells.push(r ? (this.codes(r.vendorId) ?? r.vendorId) : "", r?.rate.toFixed() ?? "", r?.currency ?? "", r?.cost.toFixed() ?? "");
      }
      return cells;
    };
    const body = Readable.from(chunks(header, rows, record), { objectMode: false, highWaterMark: 64 * 1024 });
    return { filename: `lcr-${query.customerId}-${query.at.toISOString().slice(0, 10)}.csv`, body };
  }
}

function* chunks(header: string[], rows: Iterable<LcrRow>, record: (row: LcrRow) => string[] | undefined): Generator<string> {
  const csv = (records: string[][]) => Papa.unparse(records, { newline: "\r\n" }) + "\r\n";
  yield csv([header]);
  let batch: string[][] = [];
  for (const row of rows) {
    const cells = record(row);
    if (cells) batch.push(cells);
    if (batch.length >= ROWS_PER_CHUNK) {
      yield csv(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield csv(batch);
}
