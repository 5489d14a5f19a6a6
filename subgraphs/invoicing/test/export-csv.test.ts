import Papa from "papaparse";
import { Decimal } from "@intersettle/shared";
import { csvField, csvText, dayMonthYear, monthDayYear, plainDecimal } from "../src/domain";

describe("csv", () => {
  it("quotes a field with a comma, a quote or a line break, doubling inner quotes", () => {
    expect(csvField("Acme Telecom")).toBe("Acme Telecom");
    expect(csvField('Acme, "Wholesale" Ltd')).toBe('"Acme, ""Wholesale"" Ltd"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("ends every record with CRLF and reads back to the same fields", () => {
    const rows = [['Acme, "Wholesale" Ltd', "a\r\nb", ""], ["plain", "", "-1.50"]];
    const text = csvText(["A", "B", "C"], rows);
    expect(text.startsWith("A,B,C\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text, { newline: "\r\n", skipEmptyLines: true }).data;
    expect(parsed).toEqual([["A", "B", "C"], ...rows]);
  });

  it("refuses a record that does not fit the header", () => {
    expect(() => csvText(["A", "B"], [["only one"]])).toThrow(RangeError);
  });

  it("writes decimals plainly: no exponent, no separator, no negative zero", () => {
    expect(plainDecimal(new Decimal("1e-9"))).toBe("0.000000001");
    expect(plainDecimal(new Decimal("12345678901234567890.5"))).toBe("12345678901234567890.5");
    expect(plainDecimal(new Decimal("-0"))).toBe("0");
    expect(plainDecimal(new Decimal("-0.001"), 2)).toBe("0.00");
    expect(plainDecimal(new Decimal("-1.5"), 2)).toBe("-1.50");
  });

  it("writes dates day first or month first", () => {
    expect(dayMonthYear("2026-04-07")).toBe("07/04/2026");
    expect(monthDayYear("2026-04-07")).toBe("04/07/2026");
  });
});
