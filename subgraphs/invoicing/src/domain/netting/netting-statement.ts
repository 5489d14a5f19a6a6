import { Decimal } from "@intersettle/shared";
import { InvoiceSide } from "../billing/invoice-side";
import { signedTotal, type SettlementDocument } from "./settlement-document";

/** Who pays whom after netting; SETTLED when the two sides cancel exactly. */
export type NettingDirection = "PARTNER_OWES_US" | "WE_OWE_PARTNER" | "SETTLED";

/** One document on a statement, with what it adds to its side (negative for a credit note). */
export interface NettingEntry {
  documentId: string;
  number: string;
  kind: SettlementDocument["kind"];
  issueDate: string;
  amount: Decimal;
}

/** The netting of one currency; currencies are never converted into each other. */
export interface CurrencyNetting {
  currency: string;
  /** What the partner owes us: receivable invoices and debit notes less credit notes. */
  receivable: Decimal;
  /** What we owe the partner, likewise from the payable documents. */
  payable: Decimal;
  /** receivable − payable: positive when the partner owes us. */
  net: Decimal;
  direction: NettingDirection;
  /** The net without its sign: what the owing side pays. */
  amount: Decimal;
  receivableEntries: NettingEntry[];
  payableEntries: NettingEntry[];
}

/** Local dates (YYYY-MM-DD) in the partner's timezone, both included. */
export interface NettingPeriod {
  firstDate: string;
  lastDate: string;
}

export interface NettingStatement {
  period: NettingPeriod;
  /** One per currency that has a document in the period, in currency order. */
  currencies: CurrencyNetting[];
}

/**
 * The netting statement of a partner that is both customer and vendor: of its `documents`, those issued in
 * `period` (by issue date in its timezone), per currency, receivable minus payable and who owes whom. A voided
 * invoice is passed with the credit note that voided it, so the pair shows and nets to nothing. Drafts must not be
 * passed. Sums of amounts already in the currency's minor units, so net = receivable − payable exactly.
 */
export function nettingStatement(documents: SettlementDocument[], period: NettingPeriod): NettingStatement {
  const byCurrency = new Map<string, CurrencyNetting>();
  const inPeriod = documents.filter((d) => d.issueDate >= period.firstDate && d.issueDate <= period.lastDate).sort(byIssue);
  for (const document of inPeriod) {
    let netting = byCurrency.get(document.currency);
    if (!netting) {
      netting = { currency: document.currency, receivable: new Decimal(0), payable: new Decimal(0), net: new Decimal(0), direction: "SETTLED", amount: new Decimal(0), receivableEntries: [], payableEntries: [] };
      byCurrency.set(document.currency, netting);
    }
    const entry: NettingEntry = { documentId: document.id, number: document.number, kind: document.kind, issueDate: document.issueDate, amount: signedTotal(document) };
    if (document.side === InvoiceSide.RECEIVABLE) {
      netting.receivable = netting.receivable.plus(entry.amount);
      netting.receivableEntries.push(entry);
    } else {
      netting.payable = netting.payable.plus(entry.amount);
      netting.payableEntries.push(entry);
    }
  }
  const currencies = [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  for (const netting of currencies) {
    netting.net = netting.receivable.minus(netting.payable);
    netting.amount = netting.net.abs();
    netting.direction = netting.net.isZero() ? "SETTLED" : netting.net.isPositive() ? "PARTNER_OWES_US" : "WE_OWE_PARTNER";
  }
  return { period, currencies };
}

function byIssue(a: SettlementDocument, b: SettlementDocument): number {
  return a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}
