import fc from "fast-check";
import { Decimal, currencyMinorUnits } from "@intersettle/shared";
import { CURRENCY_UNIT_NAMES, amountInWords, cardinalInWords, formatAmountFigures } from "../src/domain";

const d = (v: string | number) => new Decimal(v);

// A word-to-number parser kept independent of the implementation: it reads any short-scale English cardinal.
const SMALL: Record<string, bigint> = Object.fromEntries(
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    .split(" ")
    .map((w, i) => [w, BigInt(i)]),
);
"twenty thirty forty fifty sixty seventy eighty ninety".split(" ").forEach((w, i) => (SMALL[w] = BigInt(20 + 10 * i)));
const SCALE: Record<string, bigint> = { thousand: 10n ** 3n, million: 10n ** 6n, billion: 10n ** 9n, trillion: 10n ** 12n, quadrillion: 10n ** 15n, quintillion: 10n ** 18n };

function parseCardinal(text: string): bigint {
  let total = 0n;
  let group = 0n;
  for (const word of text.split(/[ -]/)) {
    if (word in SMALL) group += SMALL[word];
    else if (word === "hundred") group *= 100n;
    else if (word in SCALE) {
      total += group * SCALE[word];
      group = 0n;
    } else throw new Error(`not a number word: '${word}' in '${text}'`);
  }
  return total + group;
}

/** Reads "<Minus >N <major>[ and M <minor>]" or "<Minus >M <minor>" back into an amount, given the unit names to expect. */
function parseAmount(text: string, units: { majorOne: string; majorMany: string; minorOne: string; minorMany: string }, digits: number): Decimal {
  const negative = text.startsWith("Minus ");
  const body = (negative ? text.slice("Minus ".length) : text).toLowerCase();
  let major = 0n;
  let minor = 0n;
  for (const part of body.split(" and ")) {
    const m = /^(.*) (\S+)$/.exec(part);
    if (!m) throw new Error(`no unit in '${part}'`);
    const n = parseCardinal(m[1]);
    const unit = m[2];
    if (unit === units.majorOne.toLowerCase() || unit === units.majorMany.toLowerCase()) {
      expect(unit).toBe((n === 1n ? units.majorOne : units.majorMany).toLowerCase());
      major = n;
    } else if (unit === units.minorOne || unit === units.minorMany) {
      expect(unit).toBe(n === 1n ? units.minorOne : units.minorMany);
      minor = n;
    } else throw new Error(`unexpected unit '${unit}' in '${text}'`);
  }
  const magnitude = d(major.toString()).plus(d(minor.toString()).dividedBy(d(10).pow(digits)));
  return negative ? magnitude.negated() : magnitude;
}

describe("cardinalInWords", () => {
  it("writes small numbers, teens, hyphenated tens and hundreds without 'and'", () => {
    expect([0n, 1n, 11n, 12n, 13n, 15n, 19n, 20n, 21n, 99n, 100n, 101n, 110n, 999n].map(cardinalInWords)).toEqual([
      "zero",
      "one",
      "eleven",
      "twelve",
      "thirteen",
      "fifteen",
      "nineteen",
      "twenty",
      "twenty-one",
      "ninety-nine",
      "one hundred",
      "one hundred one",
      "one hundred ten",
      "nine hundred ninety-nine",
    ]);
  });

  it("writes the short scale and skips empty groups", () => {
    expect(cardinalInWords(1000n)).toBe("one thousand");
    expect(cardinalInWords(1001n)).toBe("one thousand one");
    expect(cardinalInWords(1_000_000n)).toBe("one million");
    expect(cardinalInWords(1_000_000_001n)).toBe("one billion one");
    expect(cardinalInWords(10n ** 18n)).toBe("one quintillion");
    expect(cardinalInWords(10n ** 18n - 1n)).toBe(
      "nine hundred ninety-nine quadrillion nine hundred ninety-nine trillion nine hundred ninety-nine billion " +
        "nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine",
    );
  });

  it("refuses negative numbers and numbers beyond its scale names", () => {
    expect(() => cardinalInWords(-1n)).toThrow(RangeError);
    expect(() => cardinalInWords(10n ** 36n)).toThrow(RangeError);
    expect(cardinalInWords(10n ** 36n - 1n)).toMatch(/^nine hundred ninety-nine decillion/);
  });

  it("parses back to the same number for any integer in [0, 10^15)", () => {
    fc.assert(fc.property(fc.bigInt(0n, 10n ** 15n - 1n), (n) => parseCardinal(cardinalInWords(n)) === n));
  });

  it("parses back to the same number up to 10^18 - 1, biased to round numbers", () => {
    const roundish = fc.tuple(fc.bigInt(1n, 999n), fc.integer({ min: 0, max: 15 })).map(([n, k]) => n * 10n ** BigInt(k));
    fc.assert(fc.property(fc.oneof(fc.bigInt(0n, 10n ** 18n - 1n), roundish), (n) => parseCardinal(cardinalInWords(n)) === n));
  });
});

describe("amountInWords", () => {
  it("writes the examples of issue 13", () => {
    expect(amountInWords(d("1234.56"), "GBP")).toBe("One thousand two hundred thirty-four pounds and fifty-six pence");
    expect(amountInWords(d("1"), "USD")).toBe("One dollar");
    expect(amountInWords(d("0.01"), "EUR")).toBe("One cent");
    expect(amountInWords(d("1000000"), "JPY")).toBe("One million yen");
    expect(amountInWords(d("1.005"), "BHD")).toBe("One dinar and five fils");
  });

  it("writes zero as 'Zero' and the major plural, whatever its scale or sign", () => {
    expect(amountInWords(d("0"), "GBP")).toBe("Zero pounds");
    expect(amountInWords(d("0.00"), "USD")).toBe("Zero dollars");
    expect(amountInWords(d("-0"), "JPY")).toBe("Zero yen");
  });

  it("writes negative amounts of credit notes with 'Minus'", () => {
    expect(amountInWords(d("-1234.56"), "GBP")).toBe("Minus one thousand two hundred thirty-four pounds and fifty-six pence");
    expect(amountInWords(d("-0.01"), "USD")).toBe("Minus one cent");
  });

  it("uses singular and plural for both parts", () => {
    expect(amountInWords(d("1.01"), "GBP")).toBe("One pound and one penny");
    expect(amountInWords(d("2.02"), "GBP")).toBe("Two pounds and two pence");
    expect(amountInWords(d("101.10"), "BRL")).toBe("One hundred one reais and ten centavos");
    expect(amountInWords(d("1.001"), "KWD")).toBe("One dinar and one fils");
    expect(amountInWords(d("21.15"), "PLN")).toBe("Twenty-one zlotys and fifteen groszy");
    expect(amountInWords(d("0.50"), "INR")).toBe("Fifty paise");
    expect(amountInWords(d("1000.1"), "CHF")).toBe("One thousand francs and ten centimes");
  });

  it("names a currency without English names by its code and its minor part as a fraction", () => {
    // Georgian lari (2 digits) and Unidad de Fomento (4 digits) are ISO currencies without names in the table.
    expect([CURRENCY_UNIT_NAMES.GEL, CURRENCY_UNIT_NAMES.CLF]).toEqual([undefined, undefined]);
    expect(amountInWords(d("1000.12"), "GEL")).toBe("One thousand GEL and twelve hundredths");
    expect(amountInWords(d("1.01"), "GEL")).toBe("One GEL and one hundredth");
    expect(amountInWords(d("0.05"), "GEL")).toBe("Zero GEL and five hundredths");
    expect(amountInWords(d("1.0001"), "CLF")).toBe("One CLF and one ten-thousandth");
    expect(amountInWords(d("-1.5"), "CLF")).toBe("Minus one CLF and five thousand ten-thousandths");
    expect(amountInWords(d("7"), "XAU")).toBe("Seven XAU");
  });

  it("refuses an amount not rounded to the currency's minor digits, naming the currency and its decimals", () => {
    expect(() => amountInWords(d("1.005"), "GBP")).toThrow(new RangeError("1.005 has more than the 2 decimals GBP allows"));
    expect(() => amountInWords(d("0.5"), "JPY")).toThrow(new RangeError("0.5 has more than the 0 decimals JPY allows"));
    expect(() => amountInWords(d("1.0005"), "BHD")).toThrow(RangeError);
    expect(() => amountInWords(d("NaN"), "USD")).toThrow(RangeError);
    expect(() => amountInWords(d("Infinity"), "USD")).toThrow(RangeError);
    expect(() => amountInWords(d("1e36"), "USD")).toThrow(RangeError);
  });

  it("has a minor-unit name for every named currency that has minor digits, and none for one that has not", () => {
    for (const [code, names] of Object.entries(CURRENCY_UNIT_NAMES)) {
      expect([code, names.minor !== undefined]).toEqual([code, currencyMinorUnits(code) > 0]);
    }
  });

  const CASES = [
    { currency: "GBP", units: { majorOne: "pound", majorMany: "pounds", minorOne: "penny", minorMany: "pence" } },
    { currency: "USD", units: { majorOne: "dollar", majorMany: "dollars", minorOne: "cent", minorMany: "cents" } },
    { currency: "BHD", units: { majorOne: "dinar", majorMany: "dinars", minorOne: "fils", minorMany: "fils" } },
    { currency: "JPY", units: { majorOne: "yen", majorMany: "yen", minorOne: "-", minorMany: "-" } },
    { currency: "GEL", units: { majorOne: "GEL", majorMany: "GEL", minorOne: "hundredth", minorMany: "hundredths" } },
  ];

  it("parses back to the same amount, major and minor part, sign and unit names included", () => {
    const amounts = fc.constantFrom(...CASES).chain((c) => {
      const digits = currencyMinorUnits(c.currency);
      // Small minor parts often, so that one penny and zero pence come up, as well as any minor part.
      const minor = fc.oneof(fc.bigInt(0n, 2n), fc.bigInt(0n, 10n ** BigInt(digits) - 1n));
      return fc.record({ c: fc.constant(c), digits: fc.constant(digits), major: fc.oneof(fc.bigInt(0n, 2n), fc.bigInt(0n, 10n ** 15n - 1n)), minor, negative: fc.boolean() });
    });
    fc.assert(
      fc.property(amounts, ({ c, digits, major, minor, negative }) => {
        const magnitude = d(major.toString()).plus(d(minor.toString()).dividedBy(d(10).pow(digits)));
        const amount = negative ? magnitude.negated() : magnitude;
        const words = amountInWords(amount, c.currency);
        expect(words.charAt(0)).toBe(words.charAt(0).toUpperCase());
        expect(parseAmount(words, c.units, digits).equals(amount)).toBe(true);
      }),
    );
  });
});

describe("formatAmountFigures", () => {
  it("writes the code, thousands separators and exactly the currency's minor digits", () => {
    expect(formatAmountFigures(d("1234.56"), "GBP")).toBe("GBP 1,234.56");
    expect(formatAmountFigures(d("1234.5"), "GBP")).toBe("GBP 1,234.50");
    expect(formatAmountFigures(d("1000000"), "JPY")).toBe("JPY 1,000,000");
    expect(formatAmountFigures(d("1.005"), "BHD")).toBe("BHD 1.005");
    expect(formatAmountFigures(d("0"), "USD")).toBe("USD 0.00");
    expect(formatAmountFigures(d("999"), "USD")).toBe("USD 999.00");
    expect(formatAmountFigures(d("100000"), "USD")).toBe("USD 100,000.00");
    expect(formatAmountFigures(d("999999999999999999.99"), "USD")).toBe("USD 999,999,999,999,999,999.99");
  });

  it("puts the sign of a negative amount on the number, and none on negative zero", () => {
    expect(formatAmountFigures(d("-1234.56"), "GBP")).toBe("GBP -1,234.56");
    expect(formatAmountFigures(d("-0.00"), "GBP")).toBe("GBP 0.00");
  });

  it("refuses an amount not rounded to the currency's minor digits", () => {
    expect(() => formatAmountFigures(d("1.001"), "USD")).toThrow(new RangeError("1.001 has more than the 2 decimals USD allows"));
  });

  it("reads back to the same amount for any amount of cents", () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 17n), 10n ** 17n), (cents) => {
        const amount = d(cents.toString()).dividedBy(100);
        const text = formatAmountFigures(amount, "EUR");
        expect(text).toMatch(/^EUR -?\d{1,3}(,\d{3})*\.\d{2}$/);
        return d(text.slice(4).replace(/,/g, "")).equals(amount);
      }),
    );
  });
});
