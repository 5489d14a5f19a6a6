import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, Connection, Decimal, DecimalScalar, IdArg, MaxChars, MaxItems, NestedInput, PageArgs, Role } from "@intersettle/shared";
import { Payment, PaymentAllocationEntity, PaymentDirection } from "../../entities";
import type { InvoicingContext } from "../context";

@ObjectType()
export class PaymentConnection extends Connection(Payment) {}

@InputType()
export class AllocationInput {
  @Field(() => ID) @MaxChars(Bound.ID) invoiceId: string;
  @Field(() => DecimalScalar) amount: Decimal;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID) @MaxChars(Bound.ID) partnerId: string;
  @Field(() => PaymentDirection) direction: PaymentDirection;
  @Field({ description: "ISO 4217." }) @MaxChars(Bound.NAME) currency: string;
  @Field(() => DecimalScalar) amount: Decimal;
  @Field({ description: "When the money moved." }) paidAt: Date;
  @Field({ description: "Bank or remittance reference; recording the same one twice is refused." }) @MaxChars(Bound.NAME) reference: string;
  @Field(() => [AllocationInput], { nullable: true, description: "Apply exactly these; absent, oldest open invoices first." })
  @MaxItems(1000)
  @NestedInput()
  allocations?: AllocationInput[];
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Authorized()
  @Query(() => PaymentConnection, { description: "Payments received and made; a partner key sees its own." })
  payments(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.account.payments(ctx.principal, { partnerId: partnerId ?? undefined }, page);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Payment, { description: "Records a payment and applies it to the partner's invoices; what is left stays as credit. Audited." })
  recordPayment(@Arg("input") input: RecordPaymentInput, @Ctx() ctx: InvoicingContext) {
    return ctx.services.payments.record(ctx.principal, { ...input, allocations: input.allocations?.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount })) });
  }

  @FieldResolver(() => [PaymentAllocationEntity])
  allocations(@Root() payment: Payment, @Ctx() ctx: InvoicingContext) {
    return ctx.services.account.allocations({ paymentId: payment.id });
  }
}
