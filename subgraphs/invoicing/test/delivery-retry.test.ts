import fc from "fast-check";
import { DEFAULT_DELIVERY_RETRY, nextDeliveryAttempt, type DeliveryRetryDecision } from "../src/domain";

const at = new Date("2026-04-01T10:00:00Z");
const minutesLater = (decision: DeliveryRetryDecision) => (decision.status === "RETRY" ? (decision.nextAttemptAt.getTime() - at.getTime()) / 60_000 : "FAILED");

describe("nextDeliveryAttempt", () => {
  it("backs off 1, 5, 15 and 60 minutes, then gives up after the sixth attempt", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempts) => minutesLater(nextDeliveryAttempt(attempts, at)))).toEqual([1, 5, 15, 60, 60, "FAILED", "FAILED"]);
    expect(DEFAULT_DELIVERY_RETRY.maxAttempts).toBe(6);
  });

  it("does not retry a message the server refused for good", () => {
    expect(nextDeliveryAttempt(1, at, { permanentFailure: true })).toEqual({ status: "FAILED" });
  });

  it("follows a schedule of its own, repeating its last wait", () => {
    const schedule = { delaysMinutes: [2, 10], maxAttempts: 4 };
    expect([1, 2, 3, 4].map((attempts) => minutesLater(nextDeliveryAttempt(attempts, at, { schedule })))).toEqual([2, 10, 10, "FAILED"]);
  });

  it("refuses counts and schedules that make no sense", () => {
    expect(() => nextDeliveryAttempt(0, at)).toThrow(/^attempts must be a whole number of 1 or more/);
    expect(() => nextDeliveryAttempt(1.5, at)).toThrow(RangeError);
    expect(() => nextDeliveryAttempt(1, new Date("not a time"))).toThrow(/^lastAttemptAt/);
    expect(() => nextDeliveryAttempt(1, at, { schedule: { delaysMinutes: [], maxAttempts: 3 } })).toThrow(/^schedule\.delaysMinutes/);
    expect(() => nextDeliveryAttempt(1, at, { schedule: { delaysMinutes: [1, 0], maxAttempts: 3 } })).toThrow(/^schedule\.delaysMinutes\.1/);
    expect(() => nextDeliveryAttempt(1, at, { schedule: { delaysMinutes: [1], maxAttempts: 0 } })).toThrow(/^schedule\.maxAttempts/);
  });

  it("never waits less after more failures, and always retries in the future until it gives up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }), (attempts, last) => {
        const now = nextDeliveryAttempt(attempts, last);
        const next = nextDeliveryAttempt(attempts + 1, last);
        if (attempts >= DEFAULT_DELIVERY_RETRY.maxAttempts) return expect(now.status).toBe("FAILED");
        expect(now.status === "RETRY" && now.nextAttemptAt > last).toBe(true);
        if (now.status === "RETRY" && next.status === "RETRY") expect(next.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.nextAttemptAt.getTime());
      }),
    );
  });
});
