import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, Decimal, DecimalScalar, IdArg, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { DocumentKind, Invoice, InvoiceDelivery, InvoiceLineEntity, InvoiceSide, InvoiceStatus, PaymentAllocationEntity } from "../../entities";
import { billedMinutes } from "../../domain";
import type { InvoicingContext } from "../context";

@ObjectType()
export class InvoiceConnection extends Connection(Invoice) {}

@ObjectType()
export class InvoiceLineConnection extends Connection(InvoiceLineEntity) {}

/** The partner as invoicing knows it: its id, extended with its invoices. */
@Directive('@key(fields: "id")')
@ObjectType("Partner")
export class PartnerReference {
  @Field(() => ID)
  id: string;
}

@InputType()
export class InvoiceFilterInput {
  @Field(() => ID, { nullable: true }) @MaxChars(Bound.ID) partnerId?: string;
  @Field(() => InvoiceSide, { nullable: true }) side?: InvoiceSide;
  @Field(() => DocumentKind, { nullable: true }) kind?: DocumentKind;
  @Field(() => InvoiceStatus, { nullable: true }) status?: InvoiceStatus;
  @Field({ nullable: true, description: "An issued document's number." }) @MaxChars(Bound.NAME) number?: string;
  @Field(() => Date, { nullable: true, description: "Documents whose period starts at or after this instant." }) periodFrom?: Date;
  @Field(() => Date, { nullable: true, description: "…and before this one." }) periodTo?: Date;
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized()
  @Query(() => InvoiceConnection, { description: "Invoices and notes, newest last; a partner key sees its own." })
  invoices(@Arg("filter", () => InvoiceFilterInput, { nullable: true }) filter: InvoiceFilterInput | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.invoices.invoices(ctx.principal, filter ?? {}, page);
  }

  @Authorized()
  @Query(() => Invoice)
  invoice(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.invoices.invoice(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Invoice, { description: "DRAFT → APPROVED: checked and ready to issue. Audited." })
  approveInvoice(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.lifecycle.approve(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Invoice, { description: "APPROVED → ISSUED: numbered without gaps, dated in the partner's timezone, then immutable; e-mailed to the partner's billing contacts. Audited." })
  issueInvoice(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.lifecycle.issue(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Invoice, { description: "Voids an issued, unpaid invoice by issuing a credit note for the whole of it; its usage can be billed again. Audited." })
  voidInvoice(@IdArg("id") id: string, @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.lifecycle.void(ctx.principal, id, reason);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Invoice, { description: "A draft credit note taking `net` (before tax) off an issued invoice." })
  createCreditNote(@IdArg("invoiceId") invoiceId: string, @Arg("net", () => DecimalScalar) net: Decimal, @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.lifecycle.createNote(ctx.principal, invoiceId, DocumentKind.CREDIT_NOTE, net, reason);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Invoice, { description: "A draft debit note adding `net` (before tax) to an issued invoice." })
  createDebitNote(@IdArg("invoiceId") invoiceId: string, @Arg("net", () => DecimalScalar) net: Decimal, @BoundedArg("reason", { maxLength: Bound.TEXT }) reason: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.lifecycle.createNote(ctx.principal, invoiceId, DocumentKind.DEBIT_NOTE, net, reason);
  }

  @FieldResolver(() => InvoiceLineConnection, { description: "Lines in order." })
  lines(@Root() invoice: Invoice, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.invoices.lines(invoice, page);
  }

  @FieldResolver(() => DecimalScalar, { description: "gross less what payments and credit notes settled." })
  openAmount(@Root() invoice: Invoice): Decimal {
    return invoice.gross.minus(invoice.settledAmount);
  }

  @FieldResolver(() => [PaymentAllocationEntity], { description: "Payments and credit notes applied to this invoice." })
  allocations(@Root() invoice: Invoice, @Ctx() ctx: InvoicingContext) {
    return ctx.services.account.allocations({ invoiceId: invoice.id });
  }

  @FieldResolver(() => [InvoiceDelivery], { description: "E-mails of the issued document to the partner's billing contacts, with their attempts." })
  deliveries(@Root() invoice: Invoice, @Ctx() ctx: InvoicingContext) {
    return ctx.services.deliveries.deliveriesOf(ctx.principal, invoice.id);
  }

  @FieldResolver(() => String, { nullable: true, description: "Where the gateway serves the PDF (GET with the same credentials); null until issued." })
  pdfUrl(@Root() invoice: Invoice): string | null {
    return invoice.number ? `/files/invoicing/invoice-pdf/${invoice.id}` : null;
  }

  @FieldResolver(() => Invoice, { nullable: true, description: "The issued invoice a note corrects." })
  corrects(@Root() invoice: Invoice, @Ctx() ctx: InvoicingContext) {
    return invoice.correctsId ? ctx.loaders.invoice.load(invoice.correctsId) : null;
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() invoice: Invoice): PartnerReference {
    return { id: invoice.partnerId };
  }
}

@Resolver(() => InvoiceLineEntity)
export class InvoiceLineResolver {
  @FieldResolver(() => DecimalScalar, { nullable: true, description: "Billed minutes to two decimals, for display; null for units." })
  minutes(@Root() line: InvoiceLineEntity): Decimal | null {
    return billedMinutes(line);
  }
}

@Resolver(() => PartnerReference)
export class PartnerInvoicesResolver {
  @FieldResolver(() => InvoiceConnection, { description: "The partner's invoices and notes (invoicing subgraph)." })
  invoices(@Root() partner: PartnerReference, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.invoices.invoices(ctx.principal, { partnerId: partner.id }, page);
  }
}
