import type { NewEvent } from "@intersettle/shared";
import type { Invoice } from "../../entities";

export interface InvoiceEventPayload {
  invoiceId: string;
  partnerId: string;
  number: string | null;
  side: string;
  kind: string;
  status: string;
  currency: string;
  /** Before tax; a credit note's amounts are positive, as printed. */
  net: string;
  tax: string;
  gross: string;
  settledAmount: string;
  openAmount: string;
  dueDate: string | null;
}

/** An `invoices` event about one document, as credit control reads it: amounts as exact strings. */
export function invoiceEvent(type: string, invoice: Invoice): NewEvent<InvoiceEventPayload> {
  return {
    topic: "invoices",
    type,
    key: invoice.partnerId,
    producer: "invoicing",
    payload: {
      invoiceId: invoice.id,
      partnerId: invoice.partnerId,
      number: invoice.number,
      side: invoice.side,
      kind: invoice.kind,
      status: invoice.status,
      currency: invoice.currency,
      net: invoice.net.toFixed(),
      tax: invoice.tax.toFixed(),
      gross: invoice.gross.toFixed(),
      settledAmount: invoice.settledAmount.toFixed(),
      openAmount: invoice.gross.minus(invoice.settledAmount).toFixed(),
      dueDate: invoice.dueDate,
    },
  };
}
