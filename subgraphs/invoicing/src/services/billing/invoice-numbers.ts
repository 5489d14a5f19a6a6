import type { EntityManager } from "typeorm";
import { DocumentKind, InvoiceSide } from "../../entities";

/** Our own documents and our records of what partners bill us are numbered apart. */
const SERIES: Record<InvoiceSide, Record<DocumentKind, string>> = {
  [InvoiceSide.RECEIVABLE]: { [DocumentKind.INVOICE]: "INV", [DocumentKind.DEBIT_NOTE]: "DN", [DocumentKind.CREDIT_NOTE]: "CN" },
  [InvoiceSide.PAYABLE]: { [DocumentKind.INVOICE]: "BILL", [DocumentKind.DEBIT_NOTE]: "BDN", [DocumentKind.CREDIT_NOTE]: "BCN" },
};

export function seriesOf(side: InvoiceSide, kind: DocumentKind): string {
  return SERIES[side][kind];
}

/**
 * The next number of a series in a year, e.g. INV-2026-000042. The counter row stays locked until the issuing
 * transaction ends: concurrent issuers wait in turn, and a rolled-back issue gives its number back, so there are no gaps.
 */
export async function nextInvoiceNumber(manager: EntityManager, series: string, year: number): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO invoicing.invoice_number (series, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (series, year) DO UPDATE SET last_number = invoicing.invoice_number.last_number + 1
     RETURNING last_number`,
    [series, year],
  );
  return `${series}-${year}-${String(row.last_number).padStart(6, "0")}`;
}
