import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { CreditMode } from "../src/domain/partner-profile";
import { addFigures, applyMovement, exposureOf, FIGURES, NO_FIGURES, prepaidBalanceOf, receivableOf, type CreditFigures, type CreditMovement } from "../src/domain/credit";

const d = (v: string | number) => new Decimal(v);
/** Amounts in cents, from 0 to 1,000,000.00. */
const cents = fc.integer({ min: 0, max: 100_000_000 }).map((c) => d(c).dividedBy(100));
const signedCents = fc.integer({ min: -1_000_000, max: 100_000_000 }).map((c) => d(c).dividedBy(100));
/** A document: net and a tax of 0 to 30 %. */
const document = fc.tuple(cents, fc.integer({ min: 0, max: 30 })).map(([net, rate]) => ({ net, gross: net.plus(net.times(rate).dividedBy(100).toDecimalPlaces(2)) }));

const movement: fc.Arbitrary<CreditMovement> = fc.oneof(
  signedCents.map((amount) => ({ kind: "USAGE" as const, amount })),
  document.map((doc) => ({ kind: "INVOICE" as const, ...doc })),
  document.map((doc) => ({ kind: "DEBIT_NOTE" as const, ...doc })),
  document.map((doc) => ({ kind: "CREDIT_NOTE" as const, ...doc })),
  cents.map((net) => ({ kind: "VOID" as const, net })),
  cents.map((amount) => ({ kind: "PAYMENT" as const, amount })),
);

function run(movements: CreditMovement[], from: CreditFigures = NO_FIGURES): { figures: CreditFigures; history: CreditFigures[]; changeSum: CreditFigures } {
  let figures = from;
  let changeSum = NO_FIGURES;
  const history: CreditFigures[] = [];
  for (const m of movements) {
    const moved = applyMovement(figures, m);
    figures = moved.figures;
    changeSum = addFigures(changeSum, moved.changes);
    history.push(figures);
  }
  return { figures, history, changeSum };
}

const same = (a: CreditFigures, b: CreditFigures) => FIGURES.every((f) => a[f].equals(b[f]));
const exposures = (f: CreditFigures) => [exposureOf(f, CreditMode.POSTPAID), exposureOf(f, CreditMode.PREPAID)];

describe("credit figures", () => {
  it("reconcile with their ledger: the figures are the sum of every entry's changes", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 40 }), (ms) => {
      const { figures, changeSum } = run(ms);
      expect(same(figures, changeSum)).toBe(true);
    }));
  });

  it("never hold negative unbilled usage", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 40 }), (ms) => {
      expect(run(ms).history.every((f) => f.unbilled.gte(0))).toBe(true);
    }));
  });

  it("count an invoice once: issuing one for usage already accrued raises postpaid exposure by its tax alone, prepaid not at all", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 20 }), document, (ms, doc) => {
      const before = run([...ms, { kind: "USAGE", amount: doc.net }]).figures;
      const after = applyMovement(before, { kind: "INVOICE", ...doc }).figures;
      expect(exposureOf(after, CreditMode.POSTPAID).minus(exposureOf(before, CreditMode.POSTPAID)).toFixed()).toBe(doc.gross.minus(doc.net).toFixed());
      expect(exposureOf(after, CreditMode.PREPAID).equals(exposureOf(before, CreditMode.PREPAID))).toBe(true);
    }));
  });

  it("let a payment lower, and usage raise, the exposure of either mode by exactly its amount", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 20 }), cents, (ms, amount) => {
      const before = run(ms).figures;
      const paid = applyMovement(before, { kind: "PAYMENT", amount }).figures;
      const used = applyMovement(before, { kind: "USAGE", amount }).figures;
      exposures(before).forEach((e, i) => {
        expect(exposures(paid)[i].toFixed()).toBe(e.minus(amount).toFixed());
        expect(exposures(used)[i].toFixed()).toBe(e.plus(amount).toFixed());
      });
    }));
  });

  it("leave both exposures where they were when an invoice is voided and billed again", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 20 }), document, (ms, doc) => {
      const issued = run([...ms, { kind: "USAGE", amount: doc.net }, { kind: "INVOICE", ...doc }]).figures;
      const rebilled = run([{ kind: "CREDIT_NOTE", ...doc }, { kind: "VOID", net: doc.net }, { kind: "INVOICE", ...doc }], issued).figures;
      expect(exposures(rebilled).map(String)).toEqual(exposures(issued).map(String));
    }));
  });

  it("do not depend on the order usage and payments arrive in", () => {
    const usageOrPayment = fc.oneof(cents.map((amount) => ({ kind: "USAGE" as const, amount })), cents.map((amount) => ({ kind: "PAYMENT" as const, amount })));
    fc.assert(fc.property(fc.array(usageOrPayment, { maxLength: 30 }).chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }))), ([ms, shuffled]) => {
      expect(same(run(ms).figures, run(shuffled).figures)).toBe(true);
    }));
  });

  it("a credit note lowers the exposure of either mode", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 20 }), document.filter((doc) => doc.net.gt(0)), (ms, doc) => {
      const before = run(ms).figures;
      const after = applyMovement(before, { kind: "CREDIT_NOTE", ...doc }).figures;
      exposures(before).forEach((e, i) => expect(exposures(after)[i].lt(e)).toBe(true));
    }));
  });

  it("settle a month of postpaid usage to nothing once the invoice is paid", () => {
    const month = run([
      { kind: "USAGE", amount: d("400.10") },
      { kind: "USAGE", amount: d("99.90") },
      { kind: "INVOICE", net: d("500"), gross: d("600") },
      { kind: "USAGE", amount: d("12.5") }, // next month's usage, not billed yet
    ]).figures;
    expect(exposureOf(month, CreditMode.POSTPAID).toFixed()).toBe("612.5");
    expect(receivableOf(month).toFixed()).toBe("600");
    const paid = applyMovement(month, { kind: "PAYMENT", amount: d("600") }).figures;
    expect(exposureOf(paid, CreditMode.POSTPAID).toFixed()).toBe("12.5");
    expect(paid.unbilled.toFixed()).toBe("12.5");
  });

  it("keep a prepaid balance of payments less usage", () => {
    const f = run([{ kind: "PAYMENT", amount: d("1000") }, { kind: "USAGE", amount: d("250.25") }, { kind: "INVOICE", net: d("250.25"), gross: d("300.30") }]).figures;
    expect(prepaidBalanceOf(f).toFixed()).toBe("749.75");
    expect(exposureOf(f, CreditMode.PREPAID).toFixed()).toBe("-749.75");
  });

  it("moves no more out of unbilled than is there: usage billed without a batch seen is not subtracted twice", () => {
    const f = run([{ kind: "USAGE", amount: d("10") }, { kind: "INVOICE", net: d("25"), gross: d("25") }, { kind: "USAGE", amount: d("5") }]).figures;
    expect(f.unbilled.toFixed()).toBe("5");
    expect(exposureOf(f, CreditMode.POSTPAID).toFixed()).toBe("30");
  });
});
