import { ShareModel, TierBasis, ruleLines, tierReached, tierSlices } from "../../src/domain";
import { d, fixedFee, percent, remainder, tiers } from "./terms-fixtures";

const total = (lines: ReturnType<typeof ruleLines>) => lines.reduce((s, l) => s.plus(l.amount), d(0)).toFixed();

describe("share rules", () => {
  it("PERCENT takes its percent of the base, REMAINDER all of it, a fixed fee its fee per transaction", () => {
    expect(total(ruleLines(percent("40"), d("10390.00"), 12000))).toBe("4156");
    expect(total(ruleLines(percent("33.3333"), d("100"), 1))).toBe("33.3333");
    expect(total(ruleLines(remainder, d("4467.70"), 12000))).toBe("4467.7");
    expect(total(ruleLines(fixedFee("0.05"), d("100"), 1234))).toBe("61.7");
  });

  it("a fixed fee is owed even when it exceeds the base", () => {
    expect(total(ruleLines(fixedFee("1"), d("10"), 50))).toBe("50");
  });

  describe("marginal tiers by REVENUE: continuous at the boundary, the next unit at the next tier's percent", () => {
    const rule = tiers(ShareModel.TIERED_MARGINAL, TierBasis.REVENUE, [0, 40], [10000, 50], [20000, 60]);
    it.each([
      ["9999.99", "3999.996"], // below: 40% of everything
      ["10000", "4000"], // at: still 40% of everything, the second tier has nothing yet
      ["10000.01", "4000.005"], // above: the extra cent at 50%
      ["19999.99", "8999.995"],
      ["20000", "9000"],
      ["20000.01", "9000.006"],
      ["25000", "12000"],
    ])("of %s gives %s", (base, share) => expect(total(ruleLines(rule, d(base), 1))).toBe(share));

    it("shows one line per tier reached, each with its slice", () => {
      const lines = ruleLines(rule, d("25000"), 7);
      expect(lines.map((l) => [l.tier, l.tierFrom!.toFixed(), l.base.toFixed(), l.rate.toFixed(), l.amount.toFixed(), l.transactions])).toEqual([
        [1, "0", "10000", "40", "4000", null],
        [2, "10000", "10000", "50", "5000", null],
        [3, "20000", "5000", "60", "3000", null],
      ]);
    });
  });

  describe("whole tiers by REVENUE: the whole base at the reached tier's percent, a jump at the boundary", () => {
    const rule = tiers(ShareModel.TIERED_WHOLE, TierBasis.REVENUE, [0, 40], [10000, 60]);
    it.each([
      ["9999.99", "3999.996", 1],
      ["10000", "6000", 2], // a tier is reached at its `from`
      ["10000.01", "6000.006", 2],
    ])("of %s gives %s (tier %d)", (base, share, tier) => {
      const lines = ruleLines(rule, d(base), 1);
      expect(total(lines)).toBe(share);
      expect(lines).toHaveLength(1);
      expect(lines[0].tier).toBe(tier);
    });
  });

  describe("marginal tiers by VOLUME: the base attributed to each tier by its transactions", () => {
    // 0.50 of base per transaction; the first 10k transactions at 30%, the next at 20%.
    const rule = tiers(ShareModel.TIERED_MARGINAL, TierBasis.VOLUME, [0, 30], [10000, 20]);
    it.each([
      [9999, "1499.85"], // 0.15 a transaction
      [10000, "1500"],
      [10001, "1500.1"], // the 10,001st at 0.10
      [12000, "1700"],
    ])("%d transactions give %s", (n, share) => expect(total(ruleLines(rule, d(n).times("0.5"), n))).toBe(share));

    it("names each tier's transactions and the base attributed to them", () => {
      const lines = ruleLines(rule, d("6234"), 12000);
      expect(lines.map((l) => [l.tier, l.transactions, l.base.toFixed(), l.amount.toFixed()])).toEqual([
        [1, 10000, "5195", "1558.5"],
        [2, 2000, "1039", "207.8"],
      ]);
    });

    it("with no transactions keeps the whole base in the first tier", () => {
      expect(total(ruleLines(rule, d("-12"), 0))).toBe("-3.6");
    });
  });

  describe("whole tiers by VOLUME", () => {
    const rule = tiers(ShareModel.TIERED_WHOLE, TierBasis.VOLUME, [0, 30], [10000, 40]);
    it.each([
      [9999, "1499.85"],
      [10000, "2000"],
      [10001, "2000.2"],
    ])("%d transactions give %s", (n, share) => expect(total(ruleLines(rule, d(n).times("0.5"), n))).toBe(share));
  });

  it("volume tiers at 100 % take the whole base, not a hair more: each tier is a difference of rounded running totals", () => {
    // Found by the monotonicity property: tiers rounded one by one summed to 7631.36000000000000000001, leaving the
    // next step of the waterfall a negative rest.
    const rule = tiers(ShareModel.TIERED_MARGINAL, TierBasis.VOLUME, [0, 100], [4750, 100], [21858, 100]);
    const lines = ruleLines(rule, d("7631.36"), 33757);
    expect(total(lines)).toBe("7631.36");
    expect(lines.reduce((s, l) => s.plus(l.base), d(0)).toFixed()).toBe("7631.36");
  });

  it("finds the tier reached and the slices of a measure; a negative measure lies in the first tier", () => {
    const t = [{ from: d(0), percent: d(1) }, { from: d(10), percent: d(2) }, { from: d(20), percent: d(3) }];
    expect([d(-5), d(0), d(9.99), d(10), d(25)].map((m) => tierReached(t, m))).toEqual([0, 0, 0, 1, 2]);
    expect(tierSlices(t, d(25)).map(String)).toEqual(["10", "10", "5"]);
    expect(tierSlices(t, d(-5)).map(String)).toEqual(["-5", "0", "0"]);
    expect(total(ruleLines(tiers(ShareModel.TIERED_MARGINAL, TierBasis.REVENUE, [0, 40], [10, 50]), d(-5), 1))).toBe("-2");
  });
});
