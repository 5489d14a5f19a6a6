import { Arg, Authorized, Ctx, Field, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, IdArg } from "@intersettle/shared";
import { DocumentKind, InvoiceSide } from "../../entities";
import { AGING_BUCKETS, type AgingRow, type CurrencyNetting, type NettingEntry, type NettingStatement } from "../../domain";
import type { InvoicingContext } from "../context";

export enum NettingDirection {
  PARTNER_OWES_US = "PARTNER_OWES_US",
  WE_OWE_PARTNER = "WE_OWE_PARTNER",
  SETTLED = "SETTLED",
}
registerEnumType(NettingDirection, { name: "NettingDirection" });

@ObjectType({ description: "One side of a partner's account in one currency." })
export class AccountBalanceType {
  @Field(() => InvoiceSide) side: InvoiceSide;
  @Field() currency: string;
  @Field(() => DecimalScalar, { description: "Open on issued invoices." }) openInvoices: Decimal;
  @Field(() => DecimalScalar, { description: "Payments not yet applied." }) unappliedCredit: Decimal;
  @Field(() => DecimalScalar, { description: "openInvoices − unappliedCredit; negative when the payer is ahead." }) balance: Decimal;
}

@ObjectType({ description: "Open amounts of one side and currency by days past due, in the partner's timezone." })
export class AgingRowType {
  @Field(() => InvoiceSide) side: InvoiceSide;
  @Field() currency: string;
  @Field(() => DecimalScalar, { description: "Not yet due." }) current: Decimal;
  @Field(() => DecimalScalar) days1to30: Decimal;
  @Field(() => DecimalScalar) days31to60: Decimal;
  @Field(() => DecimalScalar) days61to90: Decimal;
  @Field(() => DecimalScalar) over90: Decimal;
  @Field(() => DecimalScalar) total: Decimal;
}

@ObjectType({ description: "A document on a netting statement and what it adds to its side (negative for a credit note)." })
export class NettingEntryType {
  @Field() documentId: string;
  @Field() number: string;
  @Field(() => DocumentKind) kind: DocumentKind;
  @Field() issueDate: string;
  @Field(() => DecimalScalar) amount: Decimal;
}

@ObjectType({ description: "Receivable less payable in one currency: who owes whom, and how much." })
export class CurrencyNettingType {
  @Field() currency: string;
  @Field(() => DecimalScalar) receivable: Decimal;
  @Field(() => DecimalScalar) payable: Decimal;
  @Field(() => DecimalScalar, { description: "receivable − payable." }) net: Decimal;
  @Field(() => NettingDirection) direction: NettingDirection;
  @Field(() => DecimalScalar, { description: "What the owing side pays." }) amount: Decimal;
  @Field(() => [NettingEntryType]) receivableEntries: NettingEntry[];
  @Field(() => [NettingEntryType]) payableEntries: NettingEntry[];
}

@ObjectType({ description: "The settlement of a partner that is both customer and vendor, over the documents issued in a period." })
export class NettingStatementType {
  @Field() partnerId: string;
  @Field({ description: "First local date, included." }) from: string;
  @Field({ description: "Last local date, included." }) to: string;
  @Field(() => [CurrencyNettingType]) currencies: CurrencyNetting[];
}

@Resolver()
export class AccountResolver {
  @Authorized()
  @Query(() => [AccountBalanceType], { description: "A partner's balances per side and currency; a partner key reads its own." })
  accountBalances(@IdArg("partnerId") partnerId: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.account.balances(ctx.principal, partnerId);
  }

  @Authorized()
  @Query(() => [AgingRowType], { description: "Open amounts by age: current, 1–30, 31–60, 61–90, over 90 days past due." })
  async aging(@IdArg("partnerId") partnerId: string, @Arg("asOf", () => Date, { nullable: true }) asOf: Date | null, @Ctx() ctx: InvoicingContext): Promise<AgingRowType[]> {
    return (await ctx.services.account.aging(ctx.principal, partnerId, asOf ?? new Date())).map(agingRow);
  }

  @Authorized()
  @Query(() => NettingStatementType, { description: "Receivable minus payable per currency over the documents issued between two local dates (both included)." })
  async nettingStatement(
    @IdArg("partnerId") partnerId: string,
    @BoundedArg("from", { maxLength: Bound.NAME }, () => String, { description: "YYYY-MM-DD." }) from: string,
    @BoundedArg("to", { maxLength: Bound.NAME }, () => String, { description: "YYYY-MM-DD." }) to: string,
    @Ctx() ctx: InvoicingContext,
  ): Promise<NettingStatementType> {
    const statement: NettingStatement = await ctx.services.account.netting(ctx.principal, partnerId, from, to);
    return { partnerId, from: statement.period.firstDate, to: statement.period.lastDate, currencies: statement.currencies };
  }
}

function agingRow(row: AgingRow): AgingRowType {
  const [current, days1to30, days31to60, days61to90, over90] = AGING_BUCKETS.map((b) => row.buckets[b]);
  return { side: row.side, currency: row.currency, current, days1to30, days31to60, days61to90, over90, total: row.total };
}
