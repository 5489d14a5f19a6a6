import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { allocatePayment, compareInvoiceNumbers, compareOldestFirst, type OpenInvoice, type PaymentToAllocate, InvoiceSide } from "../src/domain";

const d = (v: string | number) => new Decimal(v);
const asOf = new Date("2026-11-10T12:00:00Z");
const terms = { asOf, timezone: "Europe/Berlin" };

function invoice(id: string, fields: Partial<OpenInvoice> & { open: string }): OpenInvoice {
  const total = fields.total ?? d(fields.open);
  return { id, number: id, side: InvoiceSide.RECEIVABLE, currency: "USD", issueDate: "2026-10-01", dueDate: "2026-11-30", total, openAmount: d(fields.open), ...fields };
}

const received = (amount: string, currency = "USD"): PaymentToAllocate => ({ paymentId: "P1", direction: "RECEIVED", currency, unapplied: d(amount) });

function ok<T extends { ok: boolean }>(outcome: T): Extract<T, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<T, { ok: true }>;
}

describe("allocatePayment, oldest first", () => {
  const invoices = [
    invoice("INV-3", { open: "50.00", dueDate: "2026-12-15" }),
    invoice("INV-1", { open: "100.00", dueDate: "2026-11-01" }),
    invoice("INV-2", { open: "80.00", dueDate: "2026-11-30" }),
    invoice("BILL-1", { open: "500.00", side: InvoiceSide.PAYABLE, dueDate: "2026-01-01" }),
    invoice("EUR-1", { open: "500.00", currency: "EUR", dueDate: "2026-01-01" }),
  ];

  it("pays the oldest in full, the next partly, and ignores payables and other currencies", () => {
    const out = ok(allocatePayment(received("130.00"), invoices, terms));
    expect(out.allocations.map((a) => [a.invoiceId, a.amount.toFixed(2)])).toEqual([["INV-1", "100.00"], ["INV-2", "30.00"]]);
    // INV-1 was due on 1 November: paid in full it is PAID, not OVERDUE; INV-2 is due later and now partly paid.
    expect(out.invoices.map((i) => [i.invoiceId, i.openAmount.toFixed(2), i.status])).toEqual([["INV-1", "0.00", "PAID"], ["INV-2", "50.00", "PARTIALLY_PAID"]]);
    expect(out.unapplied.isZero()).toBe(true);
  });

  it("keeps an over-payment as unapplied credit", () => {
    const out = ok(allocatePayment(received("300.00"), invoices, terms));
    expect(out.allocations.map((a) => a.amount.toFixed(2))).toEqual(["100.00", "80.00", "50.00"]);
    expect(out.unapplied.toFixed(2)).toBe("70.00");
  });

  it("reports an invoice left open after its due date as OVERDUE", () => {
    const out = ok(allocatePayment(received("40.00"), invoices, terms));
    expect(out.invoices).toEqual([{ invoiceId: "INV-1", openAmount: d("60.00"), status: "OVERDUE" }]);
  });

  it("pays payables with a payment made to the partner", () => {
    const out = ok(allocatePayment({ ...received("10"), direction: "MADE" }, invoices, terms));
    expect(out.allocations.map((a) => a.invoiceId)).toEqual(["BILL-1"]);
  });

  it("breaks due-date ties by issue date, then by number read as a number", () => {
    const tied = [invoice("INV-10", { open: "1" }), invoice("INV-9", { open: "1" }), invoice("Z", { open: "1", issueDate: "2026-09-30" }), invoice("A", { open: "1", dueDate: "2026-12-01", issueDate: "2026-01-01" })];
    expect([...tied].sort(compareOldestFirst).map((i) => i.id)).toEqual(["Z", "INV-9", "INV-10", "A"]);
    expect(compareInvoiceNumbers("2026/0007", "2026/12")).toBeLessThan(0);
  });

  it("refuses a bad payment with problems, not an exception", () => {
    expect(allocatePayment(received("1.005"), invoices, terms)).toEqual({ ok: false, problems: [{ field: "amount", message: "1.005 has more than the 2 decimals USD allows" }] });
    expect(allocatePayment(received("-1"), invoices, terms)).toMatchObject({ ok: false, problems: [{ field: "amount" }] });
    expect(allocatePayment(received("1", "XYZ"), invoices, terms)).toMatchObject({ ok: false, problems: [{ field: "currency" }] });
  });
});

describe("allocatePayment, as instructed", () => {
  const invoices = [
    invoice("INV-1", { open: "100.00", dueDate: "2026-11-01" }),
    invoice("INV-2", { open: "80.00", total: d("90.00") }),
    invoice("INV-P", { open: "0.00", total: d("20.00") }),
    invoice("BILL-1", { open: "500.00", side: InvoiceSide.PAYABLE }),
    invoice("EUR-1", { open: "500.00", currency: "EUR" }),
  ];

  it("applies exactly the instructions and leaves the rest unapplied", () => {
    const out = ok(allocatePayment(received("100.00"), invoices, { ...terms, instructions: [{ invoiceId: "INV-2", amount: d("80.00") }, { invoiceId: "INV-1", amount: d("5") }] }));
    expect(out.allocations.map((a) => [a.invoiceId, a.amount.toFixed(2)])).toEqual([["INV-2", "80.00"], ["INV-1", "5.00"]]);
    expect(out.invoices.map((i) => i.status)).toEqual(["PAID", "OVERDUE"]);
    expect(out.unapplied.toFixed(2)).toBe("15.00");
  });

  it("lists every problem with the field it concerns", () => {
    const out = allocatePayment(received("100.00"), invoices, {
      ...terms,
      instructions: [
        { invoiceId: "INV-1", amount: d("100.01") },
        { invoiceId: "NOPE", amount: d("1") },
        { invoiceId: "BILL-1", amount: d("1") },
        { invoiceId: "EUR-1", amount: d("1") },
        { invoiceId: "INV-P", amount: d("1") },
        { invoiceId: "INV-2", amount: d("0") },
        { invoiceId: "INV-2", amount: d("0.001") },
      ],
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.field)).toEqual([
      "allocations.0.amount",
      "allocations.1.invoiceId",
      "allocations.2.invoiceId",
      "allocations.3.invoiceId",
      "allocations.4.invoiceId",
      "allocations.5.amount",
      "allocations.6.invoiceId",
      "allocations.6.amount",
      "allocations",
    ]);
    expect(out.problems[0].message).toBe("100.01 is more than the 100.00 USD open on invoice INV-1");
    expect(out.problems[3].message).toBe("invoice EUR-1 is in EUR; the payment is in USD");
    expect(out.problems[6].message).toBe("invoice INV-2 is listed more than once");
  });

  it("accepts instructions using the whole payment and each invoice's whole open amount", () => {
    const out = ok(allocatePayment(received("180.00"), invoices, { ...terms, instructions: [{ invoiceId: "INV-1", amount: d("100") }, { invoiceId: "INV-2", amount: d("80.00") }] }));
    expect(out.unapplied.isZero()).toBe(true);
    expect(out.invoices.map((i) => i.status)).toEqual(["PAID", "PAID"]);
  });

  it("refuses instructions adding up to more than the payment", () => {
    const out = allocatePayment(received("50.00"), invoices, { ...terms, instructions: [{ invoiceId: "INV-1", amount: d("30") }, { invoiceId: "INV-2", amount: d("20.01") }] });
    expect(out).toEqual({ ok: false, problems: [{ field: "allocations", message: "add up to 50.01 USD, more than the 50.00 left of the payment" }] });
  });
});

// Properties over generated partners: amounts are whole minor units of currencies with 0, 2 and 3 decimals.
const currencies = [
  ["USD", 2],
  ["JPY", 0],
  ["BHD", 3],
] as const;
// Few distinct dates, ten days apart, so that due dates and issue dates often tie and the later keys decide.
const dates = fc.integer({ min: 0, max: 12 }).map((n) => new Date(Date.UTC(2026, 8, 1) + n * 10 * 86_400_000).toISOString().slice(0, 10));

function invoicesArb(decimals: number, currency: string, prefix: string) {
  return fc.array(
    fc.record({ due: dates, issue: dates, open: fc.integer({ min: 0, max: 100_000 }), paid: fc.integer({ min: 0, max: 50_000 }), n: fc.integer({ min: 1, max: 999 }), side: fc.constantFrom(InvoiceSide.RECEIVABLE, InvoiceSide.PAYABLE), other: fc.boolean() }),
    { maxLength: 12 },
  ).map((rows) =>
    rows.map((r, i): OpenInvoice => {
      const open = d(r.open).dividedBy(10 ** decimals);
      return { id: `${prefix}${i}`, number: `${prefix}-${r.n}-${i}`, side: r.side, currency: r.other ? "EUR" : currency, issueDate: r.issue, dueDate: r.due, openAmount: open, total: open.plus(d(r.paid).dividedBy(10 ** decimals)) };
    }),
  );
}

const scenario = fc.constantFrom(...currencies).chain(([currency, decimals]) =>
  fc.record({
    currency: fc.constant(currency),
    decimals: fc.constant(decimals),
    amount: fc.integer({ min: 0, max: 400_000 }).map((n) => d(n).dividedBy(10 ** decimals)),
    direction: fc.constantFrom("RECEIVED" as const, "MADE" as const),
    invoices: invoicesArb(decimals, currency, "A"),
    later: invoicesArb(decimals, currency, "B"),
  }),
);

function checkAllocation(payment: PaymentToAllocate, invoices: OpenInvoice[], out: ReturnType<typeof allocatePayment>) {
  const result = ok(out);
  const allocated = result.allocations.reduce((s, a) => s.plus(a.amount), d(0));
  // Allocated + unapplied is the payment, to the last minor unit.
  expect(allocated.plus(result.unapplied).eq(payment.unapplied)).toBe(true);
  expect(result.unapplied.isNegative()).toBe(false);
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const side = payment.direction === "RECEIVED" ? InvoiceSide.RECEIVABLE : InvoiceSide.PAYABLE;
  result.allocations.forEach((a, k) => {
    const inv = byId.get(a.invoiceId)!;
    expect(a.amount.gt(0)).toBe(true);
    expect(inv.currency).toBe(payment.currency);
    expect(inv.side).toBe(side);
    // No invoice is over-paid.
    expect(a.amount.lte(inv.openAmount)).toBe(true);
    expect(result.invoices[k].openAmount.eq(inv.openAmount.minus(a.amount))).toBe(true);
  });
  // Oldest first: every paid invoice precedes the next, and only the last one may be left partly paid; an invoice
  // not touched while something stays unapplied would have been skipped, so there is none.
  const eligible = invoices.filter((i) => i.side === side && i.currency === payment.currency && i.openAmount.gt(0)).sort(byAge);
  expect(result.allocations.map((a) => a.invoiceId)).toEqual(eligible.slice(0, result.allocations.length).map((i) => i.id));
  result.invoices.slice(0, -1).forEach((i) => expect(i.openAmount.isZero()).toBe(true));
  if (result.unapplied.gt(0)) expect(result.allocations.length).toBe(eligible.length);
  return result;
}

// The order written out independently of compareOldestFirst: due date, issue date, then the numbers in `X-n-i`.
function byAge(a: OpenInvoice, b: OpenInvoice): number {
  const key = (i: OpenInvoice) => [i.dueDate, i.issueDate, ...i.number.split("-").slice(1).map((x) => x.padStart(6, "0"))].join("|");
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

describe("allocatePayment properties", () => {
  it("never loses or creates a minor unit, never over-pays, and pays oldest first", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const payment: PaymentToAllocate = { paymentId: "P", direction: s.direction, currency: s.currency, unapplied: s.amount };
        checkAllocation(payment, s.invoices, allocatePayment(payment, s.invoices, terms));
      }),
      { numRuns: 500 },
    );
  });

  it("applies the unapplied credit to invoices issued later the same way, ending as if all had been there", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const payment: PaymentToAllocate = { paymentId: "P", direction: s.direction, currency: s.currency, unapplied: s.amount };
        const first = checkAllocation(payment, s.invoices, allocatePayment(payment, s.invoices, terms));
        // The invoices as they stand after the first allocation, plus the new ones, all due after every old one.
        const afterFirst = s.invoices.map((i) => ({ ...i, openAmount: first.invoices.find((x) => x.invoiceId === i.id)?.openAmount ?? i.openAmount }));
        const later = s.later.map((i) => ({ ...i, dueDate: `2027-${i.dueDate.slice(5)}` }));
        const again: PaymentToAllocate = { ...payment, unapplied: first.unapplied };
        const second = checkAllocation(again, [...afterFirst, ...later], allocatePayment(again, [...afterFirst, ...later], terms));
        const allAtOnce = ok(allocatePayment(payment, [...s.invoices, ...later], terms));
        const twoSteps = [...first.allocations, ...second.allocations].map((a) => [a.invoiceId, a.amount.toFixed()]);
        expect(twoSteps).toEqual(allAtOnce.allocations.map((a) => [a.invoiceId, a.amount.toFixed()]));
        expect(second.unapplied.eq(allAtOnce.unapplied)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("applies valid explicit instructions exactly, and refuses any that over-pay an invoice or the payment", () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.tuple(fc.nat(), fc.oneof(fc.integer({ min: -60_000, max: 0 }), fc.integer({ min: -2, max: 2 }))), { maxLength: 6 }), (s, picks) => {
        const payment: PaymentToAllocate = { paymentId: "P", direction: s.direction, currency: s.currency, unapplied: s.amount };
        if (s.invoices.length === 0) return;
        const seen = new Set<string>();
        const instructions = picks
          // Around each invoice's open amount, up to two minor units over it.
          .map(([k, n]) => {
            const target = s.invoices[k % s.invoices.length];
            return { invoiceId: target.id, amount: target.openAmount.plus(d(n).dividedBy(10 ** s.decimals)) };
          })
          .filter((i) => !seen.has(i.invoiceId) && seen.add(i.invoiceId));
        const out = allocatePayment(payment, s.invoices, { ...terms, instructions });
        const byId = new Map(s.invoices.map((i) => [i.id, i]));
        const side = s.direction === "RECEIVED" ? InvoiceSide.RECEIVABLE : InvoiceSide.PAYABLE;
        const sum = instructions.reduce((t, i) => t.plus(i.amount), d(0));
        const valid = sum.lte(s.amount) && instructions.every((i) => {
          const inv = byId.get(i.invoiceId)!;
          return inv.side === side && inv.currency === s.currency && inv.openAmount.gt(0) && i.amount.gt(0) && i.amount.lte(inv.openAmount);
        });
        expect(out.ok).toBe(valid);
        if (!out.ok) return;
        expect(out.allocations.map((a) => [a.invoiceId, a.amount.toFixed()])).toEqual(instructions.map((i) => [i.invoiceId, i.amount.toFixed()]));
        expect(out.unapplied.plus(sum).eq(s.amount)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
