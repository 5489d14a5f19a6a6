import { Decimal } from "@intersettle/shared";
import type { ShareAgreementTerms } from "../agreements/agreement-terms";
import type { AdjustmentLine, PartyShare, PeriodSettlement } from "./period-settlement";
import { addUsage, CurrencyMismatchError, type PeriodUsage } from "./period-usage";

/**
 * Refunds and chargebacks that arrived after an earlier period's statement was published. They are settled under that
 * period's terms and land, as the difference they make, on the statement being drawn up now.
 */
export interface LateUsage {
  firstDate: string;
  lastDate: string;
  /** The agreement version that governed that period. */
  terms: ShareAgreementTerms;
  /** That period's usage as stated so far: its own, plus late items already adjusted on earlier statements. */
  stated: PeriodUsage;
  /** What arrived since, in PeriodUsage's shape (refunds, chargebacks, bad debt and the tax given back). */
  late: PeriodUsage;
}

type Settle = (terms: ShareAgreementTerms, usage: PeriodUsage) => PeriodSettlement;

/**
 * `settlement` with one adjustment line per party and late period: what the period owes the party with its late items
 * less what was stated without them (Kill Bill's way: re-settle, compare, bill the difference), so guarantees and caps
 * of that period apply again. A party found only in an earlier period's waterfall is added with a zero share.
 */
export function withLateAdjustments(settlement: PeriodSettlement, late: LateUsage[], settle: Settle): PeriodSettlement {
  const shares = settlement.shares.map((s) => ({ ...s, adjustments: [...s.adjustments] }));
  for (const item of late) {
    if (item.terms.currency !== settlement.currency) throw new CurrencyMismatchError(settlement.currency, item.terms.currency);
    const stated = settle(item.terms, item.stated);
    const owed = settle(item.terms, addUsage(item.stated, item.late));
    for (const party of owed.shares) {
      const before = stated.shares.find((s) => samePartyAs(s, party))!;
      const line: AdjustmentLine = { firstDate: item.firstDate, lastDate: item.lastDate, stated: before.share, owed: party.share, amount: party.share.minus(before.share) };
      partyIn(shares, party).adjustments.push(line);
    }
  }
  for (const share of shares) share.payable = share.adjustments.reduce((p, a) => p.plus(a.amount), share.share);
  return { ...settlement, shares };
}

function samePartyAs(a: Pick<PartyShare, "partyRole" | "partnerId">, b: Pick<PartyShare, "partyRole" | "partnerId">): boolean {
  return a.partnerId === b.partnerId && (a.partnerId !== null || a.partyRole === b.partyRole);
}

function partyIn(shares: PartyShare[], party: PartyShare): PartyShare {
  let found = shares.find((s) => samePartyAs(s, party));
  if (!found) {
    const zero = new Decimal(0);
    found = { partyRole: party.partyRole, partnerId: party.partnerId, lines: [], ruleShare: zero, minimumGuaranteeTopUp: zero, capAdjustment: zero, capApplied: false, share: zero, exactShare: zero, adjustments: [], payable: zero };
    shares.push(found);
  }
  return found;
}
