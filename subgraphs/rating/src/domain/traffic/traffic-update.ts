import { Decimal } from "@intersettle/shared";
import { answerSeizureRatio, averageCallDuration, minutesOf } from "./traffic-figures";
import type { TrafficBatchDestination, TrafficBatchPayload } from "./traffic-batch";

/** A batch's figures as dashboards read them: minutes, ASR, ACD, and revenue, cost and margin in the base currency. */
export interface TrafficUpdateFigures {
  calls: number;
  answered: number;
  minutes: number;
  asr: number | null;
  acd: number | null;
  /** The leg's charge (revenue for a CUSTOMER leg, cost for a VENDOR leg) in the event's currency. */
  amount: Decimal;
  /** Revenue and cost of the same calls in the base currency, whichever leg this is. */
  revenue: Decimal;
  cost: Decimal;
  margin: Decimal;
}

export interface TrafficUpdateView extends TrafficUpdateFigures {
  destinations: Array<TrafficUpdateFigures & { destination: string }>;
}

/** A batch's figures, of one destination only when `destination` is given (its totals are then that destination's). */
export function trafficUpdateView(batch: TrafficBatchPayload, destination?: string | null): TrafficUpdateView {
  const chosen = batch.destinations.filter((d) => !destination || d.destination === destination);
  const sum = (pick: (d: TrafficBatchDestination) => string) => chosen.reduce((s, d) => s.plus(pick(d)), new Decimal(0));
  const count = (pick: (d: TrafficBatchDestination) => number) => chosen.reduce((s, d) => s + pick(d), 0);
  const totals: TrafficBatchDestination = {
    destination: destination ?? "",
    calls: count((d) => d.calls),
    answered: count((d) => d.answered),
    seconds: count((d) => d.seconds),
    amount: sum((d) => d.amount).toFixed(),
    revenueBase: sum((d) => d.revenueBase).toFixed(),
    costBase: sum((d) => d.costBase).toFixed(),
  };
  return { ...figuresOf(totals), destinations: chosen.map((d) => ({ destination: d.destination, ...figuresOf(d) })) };
}

function figuresOf(d: TrafficBatchDestination): TrafficUpdateFigures {
  const counts = { attempts: d.calls, answered: d.answered, seconds: d.seconds };
  const revenue = new Decimal(d.revenueBase);
  const cost = new Decimal(d.costBase);
  return {
    calls: d.calls,
    answered: d.answered,
    minutes: minutesOf(d.seconds),
    asr: answerSeizureRatio(counts),
    acd: averageCallDuration(counts),
    amount: new Decimal(d.amount),
    revenue,
    cost,
    margin: revenue.minus(cost),
  };
}
