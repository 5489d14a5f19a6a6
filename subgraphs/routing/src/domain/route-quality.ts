import { Decimal } from "@intersettle/shared";
import { figure } from "./figures";
import type { QualityFloor, QualitySample, RouteQuality } from "./route-types";

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);
const NO_SAMPLES: RouteQuality = Object.freeze({ calls: 0, asr: null, acd: null, score: null });

/**
 * ASR (answered / calls, percent), ACD (answered seconds / answered calls) and the score QUALITY routing orders
 * by: ASR × ACD, i.e. 100 × answered seconds per attempt, which rewards a route that both connects and keeps
 * calls up. With calls but none answered, ASR and score are 0 and ACD is null (no answered call to average).
 */
export function measureQuality(sample: QualitySample | undefined): RouteQuality {
  if (!sample || sample.calls <= 0) return NO_SAMPLES;
  const asr = new Decimal(sample.answered).times(HUNDRED).dividedBy(sample.calls);
  if (sample.answered <= 0) return { calls: sample.calls, asr, acd: null, score: ZERO };
  const acd = new Decimal(sample.seconds).dividedBy(sample.answered);
  return { calls: sample.calls, asr, acd, score: asr.times(acd) };
}

/** Enough calls to judge the route: at least the floor's minimum, and at least one. */
export function judged(quality: RouteQuality, floor: QualityFloor | null): boolean {
  return quality.calls >= Math.max(1, floor?.minCalls ?? 1);
}

/** Why the route is under the floor (for people), or undefined when it is not, or too few calls to judge. */
export function underFloor(quality: RouteQuality, floor: QualityFloor | null): string | undefined {
  if (!floor || !judged(quality, floor)) return undefined;
  const over = `over ${quality.calls} calls in ${floor.windowMinutes} min`;
  if (floor.minAsr !== null && quality.asr!.lt(floor.minAsr)) return `ASR ${figure(quality.asr!)}% below floor ${floor.minAsr.toFixed()}% ${over}`;
  // No answered call: nothing was held up, so the average is taken as 0 seconds against the floor.
  const acd = quality.acd ?? ZERO;
  if (floor.minAcd !== null && acd.lt(floor.minAcd)) return `ACD ${figure(acd)} s below floor ${floor.minAcd.toFixed()} s ${over}`;
  return undefined;
}
