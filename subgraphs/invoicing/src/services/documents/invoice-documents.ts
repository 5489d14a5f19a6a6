import { ConflictError, localDate } from "@intersettle/shared";
import type { BillingAccount, Invoice, InvoiceLineEntity } from "../../entities";
import { billedMinutes, InvoiceSide, UsageUnit, type DocumentParty, type InvoiceDocument, type InvoiceDocumentLine } from "../../domain";
import type { IssuerSettings } from "./issuer-settings";

/**
 * What an issued invoice or note prints, from its stored rows: our details and the partner's (which side issues it
 * depends on who bills whom), the period as local dates, lines with their quantities written for a reader.
 */
export function invoiceDocument(invoice: Invoice, lines: InvoiceLineEntity[], account: BillingAccount, issuer: IssuerSettings, corrects?: string | null): InvoiceDocument {
  if (!invoice.number || !invoice.issueDate || !invoice.dueDate) throw new ConflictError(`Invoice ${invoice.id} is ${invoice.status}; documents exist for issued invoices only`, { field: "status" });
  const us: DocumentParty = { name: issuer.name, addressLines: issuer.addressLines, taxId: issuer.taxId, email: issuer.email };
  const partner: DocumentParty = { name: account.legalName, addressLines: [`Account ${account.code}`], email: account.billingEmails[0] };
  const receivable = invoice.side === InvoiceSide.RECEIVABLE;
  const period = localRange(invoice.periodStart, invoice.periodEnd, invoice.timezone);
  return {
    kind: invoice.kind,
    side: invoice.side,
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    period,
    timezone: invoice.timezone,
    currency: invoice.currency,
    issuer: receivable ? us : partner,
    recipient: receivable ? partner : us,
    lines: lines.map((line) => documentLine(line, invoice)),
    net: invoice.net,
    taxRatePercent: invoice.taxRatePercent,
    tax: invoice.tax,
    gross: invoice.gross,
    exchangeRates: invoice.exchangeRates,
    paymentDetails: receivable ? issuer.paymentDetails : [],
    corrects: corrects ?? undefined,
    notes: invoice.reason ?? undefined,
  };
}

function documentLine(line: InvoiceLineEntity, invoice: Invoice): InvoiceDocumentLine {
  const minutes = billedMinutes(line);
  const otherPeriod = line.periodStart.getTime() !== invoice.periodStart.getTime();
  return {
    description: line.kind === "CORRECTION" || line.kind === "REVENUE_SHARE" ? line.destination : `${line.destination} (${line.prefix})`,
    destination: line.destination,
    service: line.service,
    period: otherPeriod ? localRange(line.periodStart, line.periodEnd, invoice.timezone) : undefined,
    calls: line.calls,
    quantity: minutes ? `${minutes.toFixed(2)} min` : line.unit === UsageUnit.UNIT ? `${line.quantity.toLocaleString("en-US")} ${line.service === "CORRECTION" ? "" : "units"}`.trim() : String(line.quantity),
    rate: line.rate,
    rateCurrency: line.usageCurrency,
    exchangeRate: line.exchangeRate,
    net: line.net,
  };
}

function localRange(start: Date, end: Date, timezone: string): { from: string; to: string } {
  return { from: localDate(start, timezone), to: localDate(new Date(end.getTime() - 1), timezone) };
}
