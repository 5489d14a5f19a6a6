import type { QualityLookup, QualitySample } from "../../domain/route-types";

/** One vendor's buckets to one destination, in start order, with running totals for sums over any window. */
class BucketSeries {
  starts: number[] = [];
  private readonly figures: QualitySample[] = [];
  /** Totals of the buckets before each index (length + 1 entries); rebuilt on the first lookup after a change. */
  private totals: QualitySample[] | null = null;

  /** The bucket's totals as stored (not added: applying the same stored row twice changes nothing). */
  set(startMs: number, sample: QualitySample): void {
    let i = this.starts.length;
    while (i > 0 && this.starts[i - 1] > startMs) i--;
    if (i > 0 && this.starts[i - 1] === startMs) {
      this.figures[i - 1] = { ...sample };
    } else {
      this.starts.splice(i, 0, startMs);
      this.figures.splice(i, 0, { ...sample });
    }
    this.totals = null;
  }

  /** Drops buckets starting before `cutoffMs`; true when none is left. */
  prune(cutoffMs: number): boolean {
    const keep = lowerBound(this.starts, cutoffMs);
    if (keep > 0) {
      this.starts.splice(0, keep);
      this.figures.splice(0, keep);
      this.totals = null;
    }
    return this.starts.length === 0;
  }

  /** The buckets overlapping [fromMs, toMs). */
  sum(fromMs: number, toMs: number, bucketMs: number): QualitySample | undefined {
    const first = lowerBound(this.starts, fromMs - bucketMs + 1);
    const end = lowerBound(this.starts, toMs);
    if (end <= first) return undefined;
    const totals = (this.totals ??= running(this.figures));
    return {
      calls: totals[end].calls - totals[first].calls,
      answered: totals[end].answered - totals[first].answered,
      seconds: totals[end].seconds - totals[first].seconds,
    };
  }
}

/**
 * Every vendor's traffic per destination in buckets of call time, in memory for lookups that never wait: filled from
 * the quality_bucket table at start and from traffic events as they are applied.
 */
export class QualityWindow {
  private readonly vendors = new Map<string, Map<string, BucketSeries>>();
  /** Start of the newest bucket seen: retention counts back from it (or from now, if earlier). */
  newestMs = -Infinity;

  constructor(readonly bucketMs: number) {}

  set(vendorId: string, destination: string, bucketStartMs: number, sample: QualitySample): void {
    let destinations = this.vendors.get(vendorId);
    if (!destinations) this.vendors.set(vendorId, (destinations = new Map()));
    let series = destinations.get(destination);
    if (!series) destinations.set(destination, (series = new BucketSeries()));
    series.set(bucketStartMs, sample);
    if (bucketStartMs > this.newestMs) this.newestMs = bucketStartMs;
  }

  prune(cutoffMs: number): void {
    for (const [vendorId, destinations] of this.vendors) {
      for (const [destination, series] of destinations) if (series.prune(cutoffMs)) destinations.delete(destination);
      if (destinations.size === 0) this.vendors.delete(vendorId);
    }
  }

  readonly lookup: QualityLookup = (vendorId, destination, from, to) =>
    this.vendors.get(vendorId)?.get(destination)?.sum(from.getTime(), to.getTime(), this.bucketMs);
}

/** The first index whose value is at least `value`. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function running(figures: QualitySample[]): QualitySample[] {
  const totals: QualitySample[] = [{ calls: 0, answered: 0, seconds: 0 }];
  for (const f of figures) {
    const last = totals[totals.length - 1];
    totals.push({ calls: last.calls + f.calls, answered: last.answered + f.answered, seconds: last.seconds + f.seconds });
  }
  return totals;
}
