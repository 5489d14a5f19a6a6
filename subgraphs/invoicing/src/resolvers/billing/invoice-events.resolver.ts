import { Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from "type-graphql";
import { Bound, BoundedArg, Decimal, DecimalScalar, IdArg, type EventRecord, partnerEventStream } from "@intersettle/shared";
import { DocumentKind, Invoice, InvoiceSide, InvoiceStatus, Payment } from "../../entities";
import type { InvoiceEventPayload } from "../../services/billing/invoice-events";
import { createLoaders, type InvoicingContext } from "../context";

@ObjectType({ description: "An invoice or payment event from the log: a document issued, paid, overdue or voided, or a payment received or made." })
export class InvoiceEvent {
  @Field({ description: "invoice.issued, invoice.paid, invoice.overdue, invoice.voided, payment.received or payment.made" })
  type: string;

  @Field(() => ID)
  partnerId: string;

  @Field({ description: "Event log position; pass it as `after` to resume." })
  position: string;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: "The document, for invoice.* events." })
  invoiceId: string | null;

  @Field(() => String, { nullable: true })
  number: string | null;

  @Field(() => InvoiceSide, { nullable: true })
  side: InvoiceSide | null;

  @Field(() => DocumentKind, { nullable: true })
  kind: DocumentKind | null;

  @Field(() => InvoiceStatus, { nullable: true, description: "The document's status at the event." })
  status: InvoiceStatus | null;

  @Field()
  currency: string;

  @Field(() => DecimalScalar, { nullable: true, description: "The document's gross at the event." })
  gross: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: "What was still open on the document at the event." })
  openAmount: Decimal | null;

  @Field(() => ID, { nullable: true, description: "The payment, for payment.* events." })
  paymentId: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "The payment's amount." })
  amount: Decimal | null;
}

interface PaymentEventPayload {
  paymentId: string;
  currency: string;
  amount: string;
}

const decimalOrNull = (text: string | undefined | null) => (text === undefined || text === null ? null : new Decimal(text));

function invoiceEvent(event: EventRecord): InvoiceEvent {
  const common = { type: event.type, partnerId: event.key, position: event.position, occurredAt: new Date(event.occurredAt) };
  const none = { invoiceId: null, number: null, side: null, kind: null, status: null, gross: null, openAmount: null, paymentId: null, amount: null };
  if (event.type.startsWith("payment.")) {
    const p = event.payload as PaymentEventPayload;
    return { ...common, ...none, currency: p.currency, paymentId: p.paymentId, amount: decimalOrNull(p.amount) };
  }
  const p = event.payload as InvoiceEventPayload;
  return {
    ...common,
    ...none,
    invoiceId: p.invoiceId,
    number: p.number,
    side: p.side as InvoiceSide,
    kind: p.kind as DocumentKind,
    status: p.status as InvoiceStatus,
    currency: p.currency,
    gross: decimalOrNull(p.gross),
    openAmount: decimalOrNull(p.openAmount),
  };
}

@Resolver(() => InvoiceEvent)
export class InvoiceEventResolver {
  @Authorized()
  @Subscription(() => InvoiceEvent, {
    description: "Live invoice and payment events; a partner key receives only its own. Resume with `after` (a position) to receive every event since, in order.",
    subscribe: async ({ args, context }) => {
      const ctx = context as InvoicingContext;
      return partnerEventStream(ctx.services, ctx.principal, {
        topics: ["invoices"],
        partnerId: args.partnerId,
        after: args.after,
        beforeEach: () => (ctx.loaders = createLoaders(ctx.principal, ctx.services)),
      });
    },
  })
  invoiceEvents(
    @Root() event: EventRecord,
    @IdArg("partnerId", { nullable: true }) _partnerId: string | null,
    @BoundedArg("after", { maxLength: Bound.CURSOR }, () => String, { nullable: true, description: "Resume after this position instead of starting now." }) _after: string | null,
  ): InvoiceEvent {
    return invoiceEvent(event);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: "The document as it is now." })
  invoice(@Root() event: InvoiceEvent, @Ctx() ctx: InvoicingContext) {
    return event.invoiceId ? ctx.loaders.invoice.load(event.invoiceId) : null;
  }

  @FieldResolver(() => Payment, { nullable: true, description: "The payment as it is now." })
  payment(@Root() event: InvoiceEvent, @Ctx() ctx: InvoicingContext) {
    return event.paymentId ? ctx.loaders.payment.load(event.paymentId) : null;
  }
}
