import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { CreditMode, PartnerStatus } from "../src/domain/partner-profile";
import {
  BlockCause,
  CreditStanding,
  fraudBlock,
  operatorBlock,
  operatorUnblock,
  readCreditIntake,
  reviewCredit,
  standingOf,
  type AccountStatus,
  type CreditTerms,
} from "../src/domain/credit";

const d = (v: string | number) => new Decimal(v);
const postpaid: CreditTerms = { mode: CreditMode.POSTPAID, limit: d(1000), warningPercent: 80 };
const active: AccountStatus = { status: PartnerStatus.ACTIVE, blockCause: null };
const blockedBy = (cause: BlockCause | null): AccountStatus => ({ status: PartnerStatus.BLOCKED, blockCause: cause });
const at = (exposure: number | string, terms = postpaid) => ({ exposure: d(exposure), terms, currency: "USD" });

/** Plays exposures through reviews as the credit consumer does, carrying status and the warning flag along. */
function play(exposures: number[], start: AccountStatus = active, terms = postpaid) {
  let account = start;
  let warned = false;
  const log: Array<{ warn: boolean; status: PartnerStatus; cause: BlockCause | null }> = [];
  for (const e of exposures) {
    const review = reviewCredit(at(e, terms), account, warned, "usage");
    warned = review.warned;
    if (review.change) account = { status: review.change.status, blockCause: review.change.blockCause };
    log.push({ warn: review.warn, status: account.status, cause: account.blockCause });
  }
  return log;
}

describe("credit standing", () => {
  it("reads the limit and the threshold inclusively; a POSTPAID limit of 0 sets none, a PREPAID 0 allows no overdraft", () => {
    expect(standingOf(d("799.99"), postpaid)).toBe(CreditStanding.WITHIN_LIMIT);
    expect(standingOf(d("800"), postpaid)).toBe(CreditStanding.WARNING);
    expect(standingOf(d("1000"), postpaid)).toBe(CreditStanding.LIMIT_REACHED);
    expect(standingOf(d("1e9"), { ...postpaid, limit: d(0) })).toBe(CreditStanding.NO_LIMIT);
    expect(standingOf(d("-0.01"), { mode: CreditMode.PREPAID, limit: d(0), warningPercent: 80 })).toBe(CreditStanding.WITHIN_LIMIT);
    expect(standingOf(d("0"), { mode: CreditMode.PREPAID, limit: d(0), warningPercent: 80 })).toBe(CreditStanding.LIMIT_REACHED);
  });
});

describe("credit review", () => {
  it("warns once per crossing of the threshold, not on every batch above it", () => {
    const log = play([100, 810, 850, 900, 500, 820, 830]);
    expect(log.map((l) => l.warn)).toEqual([false, true, false, false, false, true, false]);
  });

  it("warns exactly as often as the exposure crosses up into the threshold", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 50 }), (exposures) => {
      const crossings = exposures.filter((e, i) => e >= 800 && (i === 0 || exposures[i - 1] < 800)).length;
      expect(play(exposures).filter((l) => l.warn).length).toBe(crossings);
    }));
  });

  it("blocks at the limit, for credit, naming exposure and limit; and lifts its own block once back under", () => {
    const block = reviewCredit(at("1000.5"), active, true, "usage of job 7");
    expect(block.change).toEqual({ status: PartnerStatus.BLOCKED, blockCause: BlockCause.CREDIT, reason: "Credit limit reached: exposure 1000.5 USD is at or above the limit of 1000 USD" });
    const lift = reviewCredit(at("400"), blockedBy(BlockCause.CREDIT), true, "payment WIRE-7");
    expect(lift.change).toEqual({ status: PartnerStatus.ACTIVE, blockCause: null, reason: "Credit block lifted after payment WIRE-7: exposure 400 USD is below the limit of 1000 USD" });
    expect(lift.warned).toBe(false);
  });

  it("never lifts or changes a block it did not set, nor touches a SUSPENDED or TERMINATED partner", () => {
    const others: AccountStatus[] = [blockedBy(BlockCause.OPERATOR), blockedBy(BlockCause.FRAUD), blockedBy(null), { status: PartnerStatus.SUSPENDED, blockCause: null }, { status: PartnerStatus.TERMINATED, blockCause: null }];
    fc.assert(fc.property(fc.constantFrom(...others), fc.array(fc.integer({ min: -500, max: 3000 }), { maxLength: 30 }), (start, exposures) => {
      expect(play(exposures, start).every((l) => l.status === start.status && l.cause === start.blockCause)).toBe(true);
    }));
  });

  it("is BLOCKED exactly while at or above the limit, starting ACTIVE", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -500, max: 3000 }), { maxLength: 40 }), (exposures) => {
      play(exposures).forEach((l, i) => expect(l.status).toBe(exposures[i] >= 1000 ? PartnerStatus.BLOCKED : PartnerStatus.ACTIVE));
    }));
  });

  it("never blocks without a limit", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 20 }), (exposures) => {
      expect(play(exposures, active, { ...postpaid, limit: d(0) }).every((l) => l.status === PartnerStatus.ACTIVE && !l.warn)).toBe(true);
    }));
  });
});

describe("operator and fraud blocks", () => {
  it("an operator blocks an ACTIVE or BLOCKED partner, over any cause; not a SUSPENDED one", () => {
    expect(operatorBlock(blockedBy(BlockCause.CREDIT), "fraud suspected")).toEqual({ ok: true, change: { status: PartnerStatus.BLOCKED, blockCause: BlockCause.OPERATOR, reason: "fraud suspected" } });
    expect(operatorBlock({ status: PartnerStatus.SUSPENDED, blockCause: null }, "x")).toMatchObject({ ok: false });
  });

  it("an operator's unblock lifts its block; at the limit the partner stays BLOCKED for credit; a credit block is not the operator's to lift", () => {
    expect(operatorUnblock(blockedBy(BlockCause.OPERATOR), at(10), "paid by wire")).toEqual({ ok: true, change: { status: PartnerStatus.ACTIVE, blockCause: null, reason: "paid by wire" } });
    expect(operatorUnblock(blockedBy(BlockCause.FRAUD), at(1500), "false alarm")).toMatchObject({ ok: true, change: { status: PartnerStatus.BLOCKED, blockCause: BlockCause.CREDIT } });
    expect(operatorUnblock(blockedBy(BlockCause.CREDIT), at(1500), "please")).toMatchObject({ ok: false, message: expect.stringContaining("exposure 1500 USD") });
    expect(operatorUnblock(blockedBy(BlockCause.CREDIT), at(10), "limit was wrong")).toMatchObject({ ok: true, change: { status: PartnerStatus.ACTIVE } });
    expect(operatorUnblock(active, at(0), "x")).toMatchObject({ ok: false });
  });

  it("a fraud alert blocks an ACTIVE or credit-blocked partner, and leaves an operator's or an earlier fraud block", () => {
    const alert = { alertId: "a-1", rule: "SPEND_PER_HOUR", summary: "spend 5,000 USD in an hour" };
    expect(fraudBlock(active, alert)).toEqual({ status: PartnerStatus.BLOCKED, blockCause: BlockCause.FRAUD, reason: "Fraud alert a-1 (SPEND_PER_HOUR): spend 5,000 USD in an hour" });
    expect(fraudBlock(blockedBy(BlockCause.CREDIT), alert)?.blockCause).toBe(BlockCause.FRAUD);
    expect(fraudBlock(blockedBy(BlockCause.OPERATOR), alert)).toBeUndefined();
    expect(fraudBlock(blockedBy(BlockCause.FRAUD), alert)).toBeUndefined();
  });
});

describe("reading events", () => {
  const event = (type: string, payload: unknown) => ({ topic: "x", type, key: "p1", payload });

  it("counts a traffic batch's CUSTOMER leg, in the card's currency when rating had no rate", () => {
    const batch = { jobId: "j1", partnerId: "p1", role: "CUSTOMER", from: "", to: "", calls: 3, answered: 2, seconds: 120, currency: "USD", amount: "1.25", blocked: false, destinations: [] };
    expect(readCreditIntake(event("traffic.batch", batch))).toMatchObject({ kind: "movement", partnerId: "p1", movement: { kind: "USAGE", amount: d("1.25") }, currency: "USD", reference: "j1" });
    expect(readCreditIntake(event("traffic.batch", { ...batch, unconverted: true, convertedFrom: "EUR" }))).toMatchObject({ currency: "EUR" });
    expect(readCreditIntake(event("traffic.batch", { ...batch, role: "VENDOR" }))).toEqual({ kind: "ignored" });
    expect(readCreditIntake(event("traffic.batch", { ...batch, amount: "1,25" }))).toMatchObject({ kind: "unreadable", problem: "traffic.batch: amount is not a decimal amount" });
  });

  it("counts receivable documents and payments received, and nothing else", () => {
    const doc = { invoiceId: "i1", partnerId: "p1", number: "INV-1", side: "RECEIVABLE", kind: "INVOICE", status: "ISSUED", currency: "USD", net: "100", tax: "20", gross: "120", settledAmount: "0", openAmount: "120", dueDate: null };
    expect(readCreditIntake(event("invoice.issued", doc))).toMatchObject({ movement: { kind: "INVOICE", net: d(100), gross: d(120) }, reference: "INV-1" });
    expect(readCreditIntake(event("invoice.issued", { ...doc, kind: "CREDIT_NOTE" }))).toMatchObject({ movement: { kind: "CREDIT_NOTE" } });
    expect(readCreditIntake(event("invoice.voided", doc))).toMatchObject({ movement: { kind: "VOID", net: d(100) } });
    expect(readCreditIntake(event("invoice.issued", { ...doc, side: "PAYABLE" }))).toEqual({ kind: "ignored" });
    expect(readCreditIntake(event("invoice.paid", doc))).toEqual({ kind: "ignored" });
    expect(readCreditIntake(event("payment.received", { paymentId: "x", partnerId: "p1", direction: "RECEIVED", currency: "USD", amount: "50", unapplied: "0", allocated: "50", reference: "W-1" }))).toMatchObject({ movement: { kind: "PAYMENT", amount: d(50) }, reference: "W-1" });
    expect(readCreditIntake(event("payment.made", {}))).toEqual({ kind: "ignored" });
  });

  it("reads a fraud alert that asks for a block", () => {
    const alert = { alertId: "a1", partnerId: "p1", rule: "IRSF", severity: "HIGH", autoBlock: true, summary: "calls to IRSF ranges", evidence: {} };
    expect(readCreditIntake(event("fraud.alert_raised", alert))).toEqual({ kind: "fraud", partnerId: "p1", alertId: "a1", rule: "IRSF", summary: "calls to IRSF ranges" });
    expect(readCreditIntake(event("fraud.alert_raised", { ...alert, autoBlock: false }))).toEqual({ kind: "ignored" });
  });
});
