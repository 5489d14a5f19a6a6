import { Decimal } from "@intersettle/shared";
import type { QualityFloor } from "../domain/route-types";

/** Routing's tunables, from the environment at start (README, Configuration). */
export interface RoutingSettings {
  /** The floor for customers whose plan sets none; null when neither a minimum ASR nor ACD is set. */
  defaultQualityFloor: QualityFloor | null;
  /** Window quality is measured over when no floor names one (QUALITY ordering without a floor). */
  qualityWindowMinutes: number;
  /** Call time is counted in buckets of this many minutes (5 or 15). */
  bucketMinutes: number;
  /** Buckets older than this (behind the newest traffic seen, or now if earlier) are pruned. */
  retentionDays: number;
  /** How often exchange rates are read again from rating (rating publishes no event for them). */
  fxRefreshMs: number;
}

/**
 * INTERSETTLE_ROUTING_MIN_ASR (percent), INTERSETTLE_ROUTING_MIN_ACD (seconds), INTERSETTLE_ROUTING_MIN_CALLS (default 20),
 * INTERSETTLE_ROUTING_QUALITY_WINDOW_MINUTES (default 60), INTERSETTLE_ROUTING_QUALITY_BUCKET_MINUTES (5 or 15, default 15),
 * INTERSETTLE_ROUTING_QUALITY_RETENTION_DAYS (default 7), INTERSETTLE_ROUTING_FX_REFRESH_MS (default 60000).
 */
export function readRoutingSettings(env: NodeJS.ProcessEnv = process.env): RoutingSettings {
  const minAsr = decimalFrom(env.INTERSETTLE_ROUTING_MIN_ASR, "INTERSETTLE_ROUTING_MIN_ASR", 100);
  const minAcd = decimalFrom(env.INTERSETTLE_ROUTING_MIN_ACD, "INTERSETTLE_ROUTING_MIN_ACD", 86_400);
  const windowMinutes = wholeFrom(env.INTERSETTLE_ROUTING_QUALITY_WINDOW_MINUTES, 60, 5, 7 * 1440, "INTERSETTLE_ROUTING_QUALITY_WINDOW_MINUTES");
  const bucketMinutes = wholeFrom(env.INTERSETTLE_ROUTING_QUALITY_BUCKET_MINUTES, 15, 5, 15, "INTERSETTLE_ROUTING_QUALITY_BUCKET_MINUTES");
  if (bucketMinutes !== 5 && bucketMinutes !== 15) throw new Error("INTERSETTLE_ROUTING_QUALITY_BUCKET_MINUTES must be 5 or 15");
  return {
    defaultQualityFloor:
      minAsr || minAcd ? { minAsr, minAcd, minCalls: wholeFrom(env.INTERSETTLE_ROUTING_MIN_CALLS, 20, 1, 1_000_000, "INTERSETTLE_ROUTING_MIN_CALLS"), windowMinutes } : null,
    qualityWindowMinutes: windowMinutes,
    bucketMinutes,
    retentionDays: wholeFrom(env.INTERSETTLE_ROUTING_QUALITY_RETENTION_DAYS, 7, 1, 90, "INTERSETTLE_ROUTING_QUALITY_RETENTION_DAYS"),
    fxRefreshMs: wholeFrom(env.INTERSETTLE_ROUTING_FX_REFRESH_MS, 60_000, 1000, 86_400_000, "INTERSETTLE_ROUTING_FX_REFRESH_MS"),
  };
}

function decimalFrom(value: string | undefined, name: string, max: number): Decimal | null {
  if (value === undefined || value === "") return null;
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || new Decimal(value.trim()).gt(max)) throw new Error(`${name} must be a number from 0 to ${max}, got '${value.slice(0, 40)}'`);
  return new Decimal(value.trim());
}

function wholeFrom(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${value.slice(0, 40)}'`);
  return n;
}
