import fc from "fast-check";
import { Decimal } from "@intersettle/shared";
import { lineTaxShares } from "../src/domain";

const cents = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Decimal(n).dividedBy(100));

describe("lineTaxShares", () => {
  it("splits the tax in proportion to the nets", () => {
    expect(lineTaxShares([new Decimal("10"), new Decimal("30")], new Decimal("4"), 2).map(String)).toEqual(["1", "3"]);
  });

  it("gives rounding's leftover cent to the largest remainder", () => {
    expect(lineTaxShares([new Decimal("1"), new Decimal("1"), new Decimal("1")], new Decimal("0.1"), 2).map(String)).toEqual(["0.04", "0.03", "0.03"]);
  });

  it("never loses or creates a cent, with adjustments of either sign", () => {
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 30 }), (nets, percent) => {
        const net = nets.reduce((s, n) => s.plus(n), new Decimal(0));
        const tax = net.times(percent).dividedBy(100).toDecimalPlaces(2);
        const shares = lineTaxShares(nets, tax, 2);
        expect(shares.reduce((s, x) => s.plus(x), new Decimal(0)).equals(tax)).toBe(true);
        for (const share of shares) expect(share.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});
