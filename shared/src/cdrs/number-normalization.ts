/** How a source writes numbers: technical prefixes to strip, the country of national numbers. */
export interface NumberPlan {
  /** Digits a switch prepends for routing (e.g. "1010#" or "99"), removed first. */
  technicalPrefix?: string | null;
  /** Country code of the source's national numbers, e.g. "44". */
  countryCode?: string | null;
  /** National trunk prefix, e.g. "0" in the UK and India. */
  nationalPrefix?: string | null;
  /** International call prefix besides + and 00, e.g. "011" in North America. */
  internationalPrefix?: string | null;
}

/**
 * A dialled number as E.164 digits: technical prefix stripped, + / 00 / the international prefix removed,
 * national numbers given the source's country code. Undefined when nothing usable is left.
 */
export function toE164(raw: string, plan: NumberPlan): string | undefined {
  // Most switches already write +E.164: checked by hand, no regex per number.
  if (!plan.technicalPrefix && raw.charCodeAt(0) === 43 && raw.length > 1 && isDigitsFrom(raw, 1)) return raw.slice(1);
  let text = raw.trim();
  if (plan.technicalPrefix && text.startsWith(plan.technicalPrefix)) text = text.slice(plan.technicalPrefix.length);
  const international = text.startsWith("+");
  let digits = text.replace(/[^0-9]/g, "");
  if (!digits) return undefined;
  if (international) return digits;
  if (digits.startsWith("00")) return digits.slice(2);
  if (plan.internationalPrefix && digits.startsWith(plan.internationalPrefix)) return digits.slice(plan.internationalPrefix.length);
  if (plan.nationalPrefix && plan.countryCode && digits.startsWith(plan.nationalPrefix)) {
    digits = digits.slice(plan.nationalPrefix.length);
    return digits ? plan.countryCode + digits : undefined;
  }
  return digits;
}

function isDigitsFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
