import fc from "fast-check";
import { GraphQLError, Kind } from "graphql";
import { allocate, currencyMinorUnits, Decimal, DecimalScalar, isCurrencyCode, RoundingMode, roundMoney } from "../src/money";

describe("currency", () => {
  it("accepts ISO 4217 codes and rejects others", () => {
    expect(isCurrencyCode("USD")).toBe(true);
    expect(isCurrencyCode("INR")).toBe(true);
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("US")).toBe(false);
  });
  it("knows minor units", () => {
    expect(currencyMinorUnits("USD")).toBe(2);
    expect(currencyMinorUnits("JPY")).toBe(0);
    expect(currencyMinorUnits("BHD")).toBe(3);
  });
});

describe("roundMoney", () => {
  const cases: Array<[string, RoundingMode, number, string]> = [
    ["2.345", RoundingMode.HALF_UP, 2, "2.35"],
    ["2.345", RoundingMode.HALF_EVEN, 2, "2.34"],
    ["2.355", RoundingMode.HALF_EVEN, 2, "2.36"],
    ["2.341", RoundingMode.UP, 2, "2.35"],
    ["2.349", RoundingMode.DOWN, 2, "2.34"],
    ["-2.345", RoundingMode.HALF_UP, 2, "-2.35"],
    ["-2.341", RoundingMode.UP, 2, "-2.35"],
    ["-2.349", RoundingMode.DOWN, 2, "-2.34"],
    ["0.0000005", RoundingMode.HALF_UP, 6, "0.000001"],
  ];
  it.each(cases)("%s %s to %d places is %s", (amount, mode, decimals, expected) => {
    expect(roundMoney(amount, { mode, decimals }).toFixed(decimals)).toBe(expected);
  });

  const decimalText = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 10 }))
    .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));
  const mode = fc.constantFrom(...Object.values(RoundingMode));

  it("never moves an amount by a full unit of the last decimal", () => {
    fc.assert(
      fc.property(decimalText, mode, fc.integer({ min: 0, max: 8 }), (amount, m, decimals) => {
        const rounded = roundMoney(amount, { mode: m, decimals });
        return rounded.minus(amount).abs().lessThan(new Decimal(10).pow(-decimals)) && rounded.decimalPlaces() <= decimals;
      }),
    );
  });

  it("UP never lowers and DOWN never raises the magnitude", () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 8 }), (amount, decimals) => {
        const up = roundMoney(amount, { mode: RoundingMode.UP, decimals });
        const down = roundMoney(amount, { mode: RoundingMode.DOWN, decimals });
        return up.abs().gte(amount.abs()) && down.abs().lte(amount.abs());
      }),
    );
  });
});

describe("allocate", () => {
  it("splits 100.00 three ways without losing a cent", () => {
    expect(allocate("100", [1, 1, 1], 2).map((d) => d.toFixed(2))).toEqual(["33.34", "33.33", "33.33"]);
  });

  it("never loses or creates money", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }).filter((ws) => ws.some((w) => w > 0)),
        fc.integer({ min: 0, max: 6 }),
        (units, weights, decimals) => {
          const total = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(decimals));
          const parts = allocate(total, weights, decimals);
          const sum = parts.reduce((a, b) => a.plus(b), new Decimal(0));
          const unit = new Decimal(10).pow(-decimals);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          return (
            sum.equals(total) &&
            parts.every((p, i) => p.minus(total.times(weights[i]).dividedBy(weightSum)).abs().lessThan(unit)) &&
            parts.every((p, i) => weights[i] !== 0 || p.isZero())
          );
        },
      ),
    );
  });
});

describe("Decimal scalar", () => {
  it("serializes as an exact string", () => {
    expect(DecimalScalar.serialize(new Decimal("0.1").plus("0.2"))).toBe("0.3");
    expect(DecimalScalar.serialize(new Decimal("1e-7"))).toBe("0.0000001");
  });
  it("parses strings and integers, refuses fractional JSON numbers", () => {
    expect((DecimalScalar.parseValue("12.50") as Decimal).toFixed(2)).toBe("12.50");
    expect((DecimalScalar.parseValue(3) as Decimal).toFixed()).toBe("3");
    expect(() => DecimalScalar.parseValue(0.1)).toThrow(/string/);
    expect(() => DecimalScalar.parseValue("12,5")).toThrow();
    expect((DecimalScalar.parseLiteral({ kind: Kind.STRING, value: "0.0125" }, {}) as Decimal).toFixed()).toBe("0.0125");
    expect(GraphQLError).toBeDefined();
  });
});
