import type { Decimal } from "../money";
import type { RateTerms } from "./billing-increment";

export enum RatedService {
  VOICE = "VOICE",
  SMS = "SMS",
  MMS = "MMS",
  DATA = "DATA",
}

/** How usage quantity relates to the charging unit a rate is quoted in. */
export const CHARGING_UNIT: Record<RatedService, { quantity: string; per: string; quantityPerUnit: number }> = {
  [RatedService.VOICE]: { quantity: "second", per: "minute", quantityPerUnit: 60 },
  [RatedService.SMS]: { quantity: "message", per: "message", quantityPerUnit: 1 },
  [RatedService.MMS]: { quantity: "message", per: "message", quantityPerUnit: 1 },
  [RatedService.DATA]: { quantity: "KB", per: "MB", quantityPerUnit: 1024 },
};

/** One rate of a card: a prefix's terms for a time band over an effective period. */
export interface RateRow extends RateTerms {
  prefix: string;
  destination: string;
  /** null: all times. */
  timeBand: string | null;
  effectiveFrom: Date;
  /** Exclusive; null while open-ended. */
  effectiveTo: Date | null;
  /** The card version (import) that wrote this row. */
  version: number;
}

export function inForce(row: Pick<RateRow, "effectiveFrom" | "effectiveTo">, at: Date): boolean {
  return row.effectiveFrom.getTime() <= at.getTime() && (row.effectiveTo === null || at.getTime() < row.effectiveTo.getTime());
}

/** True when the price terms of two rows are identical. */
export function sameTerms(a: RateTerms, b: RateTerms): boolean {
  return (
    a.rate.equals(b.rate) &&
    a.nextRate.equals(b.nextRate) &&
    a.connectFee.equals(b.connectFee) &&
    a.initialInterval === b.initialInterval &&
    a.nextInterval === b.nextInterval &&
    a.gracePeriod === b.gracePeriod
  );
}

export type { Decimal };
