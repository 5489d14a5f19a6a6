import { Decimal, isDecimalText } from "@intersettle/shared";
import type { CreditMovement } from "./credit-figures";

/** An event of the log as credit control reads it (no database types here). */
export interface LoggedEvent {
  topic: string;
  type: string;
  key: string;
  payload: unknown;
}

/** What one consumed event means for a partner's credit. */
export type CreditIntake =
  | { kind: "movement"; partnerId: string; movement: CreditMovement; currency: string; amount: Decimal; reference: string | null; note: string | null }
  | { kind: "fraud"; partnerId: string; alertId: string; rule: string; summary: string }
  /** Nothing to do with credit: a vendor leg, a payable document, a payment made, an alert that blocks nothing. */
  | { kind: "ignored" }
  /** Not in the agreed shape; skipped with the problem logged, so one bad event cannot stall the consumer. */
  | { kind: "unreadable"; problem: string };

type Payload = Record<string, unknown>;

class Unreadable extends Error {}

function text(p: Payload, field: string): string {
  const value = p[field];
  if (typeof value !== "string" || value.length === 0) throw new Unreadable(`${field} is not a string`);
  return value;
}

function amount(p: Payload, field: string): Decimal {
  const value = p[field];
  if (typeof value === "number" && Number.isFinite(value)) return new Decimal(value);
  if (typeof value !== "string" || !isDecimalText(value)) throw new Unreadable(`${field} is not a decimal amount`);
  return new Decimal(value);
}

/** Reads a traffic, invoices or fraud event (see the traffic contract and invoicing's invoice-events.ts). */
export function readCreditIntake(event: LoggedEvent): CreditIntake {
  if (typeof event.payload !== "object" || event.payload === null) return { kind: "unreadable", problem: "payload is not an object" };
  const p = event.payload as Payload;
  try {
    switch (event.type) {
      case "traffic.batch":
        return trafficBatch(p);
      case "invoice.issued":
        return invoiceIssued(p);
      case "invoice.voided":
        return invoiceVoided(p);
      case "payment.received":
        return paymentReceived(p);
      case "fraud.alert_raised":
        return p.autoBlock === true ? { kind: "fraud", partnerId: text(p, "partnerId"), alertId: text(p, "alertId"), rule: text(p, "rule"), summary: typeof p.summary === "string" ? p.summary : "" } : { kind: "ignored" };
      default:
        return { kind: "ignored" };
    }
  } catch (err) {
    if (err instanceof Unreadable) return { kind: "unreadable", problem: `${event.type}: ${err.message}` };
    throw err;
  }
}

function trafficBatch(p: Payload): CreditIntake {
  // What the partner owes us is its CUSTOMER leg; a VENDOR leg is what we owe it.
  if (p.role !== "CUSTOMER") return { kind: "ignored" };
  // Without an exchange rate rating leaves the amount in the card's currency (`convertedFrom`).
  const currency = p.unconverted === true && typeof p.convertedFrom === "string" ? p.convertedFrom : text(p, "currency");
  const calls = typeof p.calls === "number" ? p.calls : 0;
  const seconds = typeof p.seconds === "number" ? p.seconds : 0;
  const usage = amount(p, "amount");
  return {
    kind: "movement",
    partnerId: text(p, "partnerId"),
    movement: { kind: "USAGE", amount: usage },
    currency,
    amount: usage,
    reference: typeof p.jobId === "string" ? p.jobId : null,
    note: `${calls} calls, ${seconds} s${p.blocked === true ? ", rated while blocked" : ""}`,
  };
}

/** Only documents we issue to the partner (RECEIVABLE) are what it owes. */
function isReceivable(p: Payload): boolean {
  return p.side === "RECEIVABLE";
}

function invoiceIssued(p: Payload): CreditIntake {
  if (!isReceivable(p)) return { kind: "ignored" };
  const gross = amount(p, "gross");
  // Events from before `net` was carried name only the gross: taken as untaxed.
  const net = p.net === undefined ? gross : amount(p, "net");
  const kind = text(p, "kind");
  if (kind !== "INVOICE" && kind !== "DEBIT_NOTE" && kind !== "CREDIT_NOTE") throw new Unreadable(`kind ${kind} is not a document kind`);
  return { kind: "movement", partnerId: text(p, "partnerId"), movement: { kind, net, gross }, currency: text(p, "currency"), amount: gross, reference: typeof p.number === "string" ? p.number : null, note: null };
}

function invoiceVoided(p: Payload): CreditIntake {
  if (!isReceivable(p) || p.kind !== "INVOICE") return { kind: "ignored" };
  const gross = amount(p, "gross");
  const net = p.net === undefined ? gross : amount(p, "net");
  return { kind: "movement", partnerId: text(p, "partnerId"), movement: { kind: "VOID", net }, currency: text(p, "currency"), amount: gross, reference: typeof p.number === "string" ? p.number : null, note: "voided by a credit note for the whole of it; its usage is billed again" };
}

function paymentReceived(p: Payload): CreditIntake {
  const paid = amount(p, "amount");
  return { kind: "movement", partnerId: text(p, "partnerId"), movement: { kind: "PAYMENT", amount: paid }, currency: text(p, "currency"), amount: paid, reference: typeof p.reference === "string" ? p.reference : null, note: null };
}

const LABELS: Record<CreditMovement["kind"], string> = {
  USAGE: "usage",
  INVOICE: "invoice",
  DEBIT_NOTE: "debit note",
  CREDIT_NOTE: "credit note",
  VOID: "void of invoice",
  PAYMENT: "payment",
};

/** "payment WIRE-7", "credit note CN-2026-000001": what moved the exposure, as reasons name it. */
export function movementLabel(kind: CreditMovement["kind"], reference: string | null): string {
  return reference ? `${LABELS[kind]} ${reference}` : LABELS[kind];
}
