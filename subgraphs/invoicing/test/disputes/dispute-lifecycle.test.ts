import fc from "fast-check";
import { DISPUTE_ACTIONS, DisputeStatus, disputeTransition, mayDiscuss, type DisputeAction, type DisputeActor } from "../../src/domain";

const statuses = Object.values(DisputeStatus);
const actors: DisputeActor[] = ["OPERATOR", "PARTNER"];

/** Walks the actions from OPEN and returns the statuses it passed through (refused actions change nothing). */
function walk(actions: Array<[DisputeAction, DisputeActor]>): DisputeStatus[] {
  let status = DisputeStatus.OPEN;
  const seen = [status];
  for (const [action, actor] of actions) {
    const step = disputeTransition(status, action, actor);
    if ("to" in step) status = step.to;
    seen.push(status);
  }
  return seen;
}

describe("dispute lifecycle", () => {
  it("runs OPEN → SUBMITTED → IN_REVIEW → RESOLVED → CLOSED", () => {
    expect(walk([["SUBMIT", "OPERATOR"], ["REVIEW", "PARTNER"], ["CONTEST", "PARTNER"], ["RESOLVE", "OPERATOR"], ["CLOSE", "OPERATOR"]])).toEqual(["OPEN", "SUBMITTED", "IN_REVIEW", "IN_REVIEW", "RESOLVED", "CLOSED"]);
    expect(walk([["SUBMIT", "OPERATOR"], ["REVIEW", "OPERATOR"], ["ACCEPT", "PARTNER"], ["CLOSE", "OPERATOR"]])).toEqual(["OPEN", "SUBMITTED", "IN_REVIEW", "RESOLVED", "CLOSED"]);
  });

  it("lets a partner only take up, accept or contest a dispute sent to it", () => {
    const partnerMay = DISPUTE_ACTIONS.filter((action) => statuses.some((s) => "to" in disputeTransition(s, action, "PARTNER")));
    expect(partnerMay.sort()).toEqual(["ACCEPT", "CONTEST", "REVIEW"]);
    for (const action of ["SUBMIT", "RESOLVE", "CLOSE"] as const) {
      expect(disputeTransition(action === "SUBMIT" ? DisputeStatus.OPEN : action === "RESOLVE" ? DisputeStatus.IN_REVIEW : DisputeStatus.RESOLVED, action, "PARTNER")).toMatchObject({ forbidden: true });
    }
    expect(disputeTransition(DisputeStatus.IN_REVIEW, "CONTEST", "OPERATOR")).toMatchObject({ forbidden: true });
  });

  it("refuses an action from the wrong status, naming the status it needs", () => {
    expect(disputeTransition(DisputeStatus.OPEN, "CLOSE", "OPERATOR")).toEqual({ refused: "CLOSE applies to a dispute that is RESOLVED, not OPEN", forbidden: false });
  });

  it("never leaves CLOSED, never goes back, and reaches CLOSED only through RESOLVED (any sequence of actions)", () => {
    const order = [DisputeStatus.OPEN, DisputeStatus.SUBMITTED, DisputeStatus.IN_REVIEW, DisputeStatus.RESOLVED, DisputeStatus.CLOSED];
    const step = fc.tuple(fc.constantFrom(...DISPUTE_ACTIONS), fc.constantFrom(...actors));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (actions) => {
        const seen = walk(actions);
        for (let i = 1; i < seen.length; i++) {
          const from = order.indexOf(seen[i - 1]);
          const to = order.indexOf(seen[i]);
          // Forward by at most one status at a time, never back.
          expect(to === from || to === from + 1).toBe(true);
        }
        const closedAt = seen.indexOf(DisputeStatus.CLOSED);
        if (closedAt !== -1) expect(seen.slice(closedAt).every((s) => s === DisputeStatus.CLOSED)).toBe(true);
      }),
    );
  });

  it("takes comments until closed, a partner's only once the dispute is sent", () => {
    expect(statuses.filter((s) => mayDiscuss(s, "OPERATOR"))).toEqual(["OPEN", "SUBMITTED", "IN_REVIEW", "RESOLVED"]);
    expect(statuses.filter((s) => mayDiscuss(s, "PARTNER"))).toEqual(["SUBMITTED", "IN_REVIEW", "RESOLVED"]);
  });
});
