import { currencyMinorUnits, Decimal } from "@intersettle/shared";
import type { PartyRole } from "../agreements/content-service";
import type { ShareModel, TierBasis } from "../agreements/agreement-terms";
import type { DeductionKind, PartyShare, PeriodSettlement } from "../settlement/period-settlement";
import { CurrencyMismatchError } from "../settlement/period-usage";
import { lineDescription } from "./line-descriptions";

export enum StatementLineKind {
  GROSS = "GROSS",
  /** Signed: what it takes off gross, negative. */
  DEDUCTION = "DEDUCTION",
  NET = "NET",
  /** One line of the partner's rule share: the rule, or one tier of it. */
  SHARE = "SHARE",
  MINIMUM_GUARANTEE = "MINIMUM_GUARANTEE",
  CAP = "CAP",
  ADJUSTMENT = "ADJUSTMENT",
}

/** The kinds that add up to the payable; GROSS, DEDUCTION and NET show the revenue the share comes from. */
export const PAYABLE_LINE_KINDS: readonly StatementLineKind[] = [StatementLineKind.SHARE, StatementLineKind.MINIMUM_GUARANTEE, StatementLineKind.CAP, StatementLineKind.ADJUSTMENT];

export interface StatementLine {
  serviceId: string;
  kind: StatementLineKind;
  partyRole: PartyRole;
  deduction: DeductionKind | null;
  model: ShareModel | null;
  tier: number | null;
  basis: TierBasis | null;
  tierFrom: Decimal | null;
  transactions: number | null;
  base: Decimal | null;
  /** A percent, or a fee per transaction. */
  rate: Decimal | null;
  /** The earlier period an ADJUSTMENT line re-settles. */
  adjustedFirstDate: string | null;
  adjustedLastDate: string | null;
  amount: Decimal;
  /** The line in words, numbers included, for CSV and PDF. */
  description: string;
}

/** One service's settlement for the statement's period. */
export interface ServiceSettlement {
  serviceId: string;
  settlement: PeriodSettlement;
}

export interface StatementTotal {
  currency: string;
  gross: Decimal;
  /** Negative, like the deduction lines. */
  deductions: Decimal;
  net: Decimal;
  share: Decimal;
  minimumGuaranteeTopUp: Decimal;
  capAdjustment: Decimal;
  adjustments: Decimal;
  /** The sum of the payable kinds of lines: what the operator owes the partner (negative: what the partner owes). */
  payable: Decimal;
}

/**
 * What `partnerId`'s statement shows, per service in the order given: gross, each deduction, net, then the partner's
 * share line by line, its guarantee top-up, its cap and its adjustments. A service without the partner gives no lines.
 */
export function statementLines(services: ServiceSettlement[], partnerId: string): StatementLine[] {
  const currency = services[0]?.settlement.currency;
  return services.flatMap(({ serviceId, settlement }) => {
    if (settlement.currency !== currency) throw new CurrencyMismatchError(currency, settlement.currency);
    const party = settlement.shares.find((s) => s.partnerId === partnerId);
    return party ? serviceLines(serviceId, settlement, party) : [];
  });
}

function serviceLines(serviceId: string, settlement: PeriodSettlement, party: PartyShare): StatementLine[] {
  const blank = { serviceId, partyRole: party.partyRole, deduction: null, model: null, tier: null, basis: null, tierFrom: null, transactions: null, base: null, rate: null, adjustedFirstDate: null, adjustedLastDate: null };
  const lines: Omit<StatementLine, "description">[] = [
    { ...blank, kind: StatementLineKind.GROSS, transactions: settlement.transactions, amount: settlement.gross },
    ...settlement.deductions.map((d) => ({ ...blank, kind: StatementLineKind.DEDUCTION, deduction: d.kind, rate: d.rate, transactions: d.rate ? settlement.transactions : null, base: d.rate ? settlement.gross : null, amount: d.amount.negated() })),
    { ...blank, kind: StatementLineKind.NET, amount: settlement.net },
    ...party.lines.map((l) => ({ ...blank, kind: StatementLineKind.SHARE, model: l.model, tier: l.tier, basis: l.basis, tierFrom: l.tierFrom, transactions: l.transactions, base: l.base, rate: l.rate, amount: l.amount })),
  ];
  if (!party.minimumGuaranteeTopUp.isZero()) lines.push({ ...blank, kind: StatementLineKind.MINIMUM_GUARANTEE, amount: party.minimumGuaranteeTopUp });
  if (party.capApplied) lines.push({ ...blank, kind: StatementLineKind.CAP, amount: party.capAdjustment });
  for (const a of party.adjustments) lines.push({ ...blank, kind: StatementLineKind.ADJUSTMENT, adjustedFirstDate: a.firstDate, adjustedLastDate: a.lastDate, base: a.stated, amount: a.amount });
  const decimals = currencyMinorUnits(settlement.currency);
  return lines.map((l) => ({ ...l, description: lineDescription(l, decimals) }));
}

/** The statement's totals, summed from its lines. */
export function statementTotal(currency: string, lines: StatementLine[]): StatementTotal {
  const sum = (kind: StatementLineKind) => lines.filter((l) => l.kind === kind).reduce((s, l) => s.plus(l.amount), new Decimal(0));
  return {
    currency,
    gross: sum(StatementLineKind.GROSS),
    deductions: sum(StatementLineKind.DEDUCTION),
    net: sum(StatementLineKind.NET),
    share: sum(StatementLineKind.SHARE),
    minimumGuaranteeTopUp: sum(StatementLineKind.MINIMUM_GUARANTEE),
    capAdjustment: sum(StatementLineKind.CAP),
    adjustments: sum(StatementLineKind.ADJUSTMENT),
    payable: PAYABLE_LINE_KINDS.reduce((s, k) => s.plus(sum(k)), new Decimal(0)),
  };
}
