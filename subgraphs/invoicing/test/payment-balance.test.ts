import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { accountBalances, allocatePayment, type OpenInvoice, type PaymentToAllocate, InvoiceSide } from "../src/domain";

const d = (v: string | number) => new Decimal(v);
const terms = { asOf: new Date("2026-11-10T12:00:00Z"), timezone: "UTC" };

describe("accountBalances", () => {
  it("keeps unapplied credit beside the open invoices, per side and currency", () => {
    const invoices = [
      { side: InvoiceSide.RECEIVABLE, currency: "USD", openAmount: d("100.00") },
      { side: InvoiceSide.RECEIVABLE, currency: "USD", openAmount: d("0.00") },
      { side: InvoiceSide.PAYABLE, currency: "USD", openAmount: d("40.00") },
    ];
    const payments = [
      { direction: "RECEIVED" as const, currency: "USD", unapplied: d("30.00") },
      { direction: "RECEIVED" as const, currency: "EUR", unapplied: d("5.00") },
      { direction: "MADE" as const, currency: "USD", unapplied: d("0") },
    ];
    expect(accountBalances(invoices, payments).map((b) => [b.side, b.currency, b.openInvoices.toFixed(2), b.unappliedCredit.toFixed(2), b.balance.toFixed(2)])).toEqual([
      ["PAYABLE", "USD", "40.00", "0.00", "40.00"],
      ["RECEIVABLE", "EUR", "0.00", "5.00", "-5.00"],
      ["RECEIVABLE", "USD", "100.00", "30.00", "70.00"],
    ]);
  });

  it("is not changed by allocating a payment: what leaves the credit leaves the invoices (property)", () => {
    const inv = fc.record({ cents: fc.integer({ min: 0, max: 50_000 }), side: fc.constantFrom(InvoiceSide.RECEIVABLE, InvoiceSide.PAYABLE), due: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(fc.array(inv, { maxLength: 10 }), fc.integer({ min: 0, max: 200_000 }), fc.constantFrom("RECEIVED" as const, "MADE" as const), (rows, cents, direction) => {
        const invoices: OpenInvoice[] = rows.map((r, i) => ({ id: `I${i}`, number: `I-${i}`, side: r.side, currency: "USD", issueDate: "2026-10-01", dueDate: `2026-11-${String(r.due).padStart(2, "0")}`, total: d(r.cents).dividedBy(100), openAmount: d(r.cents).dividedBy(100) }));
        const payment: PaymentToAllocate = { paymentId: "P", direction, currency: "USD", unapplied: d(cents).dividedBy(100) };
        const before = accountBalances(invoices, [payment]);
        const out = allocatePayment(payment, invoices, terms);
        if (!out.ok) throw new Error("valid payment refused");
        const after = accountBalances(
          invoices.map((i) => ({ ...i, openAmount: out.invoices.find((x) => x.invoiceId === i.id)?.openAmount ?? i.openAmount })),
          [{ ...payment, unapplied: out.unapplied }],
        );
        const balances = (lines: typeof before) => Object.fromEntries(lines.map((l) => [`${l.side}/${l.currency}`, l.balance.toFixed(2)]));
        const zeroLess = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== "0.00"));
        expect(zeroLess(balances(after))).toEqual(zeroLess(balances(before)));
        for (const l of after) expect(l.balance.eq(l.openInvoices.minus(l.unappliedCredit))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
