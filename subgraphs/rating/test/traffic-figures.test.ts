import { Decimal } from "@intersettle/shared";
import { answerSeizureRatio, averageCallDuration, marginOf, minutesOf } from "../src/domain/traffic/traffic-figures";
import { MAX_PERIOD_DAYS, periodProblems } from "../src/domain/traffic/report-period";

describe("traffic figures", () => {
  it("gives ASR and ACD only when they mean something", () => {
    expect(answerSeizureRatio({ attempts: 4, answered: 3, seconds: 300 })).toBe(0.75);
    expect(answerSeizureRatio({ attempts: 0, answered: 0, seconds: 0 })).toBeNull();
    expect(averageCallDuration({ attempts: 4, answered: 3, seconds: 300 })).toBe(100);
    expect(averageCallDuration({ attempts: 4, answered: 0, seconds: 0 })).toBeNull();
    expect(minutesOf(90)).toBe(1.5);
  });

  it("gives a margin exactly, or none when a side is hidden from the caller", () => {
    expect(marginOf("1.10", "0.30")!.equals(new Decimal("0.8"))).toBe(true);
    expect(marginOf(null, "0.30")).toBeNull();
  });

  it("bounds a report period", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    expect(periodProblems(from, from)).toEqual([{ field: "to", message: "must be after from" }]);
    expect(periodProblems(from, new Date(from.getTime() + MAX_PERIOD_DAYS * 86_400_000))).toEqual([]);
    expect(periodProblems(from, new Date(from.getTime() + MAX_PERIOD_DAYS * 86_400_000 + 1))[0].field).toBe("to");
  });
});
