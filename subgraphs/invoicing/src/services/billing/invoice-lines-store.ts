import type { EntityManager } from "typeorm";
import { Decimal, newId, type Period } from "@intersettle/shared";
import { DocumentKind, Invoice, InvoiceLineEntity, InvoiceSide, InvoiceStatus } from "../../entities";
import { invoiceTotals, NOT_USAGE_KINDS, type InvoiceLine, type SettlementTerms } from "../../domain";

/** A line as the domain bills it: a credit note's lines take usage away, so they count negated. */
export function toDomainLine(row: InvoiceLineEntity, invoice: Pick<Invoice, "side" | "kind">): InvoiceLine {
  const sign = invoice.kind === DocumentKind.CREDIT_NOTE ? -1 : 1;
  return {
    side: invoice.side,
    period: periodOf(row.periodStart, row.periodEnd),
    kind: row.kind,
    usage: {
      service: row.service,
      destination: row.destination,
      prefix: row.prefix,
      rate: row.rate,
      rateVersion: row.rateVersion,
      currency: row.usageCurrency,
      calls: sign * row.calls,
      unit: row.unit,
      quantity: sign * row.quantity,
      amount: row.amount.times(sign),
      exactAmount: row.exactAmount.times(sign),
    },
    currency: row.currency,
    exchangeRate: row.exchangeRate,
    net: row.net.times(sign),
  };
}

/** The rows that store domain lines on a document (negated again on a credit note), numbered after `after`. */
export function lineRows(lines: InvoiceLine[], invoice: Pick<Invoice, "id" | "kind">, after: number): InvoiceLineEntity[] {
  const sign = invoice.kind === DocumentKind.CREDIT_NOTE ? -1 : 1;
  return lines.map((l, i) =>
    Object.assign(new InvoiceLineEntity(), {
      id: newId(),
      invoiceId: invoice.id,
      position: after + i + 1,
      kind: l.kind,
      periodStart: l.period.start,
      periodEnd: l.period.end,
      service: l.usage.service,
      destination: l.usage.destination,
      prefix: l.usage.prefix,
      rate: l.usage.rate,
      rateVersion: l.usage.rateVersion,
      usageCurrency: l.usage.currency,
      calls: sign * l.usage.calls,
      unit: l.usage.unit,
      quantity: sign * l.usage.quantity,
      amount: l.usage.amount.times(sign),
      exactAmount: l.usage.exactAmount.times(sign),
      currency: l.currency,
      exchangeRate: l.exchangeRate,
      net: l.net.times(sign),
    }),
  );
}

/**
 * Stores lines in one statement of column arrays. A billing run writes a partner's whole month at once, and TypeORM's
 * multi-row insert binds every value as its own parameter: it spent more time building the statement than PostgreSQL
 * took to run it, and a statement cannot carry more than 65,535 parameters (3,276 lines of 20 columns).
 */
export async function insertLines(manager: EntityManager, rows: InvoiceLineEntity[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(value: (row: InvoiceLineEntity) => T) => rows.map(value);
  const decimal = (value: Decimal | null) => value?.toFixed() ?? null;
  await manager.query(
    `INSERT INTO invoicing.invoice_line (id, invoice_id, position, kind, period_start, period_end, service, destination, prefix, rate, rate_version,
       usage_currency, calls, unit, quantity, amount, exact_amount, currency, exchange_rate, net)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::numeric[],
       $11::int[], $12::char(3)[], $13::int[], $14::text[], $15::bigint[], $16::numeric[], $17::numeric[], $18::char(3)[], $19::numeric[], $20::numeric[])`,
    [
      column((r) => r.id), column((r) => r.invoiceId), column((r) => r.position), column((r) => r.kind), column((r) => r.periodStart), column((r) => r.periodEnd),
      column((r) => r.service), column((r) => r.destination), column((r) => r.prefix), column((r) => decimal(r.rate)), column((r) => r.rateVersion),
      column((r) => r.usageCurrency), column((r) => r.calls), column((r) => r.unit), column((r) => r.quantity), column((r) => decimal(r.amount)),
      column((r) => decimal(r.exactAmount)), column((r) => r.currency), column((r) => decimal(r.exchangeRate)), column((r) => decimal(r.net)),
    ],
  );
}

/** Every line billed so far for a partner's side and period, on any document (drafts, issued, void, notes). */
export async function billedLines(manager: EntityManager, partnerId: string, side: InvoiceSide, period: Pick<Period, "start" | "end">): Promise<InvoiceLine[]> {
  const rows = await manager
    .getRepository(InvoiceLineEntity)
    .createQueryBuilder("l")
    .innerJoinAndMapOne("l.invoice", Invoice, "i", "i.id = l.invoice_id")
    .where("i.partner_id = :partnerId AND i.side = :side AND l.period_start = :start AND l.period_end = :end", { partnerId, side, start: period.start, end: period.end })
    .andWhere("l.kind <> ALL(:notUsage)", { notUsage: NOT_USAGE_KINDS })
    .getMany();
  return rows.map((row) => toDomainLine(row, (row as InvoiceLineEntity & { invoice: Invoice }).invoice));
}

/** Sets a document's totals from all of its lines: the sum of the lines is the net, always. */
export async function refreshTotals(manager: EntityManager, invoice: Invoice, terms: SettlementTerms): Promise<Invoice> {
  const rows = await manager.find(InvoiceLineEntity, { where: { invoiceId: invoice.id } });
  // Stored as printed: a credit note's lines are positive, and so are its totals.
  const printed = rows.map((row) => toDomainLine(row, { side: invoice.side, kind: DocumentKind.INVOICE }));
  const totals = invoiceTotals(printed, { ...terms, currency: invoice.currency, taxRatePercent: invoice.taxRatePercent });
  Object.assign(invoice, { net: totals.net, tax: totals.tax, gross: totals.gross, exchangeRates: totals.exchangeRates });
  return manager.save(invoice);
}

export function periodOf(start: Date, end: Date): Period {
  // Lines carry instants only; local dates are not needed to compare or bill them.
  return { start, end, firstDate: "", lastDate: "" };
}

export function newDraft(fields: { partnerId: string; side: InvoiceSide; kind: DocumentKind; period: Pick<Period, "start" | "end">; terms: SettlementTerms; correctsId?: string | null; reason?: string | null }): Invoice {
  return Object.assign(new Invoice(), {
    id: newId(),
    partnerId: fields.partnerId,
    side: fields.side,
    kind: fields.kind,
    status: InvoiceStatus.DRAFT,
    number: null,
    periodStart: fields.period.start,
    periodEnd: fields.period.end,
    timezone: fields.terms.timezone,
    currency: fields.terms.currency,
    net: new Decimal(0),
    taxRatePercent: fields.terms.taxRatePercent,
    tax: new Decimal(0),
    gross: new Decimal(0),
    settledAmount: new Decimal(0),
    exchangeRates: [],
    correctsId: fields.correctsId ?? null,
    reason: fields.reason ?? null,
    approvedAt: null,
    issuedAt: null,
    issueDate: null,
    dueDate: null,
    createdAt: new Date(),
  });
}
