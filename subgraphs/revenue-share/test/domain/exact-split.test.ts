import fc from "fast-check";
import { allocate, Decimal } from "@intersettle/shared";
import { splitExactly } from "../../src/domain";
import { d } from "./terms-fixtures";

const texts = (parts: Decimal[]) => parts.map((p) => p.toFixed(2));
const sum = (parts: Decimal[]) => parts.reduce((a, b) => a.plus(b), new Decimal(0));

describe("splitExactly (largest remainder on signed parts)", () => {
  it("rounds down, then gives the missing cents to the largest remainders, ties to the earlier part", () => {
    expect(texts(splitExactly(d("1.00"), [d("0.3333"), d("0.3333"), d("0.3334")], 2))).toEqual(["0.33", "0.33", "0.34"]);
    expect(texts(splitExactly(d("0.10"), [d("0.05"), d("0.025"), d("0.025")], 2))).toEqual(["0.05", "0.03", "0.02"]);
  });

  it("handles negative parts: an operator funding a guarantee beyond its share", () => {
    expect(texts(splitExactly(d("10.00"), [d("-5.005"), d("15.005")], 2))).toEqual(["-5.00", "15.00"]);
    // Both round down to -0.01; the cent missing goes back to the earlier one.
    expect(texts(splitExactly(d("-0.01"), [d("-0.005"), d("-0.005")], 2))).toEqual(["0.00", "-0.01"]);
  });

  it("keeps parts already in minor units", () => {
    expect(texts(splitExactly(d("10.00"), [d("5.00"), d("2.505"), d("2.495")], 2))).toEqual(["5.00", "2.51", "2.49"]);
  });

  it("refuses a total finer than the minor unit, and a non-zero total without parts", () => {
    expect(() => splitExactly(d("1.005"), [d("1.005")], 2)).toThrow(RangeError);
    expect(() => splitExactly(d("1"), [], 2)).toThrow(RangeError);
    expect(splitExactly(d(0), [], 2)).toEqual([]);
  });

  const signedParts = fc.tuple(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 })).map(([ns, decimals]) => {
    const parts = ns.map((n) => new Decimal(n).dividedBy(10_000));
    // Move the last part so that the parts sum to a total in minor units, as a waterfall's do.
    const total = sum(parts).toDecimalPlaces(decimals, Decimal.ROUND_FLOOR);
    parts[parts.length - 1] = parts[parts.length - 1].minus(sum(parts).minus(total));
    return { parts, total, decimals };
  });

  it("sums exactly to the total and moves no part by a unit or more (property)", () => {
    fc.assert(
      fc.property(signedParts, ({ parts, total, decimals }) => {
        const rounded = splitExactly(total, parts, decimals);
        expect(sum(rounded).equals(total)).toBe(true);
        const unit = new Decimal(1).dividedBy(10 ** decimals);
        rounded.forEach((r, i) => {
          expect(r.decimalPlaces()).toBeLessThanOrEqual(decimals);
          expect(r.minus(parts[i]).abs().lessThan(unit)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with shared allocate on non-negative parts (property)", () => {
    fc.assert(
      fc.property(signedParts.filter(({ parts, total }) => parts.every((p) => p.greaterThanOrEqualTo(0)) && total.greaterThan(0)), ({ parts, total, decimals }) => {
        expect(splitExactly(total, parts, decimals).map(String)).toEqual(allocate(total, parts, decimals).map(String));
      }),
      { numRuns: 300 },
    );
  });
});
