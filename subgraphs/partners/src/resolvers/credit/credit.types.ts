import { Field, ID, Int, ObjectType } from "type-graphql";
import { Connection, Decimal, DecimalScalar } from "@intersettle/shared";
import { BlockCause, CreditLedgerEntry, CreditMode, CreditStanding, PartnerStatus, type CreditExposure, type Partner } from "../../entities";
import { availableCredit, exposureOf, prepaidBalanceOf, receivableOf, standingOf } from "../../domain/credit";
import { figuresOf, termsOf } from "../../services/credit/credit-accounts";

@ObjectType({ description: "A partner's credit terms and where its account stands now, in the partner's currency." })
export class CreditStatus {
  @Field(() => ID)
  partnerId: string;

  @Field(() => CreditMode)
  mode: CreditMode;

  @Field()
  currency: string;

  @Field(() => DecimalScalar, { description: "The most the partner may owe: for PREPAID the overdraft below a zero balance; a POSTPAID 0 sets no limit." })
  limit: Decimal;

  @Field(() => Int, { description: "Exposure, as a percentage of the limit, at which a warning is raised." })
  warningPercent: number;

  @Field(() => DecimalScalar, { description: "What the partner owes now. POSTPAID: unbilled usage + issued unpaid documents − payments not applied. PREPAID: −balance." })
  exposure: Decimal;

  @Field(() => DecimalScalar, { nullable: true, description: "limit − exposure; null when no limit is set." })
  available: Decimal | null;

  @Field(() => CreditStanding)
  standing: CreditStanding;

  @Field(() => DecimalScalar, { description: "Rated usage not invoiced yet." })
  unbilled: Decimal;

  @Field(() => DecimalScalar, { description: "Issued receivable documents less payments received (negative: credit on account)." })
  receivable: Decimal;

  @Field(() => DecimalScalar, { description: "Prepaid balance: payments less rated usage and notes." })
  balance: Decimal;

  @Field(() => PartnerStatus)
  status: PartnerStatus;

  @Field(() => BlockCause, { nullable: true })
  blockCause: BlockCause | null;

  @Field(() => String, { nullable: true, description: "Event log position of the last event that moved the account." })
  position: string | null;

  @Field(() => Date, { nullable: true })
  updatedAt: Date | null;
}

@ObjectType()
export class CreditLedgerConnection extends Connection(CreditLedgerEntry) {}

/** Where a partner's account stands, from its row (null: nothing has moved it yet). */
export function creditStatusOf(partner: Partner, row: CreditExposure | null): CreditStatus {
  const terms = termsOf(partner);
  const figures = figuresOf(row);
  const exposure = exposureOf(figures, terms.mode);
  return {
    partnerId: partner.id,
    mode: terms.mode,
    currency: row?.currency ?? partner.currency,
    limit: terms.limit,
    warningPercent: terms.warningPercent,
    exposure,
    available: availableCredit(exposure, terms),
    standing: standingOf(exposure, terms),
    unbilled: figures.unbilled,
    receivable: receivableOf(figures),
    balance: prepaidBalanceOf(figures),
    status: partner.status,
    blockCause: partner.blockCause,
    position: row?.lastPosition ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}
