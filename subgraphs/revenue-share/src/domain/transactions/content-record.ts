import { parseRecordTime, quoted, timeFaultReason, trimPadding, unstorableValue } from "@intersettle/shared";
import { amountExceeds, parseAmount } from "./content-amount";
import { COLUMN_MAX_LENGTH, ContentTransactionStatus, REVERSALS, TRANSACTION_COLUMNS, type TransactionColumn, type TransactionColumns } from "./transaction-layout";

/** What ingestion knows of a content service: transactions name it by code and must be in its currency. */
export interface ServiceForIngestion {
  id: string;
  code: string;
  currency: string;
  /** A retired service is no longer sold: its transactions are refused. */
  retired: boolean;
}

/** What a record is read against, fixed when its job starts. */
export interface TransactionRules {
  /** The source's IANA zone: occurred_at without an offset is its local time. */
  timezone: string;
  /** The earliest and latest occurred_at accepted, epoch milliseconds. */
  earliestMs: number;
  latestMs: number;
  service(code: string): ServiceForIngestion | undefined;
}

/** A content transaction as it is stored; amounts are plain decimals (see parseAmount). */
export interface ContentTransaction {
  transactionId: string;
  serviceId: string;
  subscriber: string;
  occurredMs: number;
  status: ContentTransactionStatus;
  gross: string;
  tax: string;
  currency: string;
  /** The CHARGED transaction a REFUNDED or CHARGEBACK one reverses; null otherwise. */
  originalTransactionId: string | null;
  /** A CHARGED transaction that will not be collected. */
  badDebt: boolean;
}

/** Why a record cannot be used, naming its column ("record" when none is at fault). */
export interface RecordProblem {
  field: TransactionColumn | "record";
  reason: string;
}

export type ParsedRecord = { transaction: ContentTransaction; problem?: undefined } | { transaction?: undefined; problem: RecordProblem };

const STATUSES = new Set<string>(Object.values(ContentTransactionStatus));
const TRUE = new Set(["true", "1", "yes", "y"]);
const FALSE = new Set(["", "false", "0", "no", "n"]);

/**
 * Reads one record into a transaction, or names the first column that makes it unusable and why: text the storage
 * cannot take, an empty required value, an unknown or retired service, a time that is not one or lies outside the
 * window, a status, amount or flag that is not one, tax above gross, a currency other than the service's, a reversal
 * without its original or a charge naming one.
 */
export function parseContentRecord(values: string[], columns: TransactionColumns, rules: TransactionRules): ParsedRecord {
  for (const column of TRANSACTION_COLUMNS) {
    const at = columns[column];
    const text = at === undefined ? undefined : values[at];
    if (text === undefined) continue;
    const max = COLUMN_MAX_LENGTH[column];
    // Checked inline: it runs for every value of every record.
    if (text.length > max || text.indexOf("\u0000") !== -1 || text.indexOf("\uFFFD") !== -1) return rejected(column, unstorableValue(column, text, max)!);
  }
  const value = (column: TransactionColumn) => {
    const at = columns[column];
    return at === undefined ? "" : trimPadding(values[at] ?? "");
  };

  const transactionId = value("transaction_id");
  if (!transactionId) return rejected("transaction_id", "transaction_id is empty");
  const code = value("service_code");
  if (!code) return rejected("service_code", "service_code is empty");
  const service = rules.service(code);
  if (!service) return rejected("service_code", `service_code ${quoted(code)} is not a content service`);
  if (service.retired) return rejected("service_code", `content service ${code} is retired: its transactions are refused`);
  const subscriber = value("subscriber");
  if (!subscriber) return rejected("subscriber", "subscriber is empty");

  const occurredText = value("occurred_at");
  if (!occurredText) return rejected("occurred_at", "occurred_at is empty");
  const occurredMs = parseRecordTime(occurredText, rules.timezone);
  if (typeof occurredMs === "string") return rejected("occurred_at", timeFaultReason("occurred_at", occurredMs, occurredText, undefined));
  if (occurredMs < rules.earliestMs) return rejected("occurred_at", `occurred_at ${occurredText} is before ${utcMinute(rules.earliestMs)}, the earliest accepted`);
  if (occurredMs > rules.latestMs) return rejected("occurred_at", `occurred_at ${occurredText} is after ${utcMinute(rules.latestMs)}, the latest accepted`);

  const statusText = value("status");
  const status = statusText.toUpperCase();
  if (!STATUSES.has(status)) return rejected("status", statusText ? `status ${quoted(statusText)} must be CHARGED, FAILED, REFUNDED or CHARGEBACK` : "status is empty");
  const reversal = REVERSALS.has(status);

  const grossText = value("gross");
  const gross = parseAmount(grossText);
  if (gross === undefined) return rejected("gross", grossText ? `gross ${quoted(grossText)} ${NOT_AN_AMOUNT}` : "gross is empty");
  if (reversal && gross === "0") return rejected("gross", `gross of a ${status} transaction is the amount given back: more than 0`);
  const taxText = value("tax");
  const tax = taxText ? parseAmount(taxText) : "0";
  if (tax === undefined) return rejected("tax", `tax ${quoted(taxText)} ${NOT_AN_AMOUNT}`);
  if (amountExceeds(tax, gross)) return rejected("tax", `tax ${tax} is more than gross ${gross}: gross includes its tax`);

  const currency = value("currency");
  if (!currency) return rejected("currency", "currency is empty");
  if (currency !== service.currency) return rejected("currency", `currency ${quoted(currency)} is not ${service.code}'s currency ${service.currency}`);

  const original = value("original_transaction_id");
  if (reversal && !original) return rejected("original_transaction_id", `a ${status} transaction must name the CHARGED transaction it reverses in original_transaction_id`);
  if (!reversal && original) return rejected("original_transaction_id", `original_transaction_id is only for REFUNDED and CHARGEBACK transactions, not ${status}`);
  if (original === transactionId) return rejected("original_transaction_id", `transaction ${quoted(transactionId)} cannot reverse itself`);

  const badDebtText = value("bad_debt").toLowerCase();
  const badDebt = TRUE.has(badDebtText);
  if (!badDebt && !FALSE.has(badDebtText)) return rejected("bad_debt", `bad_debt ${quoted(value("bad_debt"))} must be true or false`);
  if (badDebt && status !== ContentTransactionStatus.CHARGED) return rejected("bad_debt", `bad_debt applies to CHARGED transactions, not ${status}`);

  return {
    transaction: {
      transactionId, serviceId: service.id, subscriber, occurredMs, status: status as ContentTransactionStatus, gross, tax, currency, originalTransactionId: original || null, badDebt,
    },
  };
}

const NOT_AN_AMOUNT = "is not an amount: a plain decimal of 0 or more, at most 12 digits before the point and 6 after";

function rejected(field: RecordProblem["field"], reason: string): ParsedRecord {
  return { problem: { field, reason } };
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
