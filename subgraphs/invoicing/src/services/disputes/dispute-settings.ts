/** How long a partner has to answer, how often it is reminded, how large a file it may attach, how many calls the evidence lists. */
export interface DisputeSettings {
  responseWindowDays: number;
  reminderIntervalDays: number;
  maxAttachmentBytes: number;
  /**
   * Mismatched calls attached to a dispute at most: a claim sent against the wrong partner mismatches every call, and
   * the attachment is kept in the database. The complete list stays downloadable from the reconciliation.
   */
  evidenceCalls: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, not '${text}'`);
  return value;
}

/**
 * From INTERSETTLE_DISPUTE_RESPONSE_DAYS (30), INTERSETTLE_DISPUTE_REMINDER_DAYS (7), INTERSETTLE_MAX_DISPUTE_ATTACHMENT_MB (2)
 * and INTERSETTLE_DISPUTE_EVIDENCE_CALLS (50,000).
 */
export function readDisputeSettings(env: NodeJS.ProcessEnv = process.env): DisputeSettings {
  return {
    responseWindowDays: wholeNumber(env, "INTERSETTLE_DISPUTE_RESPONSE_DAYS", 30),
    reminderIntervalDays: wholeNumber(env, "INTERSETTLE_DISPUTE_REMINDER_DAYS", 7),
    maxAttachmentBytes: wholeNumber(env, "INTERSETTLE_MAX_DISPUTE_ATTACHMENT_MB", 2) * 1024 * 1024,
    evidenceCalls: wholeNumber(env, "INTERSETTLE_DISPUTE_EVIDENCE_CALLS", 50_000),
  };
}
