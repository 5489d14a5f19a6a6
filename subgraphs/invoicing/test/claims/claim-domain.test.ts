import fc from "fast-check";
import Decimal from "decimal.js";
import { CdrFormat, layoutFor, resolveCdrColumns, type CdrLayout } from "@intersettle/shared";
import { claimLayoutProblems, claimPeriodOf, invoiceNumber, outsidePeriodReason, readClaimedCall, readClaimedLine, resolveClaimColumns, type ClaimLayout } from "../../src/domain";

const layout = (overrides: Partial<ClaimLayout> = {}): ClaimLayout => ({
  format: "CSV", delimiter: ",", headerRow: 1, sheet: null, decimalComma: false,
  columns: { destination: "Destination", calls: "Calls", minutes: "Minutes", amount: "Amount" }, ...overrides,
});

describe("claim layouts", () => {
  it("needs destination, calls, minutes and amount, and knows no other columns", () => {
    expect(claimLayoutProblems(layout())).toEqual([]);
    const problems = claimLayoutProblems(layout({ columns: { destination: 0, tariff: 3 } as never, headerRow: 0 }));
    expect(problems.map((p) => p.field).sort()).toEqual(["columns.amount", "columns.calls", "columns.minutes", "columns.tariff"]);
  });

  it("refuses header names without a header row, a sheet on a CSV layout and a long delimiter", () => {
    const fields = claimLayoutProblems(layout({ headerRow: 0, sheet: "Summary", delimiter: ";;" })).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["delimiter", "sheet", "columns.destination"]));
  });

  it("finds columns by header name (trimmed, any case) or by index, and names what the header lacks", () => {
    const header = [" destination ", "CALLS", "Minutes", "Rate", "Amount"];
    expect(resolveClaimColumns(layout({ columns: { destination: "Destination", calls: 1, minutes: "minutes", amount: "AMOUNT" } }), header)).toEqual({ columns: { destination: 0, calls: 1, minutes: 2, amount: 4 }, missing: [] });
    expect(resolveClaimColumns(layout({ columns: { destination: "Dest", calls: 1, minutes: 2, amount: 4 } }), header).missing).toEqual(['destination (header "Dest")']);
  });
});

describe("invoice numbers", () => {
  it("reads thousands separators and decimal commas", () => {
    expect(invoiceNumber("1,234.56", false)?.toFixed()).toBe("1234.56");
    expect(invoiceNumber("1.234,56", true)?.toFixed()).toBe("1234.56");
    expect(invoiceNumber("1 234,5", true)?.toFixed()).toBe("1234.5");
    expect(invoiceNumber("-0,0125", true)?.toFixed()).toBe("-0.0125");
    expect(invoiceNumber("12.5", true)?.toFixed()).toBe("125");
    expect(invoiceNumber("12,5", false)?.toFixed()).toBe("125");
    expect(invoiceNumber("1.2.3", false)).toBeUndefined();
    expect(invoiceNumber("abc", false)).toBeUndefined();
    expect(invoiceNumber("", false)).toBeUndefined();
  });

  it("reads back any amount written with a decimal comma and dot grouping", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const amount = new Decimal(units.toString()).dividedBy(10 ** scale);
        const [whole, fraction] = amount.abs().toFixed(scale).split(".");
        const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
        const written = `${amount.isNegative() ? "-" : ""}${grouped}${fraction ? "," + fraction : ""}`;
        expect(invoiceNumber(written, true)!.equals(amount)).toBe(true);
      }),
    );
  });
});

describe("an invoice's summary lines", () => {
  const columns = { destination: 0, calls: 1, minutes: 2, rate: 3, amount: 4, currency: 5 };
  const read = (values: string[], decimalComma = false) => readClaimedLine(values, 7, columns, decimalComma, "EUR");

  it("takes a line with its numbers exact", () => {
    const { claimed } = read(["UK Mobile", "1.200", "3.456,5", "0,0125", "43,21", "eur"], true);
    expect(claimed).toMatchObject({ line: 7, destination: "UK Mobile", calls: 1200, currency: "EUR" });
    expect(claimed!.minutes.toFixed()).toBe("3456.5");
    expect(claimed!.rate!.toFixed()).toBe("0.0125");
    expect(claimed!.amount.toFixed()).toBe("43.21");
  });

  it("names the field at fault", () => {
    expect(read(["", "1", "1", "", "1", ""]).problem).toEqual({ field: "destination", reason: "destination is empty" });
    expect(read(["UK", "1.5", "1", "", "1", ""]).problem?.field).toBe("calls");
    expect(read(["UK", "-1", "1", "", "1", ""]).problem?.field).toBe("calls");
    expect(read(["UK", "1", "ten", "", "1", ""]).problem).toEqual({ field: "minutes", reason: "minutes 'ten' is not a number of minutes" });
    expect(read(["UK", "1", "1", "x", "1", ""]).problem?.field).toBe("rate");
    expect(read(["UK", "1", "1", "", "", ""]).problem).toEqual({ field: "amount", reason: "amount is empty" });
    expect(read(["UK", "1", "1", "", "1", "USD"]).problem).toEqual({ field: "currency", reason: "currency 'USD' is not the claim's currency EUR" });
  });
});

describe("the claim's period", () => {
  it("is a calendar month in the partner's timezone, or two instants", () => {
    expect(claimPeriodOf({ period: "2026-11" }, "Asia/Kolkata").period).toEqual({ start: new Date("2026-10-31T18:30:00Z"), end: new Date("2026-11-30T18:30:00Z") });
    expect(claimPeriodOf({ period: "2026-12" }, "UTC").period).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    expect(claimPeriodOf({ periodStart: "2026-11-01", periodEnd: "2026-11-16T00:00:00Z" }, "Europe/Berlin").period).toEqual({ start: new Date("2026-10-31T23:00:00Z"), end: new Date("2026-11-16T00:00:00Z") });
    expect(claimPeriodOf({ period: "2026-13" }, "UTC").problems[0].field).toBe("period");
    expect(claimPeriodOf({ periodStart: "2026-11-02", periodEnd: "2026-11-01" }, "UTC").problems[0].field).toBe("periodEnd");
  });

  it("holds its start and not its end", () => {
    const period = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
    expect(outsidePeriodReason(period.start, period)).toBeUndefined();
    expect(outsidePeriodReason(new Date(period.end.getTime() - 1), period)).toBeUndefined();
    expect(outsidePeriodReason(period.end, period)).toMatch(/not before the end of the claim's period/);
    expect(outsidePeriodReason(new Date(period.start.getTime() - 1), period)).toMatch(/before the claim's period/);
  });
});

describe("a partner's CDR records", () => {
  const period = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
  const rules = { timezone: "UTC", limits: { maxDurationSeconds: 86_400, earliestMs: Date.UTC(2020, 0, 1), latestMs: Date.UTC(2030, 0, 1) } };
  const native: CdrLayout = { ...layoutFor(CdrFormat.NATIVE), columns: { ...layoutFor(CdrFormat.NATIVE).columns, amount: "amount" } };
  const header = ["call_id", "start", "duration", "a_number", "b_number", "amount"];
  const columns = resolveCdrColumns(native, header).columns;

  it("reads a call with its amount through the shared parser", () => {
    const { claimed } = readClaimedCall(["c-1", "2026-11-03 10:00:00", "61", "+441234", "+4479001", "0.0123"], 2, columns, native, rules, period);
    expect(claimed!.key).toBe("c-1");
    expect(claimed!.call).toMatchObject({ line: 2, callId: "c-1", aNumber: "441234", bNumber: "4479001", duration: 61 });
    expect(claimed!.call.amount!.toFixed()).toBe("0.0123");
  });

  it("rejects a start outside the period (field start), a bad amount and an unanswered call", () => {
    expect(readClaimedCall(["c-1", "2026-12-01 00:00:00", "61", "+44", "+44790", ""], 2, columns, native, rules, period).problem?.field).toBe("start");
    expect(readClaimedCall(["c-1", "2026-11-03 10:00:00", "61", "+44", "+44790", "1,5"], 2, columns, native, rules, period).problem?.field).toBe("amount");
    const withDisposition = resolveCdrColumns(native, [...header.slice(0, 5), "disposition"]).columns;
    expect(readClaimedCall(["c-1", "2026-11-03 10:00:00", "0", "+44", "+44790", "NO ANSWER"], 2, withDisposition, native, rules, period).problem?.field).toBe("disposition");
  });

  it("keys a file without call ids by the record, and stores no call id", () => {
    const asterisk = layoutFor(CdrFormat.ASTERISK);
    const noIds = { ...resolveCdrColumns(asterisk).columns, callId: undefined };
    const values = ["acc", "+4411", "+4479", "ctx", "clid", "SIP/a-01", "SIP/b-02", "Dial", "", "2026-11-03 10:00:00", "2026-11-03 10:00:01", "2026-11-03 10:01:01", "61", "60", "DOC", "ANSWERED", ""];
    const first = readClaimedCall(values, 1, noIds, asterisk, rules, period).claimed!;
    const again = readClaimedCall(values, 9, noIds, asterisk, rules, period).claimed!;
    expect(first.call.callId).toBeNull();
    expect(first.key).toBe(again.key);
  });
});
