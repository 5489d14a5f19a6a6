import type { FieldProblem } from "@intersettle/shared";
import { PartnerStatus } from "./partner-profile";

/** How far a bearer secret opens the hub. */
export type CredentialAccess = "refused" | "read-only" | "full";

export interface CredentialValidity {
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** Longest overlap a rotation may give the old key: long enough to roll a fleet, short enough to bound a leak. */
export const MAX_ROTATION_OVERLAP_HOURS = 720;

/** A key or token works until it is revoked or its expiry passes; a partner key also follows its partner's status. */
export function credentialAccess(credential: CredentialValidity, now: Date, partnerStatus?: PartnerStatus): CredentialAccess {
  if (credential.revokedAt || (credential.expiresAt && credential.expiresAt.getTime() <= now.getTime())) return "refused";
  switch (partnerStatus) {
    case undefined:
    case PartnerStatus.ACTIVE:
      return "full";
    case PartnerStatus.BLOCKED:
      return "read-only";
    case PartnerStatus.SUSPENDED:
    case PartnerStatus.TERMINATED:
      return "refused";
  }
}

/** An expiry given at creation must lie ahead: a key born expired is a mistake, not a policy. */
export function expiryProblems(expiresAt: Date | null | undefined, now: Date, field = "expiresAt"): FieldProblem[] {
  if (!expiresAt) return [];
  if (Number.isNaN(expiresAt.getTime())) return [{ field, message: "is not a date-time" }];
  return expiresAt.getTime() > now.getTime() ? [] : [{ field, message: "must be in the future" }];
}

export function overlapProblems(overlapHours: number): FieldProblem[] {
  if (Number.isInteger(overlapHours) && overlapHours >= 0 && overlapHours <= MAX_ROTATION_OVERLAP_HOURS) return [];
  return [{ field: "overlapHours", message: `must be a whole number of hours from 0 to ${MAX_ROTATION_OVERLAP_HOURS}` }];
}

/** The old key's expiry after a rotation: now plus the overlap, never later than an expiry it already had. */
export function expiryAfterRotation(current: Date | null, now: Date, overlapHours: number): Date {
  const end = new Date(now.getTime() + overlapHours * 3_600_000);
  return current && current.getTime() < end.getTime() ? current : end;
}
