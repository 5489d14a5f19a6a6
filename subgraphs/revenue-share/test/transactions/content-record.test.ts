import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { amountExceeds, parseAmount } from "../../src/domain/transactions/content-amount";
import { parseContentRecord, type TransactionRules } from "../../src/domain/transactions/content-record";
import { resolveTransactionColumns, TRANSACTION_COLUMNS } from "../../src/domain/transactions/transaction-layout";

const SERVICES = new Map([
  ["VOD-1", { id: "00000000-0000-4000-8000-000000000001", code: "VOD-1", currency: "USD", retired: false }],
  ["OLD-1", { id: "00000000-0000-4000-8000-000000000002", code: "OLD-1", currency: "USD", retired: true }],
]);
const RULES: TransactionRules = { timezone: "Europe/Berlin", earliestMs: Date.UTC(2020, 0, 1), latestMs: Date.UTC(2027, 0, 1), service: (code) => SERVICES.get(code) };
const { columns } = resolveTransactionColumns([...TRANSACTION_COLUMNS]);
const GOOD = { transaction_id: " t-1 ", service_code: "VOD-1", subscriber: "+4917012345", occurred_at: "2026-07-01 12:00:00", status: "CHARGED", gross: "1.990", tax: "0.32", currency: "USD", original_transaction_id: "", bad_debt: "" };
const read = (change: Partial<typeof GOOD> = {}) => parseContentRecord(TRANSACTION_COLUMNS.map((c) => ({ ...GOOD, ...change })[c]), columns, RULES);
const problem = (change: Partial<typeof GOOD>) => read(change).problem;

describe("the file layout", () => {
  it("finds its columns by header name in any order and case, and names the required ones a header lacks", () => {
    expect(resolveTransactionColumns(["GROSS", " transaction_id ", "x"]).columns).toEqual({ gross: 0, transaction_id: 1 });
    expect(resolveTransactionColumns(["transaction_id", "gross"]).missing).toEqual(["service_code", "subscriber", "occurred_at", "status", "currency"]);
  });
});

describe("a content record", () => {
  it("becomes a transaction: id trimmed, naive time in the source's zone, amounts normalized", () => {
    expect(read().transaction).toEqual({
      transactionId: "t-1", serviceId: SERVICES.get("VOD-1")!.id, subscriber: "+4917012345", occurredMs: Date.UTC(2026, 6, 1, 10), status: "CHARGED",
      gross: "1.99", tax: "0.32", currency: "USD", originalTransactionId: null, badDebt: false,
    });
    expect(read({ occurred_at: "2026-07-01T12:00:00Z", bad_debt: "TRUE", tax: "" }).transaction).toMatchObject({ occurredMs: Date.UTC(2026, 6, 1, 12), badDebt: true, tax: "0" });
    expect(read({ status: "refunded", original_transaction_id: "t-0" }).transaction).toMatchObject({ status: "REFUNDED", originalTransactionId: "t-0" });
  });

  it("names the column and the reason of each bad value", () => {
    const cases: Array<[Partial<typeof GOOD>, string, RegExp]> = [
      [{ transaction_id: "  " }, "transaction_id", /^transaction_id is empty$/],
      [{ transaction_id: "x".repeat(201) }, "transaction_id", /is 201 characters; at most 200/],
      [{ subscriber: "a\u0000b" }, "subscriber", /a NUL byte in subscriber/],
      [{ service_code: "NOPE" }, "service_code", /'NOPE' is not a content service/],
      [{ service_code: "OLD-1" }, "service_code", /OLD-1 is retired/],
      [{ occurred_at: "01/07/2026" }, "occurred_at", /is not in the format YYYY-MM-DD HH:MM:SS/],
      [{ occurred_at: "2019-12-31T23:00:00Z" }, "occurred_at", /is before 2020-01-01 00:00 UTC, the earliest accepted/],
      [{ status: "PAID" }, "status", /must be CHARGED, FAILED, REFUNDED or CHARGEBACK/],
      [{ gross: "1,99" }, "gross", /'1,99' is not an amount/],
      [{ gross: "" }, "gross", /^gross is empty$/],
      [{ tax: "2" }, "tax", /tax 2 is more than gross 1.99/],
      [{ currency: "EUR" }, "currency", /'EUR' is not VOD-1's currency USD/],
      [{ status: "CHARGEBACK" }, "original_transaction_id", /a CHARGEBACK transaction must name the CHARGED transaction it reverses/],
      [{ original_transaction_id: "t-0" }, "original_transaction_id", /only for REFUNDED and CHARGEBACK transactions, not CHARGED/],
      [{ status: "REFUNDED", original_transaction_id: "t-1" }, "original_transaction_id", /cannot reverse itself/],
      [{ status: "REFUNDED", original_transaction_id: "t-0", gross: "0" }, "gross", /amount given back: more than 0/],
      [{ bad_debt: "maybe" }, "bad_debt", /'maybe' must be true or false/],
      [{ status: "FAILED", bad_debt: "yes" }, "bad_debt", /applies to CHARGED transactions, not FAILED/],
    ];
    for (const [change, field, reason] of cases) {
      expect(problem(change)).toEqual({ field, reason: expect.stringMatching(reason) });
    }
  });
});

describe("amounts", () => {
  const plain = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }), fc.nat({ max: 999_999 }), fc.nat({ max: 6 }), fc.nat({ max: 3 }))
    .map(([whole, fraction, digits, zeros]) => "0".repeat(zeros) + whole.toString() + (digits ? "." + String(fraction).padStart(6, "0").slice(0, digits) : ""))
    .filter((text) => text.replace(/^0+(?=\d)/, "").split(".")[0].length <= 12);

  it("read any plain decimal to the same value, normalized, and compare as decimal.js does", () => {
    fc.assert(fc.property(plain, plain, (a, b) => {
      const x = parseAmount(a)!;
      const y = parseAmount(b)!;
      expect(new Decimal(x).equals(new Decimal(a))).toBe(true);
      expect(x).toBe(new Decimal(a).toFixed());
      expect(amountExceeds(x, y)).toBe(new Decimal(a).greaterThan(new Decimal(b)));
    }), { numRuns: 5000 });
  });

  it("refuse signs, exponents, separators, too many digits and a bare point", () => {
    for (const text of ["-1", "+1", "1e3", "1,5", "1 000", ".5", "5.", "1.2345678", "1234567890123", "", "0x10", "١٢"]) expect(parseAmount(text)).toBeUndefined();
  });
});
