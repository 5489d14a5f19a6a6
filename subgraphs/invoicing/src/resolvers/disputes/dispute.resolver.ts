import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Bound, BoundedArg, Connection, Decimal, DecimalScalar, IdArg, MaxChars, PageArgs, Role } from "@intersettle/shared";
import { Dispute, DisputeAttachment, DisputeComment, Invoice, InvoiceSide } from "../../entities";
import { DisputeResolution, DisputeStatus } from "../../domain";
import { PartnerReference } from "../billing/invoice.resolver";
import type { InvoicingContext } from "../context";

@ObjectType()
export class DisputeConnection extends Connection(Dispute) {}

@InputType({ description: "A dispute raised by hand: our figure against the partner's for one side and period." })
export class OpenDisputeInput {
  @Field(() => ID) @MaxChars(Bound.ID) partnerId: string;
  @Field(() => InvoiceSide) side: InvoiceSide;
  @Field() periodStart: Date;
  @Field({ description: "Exclusive." }) periodEnd: Date;
  @Field() @MaxChars(Bound.NAME) currency: string;
  @Field(() => DecimalScalar) ourAmount: Decimal;
  @Field(() => DecimalScalar) theirAmount: Decimal;
  @Field() @MaxChars(Bound.TEXT) reason: string;
}

@InputType()
export class ResolveDisputeInput {
  @Field(() => DisputeResolution) resolution: DisputeResolution;
  @Field(() => DecimalScalar, { nullable: true, description: "PARTIAL only: the amount agreed, between our figure and theirs." }) agreedAmount?: Decimal | null;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.TEXT) comment?: string | null;
}

@InputType({ description: `A file for a dispute, base64-encoded (at most INTERSETTLE_MAX_DISPUTE_ATTACHMENT_MB, 2 MB by default).` })
export class DisputeAttachmentInput {
  @Field() @MaxChars(Bound.NAME) fileName: string;
  @Field({ defaultValue: "application/octet-stream" }) @MaxChars(Bound.NAME) contentType: string;
  @Field() @MaxChars(Bound.FILE) contentBase64: string;
}

const version = () => Int;

@Resolver(() => Dispute)
export class DisputeResolver {
  @Authorized()
  @Query(() => DisputeConnection, { description: "Disputes, oldest first; a partner key sees its own." })
  disputes(@IdArg("partnerId", { nullable: true }) partnerId: string | null, @Arg("status", () => DisputeStatus, { nullable: true }) status: DisputeStatus | null, @Arg("side", () => InvoiceSide, { nullable: true }) side: InvoiceSide | null, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputeQueries.disputes(ctx.principal, { partnerId, status, side }, page);
  }

  @Authorized()
  @Query(() => Dispute)
  dispute(@IdArg("id") id: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputeQueries.dispute(ctx.principal, id);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Dispute, { description: "Raises a dispute by hand, OPEN, with the invoice of the period when there is one. Audited." })
  openDispute(@Arg("input", () => OpenDisputeInput) input: OpenDisputeInput, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.open(ctx.principal, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Dispute, { description: "OPEN → SUBMITTED: sent to the partner; the answer is due after the response window. Audited." })
  submitDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.submit(ctx.principal, id, v);
  }

  @Authorized(Role.OPERATOR, Role.PARTNER)
  @Mutation(() => Dispute, { description: "SUBMITTED → IN_REVIEW: the partner takes the dispute up. Audited." })
  reviewDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.review(ctx.principal, id, v);
  }

  @Authorized(Role.OPERATOR, Role.PARTNER)
  @Mutation(() => Dispute, { description: "IN_REVIEW → RESOLVED (ACCEPTED): the partner accepts our figure. Audited." })
  acceptDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @BoundedArg("comment", { maxLength: Bound.TEXT }, () => String, { nullable: true }) comment: string | null, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.accept(ctx.principal, id, v, comment);
  }

  @Authorized(Role.PARTNER)
  @Mutation(() => Dispute, { description: "The partner contests our figure, saying why; the dispute stays IN_REVIEW for us to resolve. Audited." })
  contestDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @BoundedArg("comment", { maxLength: Bound.TEXT }) comment: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.contest(ctx.principal, id, v, comment);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Dispute, { description: "IN_REVIEW → RESOLVED: ACCEPTED (ours stands), REJECTED (theirs stands) or PARTIAL (the agreed amount). Audited." })
  resolveDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @Arg("input", () => ResolveDisputeInput) input: ResolveDisputeInput, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.resolve(ctx.principal, id, v, input);
  }

  @Authorized(Role.OPERATOR)
  @Mutation(() => Dispute, { description: "RESOLVED → CLOSED: issues a credit note (settled below ours) or debit note (above) on the invoice of the period, none when ours stood. Audited." })
  closeDispute(@IdArg("id") id: string, @Arg("version", version) v: number, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.close(ctx.principal, id, v);
  }

  @Authorized(Role.OPERATOR, Role.PARTNER)
  @Mutation(() => DisputeComment, { description: "A comment on a dispute not yet closed (a partner's once the dispute is sent to it). Audited." })
  commentOnDispute(@IdArg("id") id: string, @BoundedArg("body", { maxLength: Bound.TEXT }) body: string, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.comment(ctx.principal, id, body);
  }

  @Authorized(Role.OPERATOR, Role.PARTNER)
  @Mutation(() => DisputeAttachment, { description: "A file for a dispute not yet closed; downloaded from its `url`. Audited." })
  attachToDispute(@IdArg("id") id: string, @Arg("file", () => DisputeAttachmentInput) file: DisputeAttachmentInput, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputes.attach(ctx.principal, id, file);
  }

  @FieldResolver(() => [DisputeComment], { description: "Oldest first." })
  comments(@Root() dispute: Dispute, @Ctx() ctx: InvoicingContext) {
    return ctx.loaders.disputeComments.load(dispute.id);
  }

  @FieldResolver(() => [DisputeAttachment], { description: "Oldest first; a variance's dispute starts with its mismatched-calls CSV." })
  attachments(@Root() dispute: Dispute, @Ctx() ctx: InvoicingContext) {
    return ctx.loaders.disputeAttachments.load(dispute.id);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: "The invoice of the period, which closing corrects." })
  invoice(@Root() dispute: Dispute, @Ctx() ctx: InvoicingContext) {
    return dispute.invoiceId ? ctx.loaders.invoice.load(dispute.invoiceId) : null;
  }

  @FieldResolver(() => Invoice, { nullable: true, description: "The credit or debit note closing issued." })
  note(@Root() dispute: Dispute, @Ctx() ctx: InvoicingContext) {
    return dispute.noteId ? ctx.loaders.invoice.load(dispute.noteId) : null;
  }

  @FieldResolver(() => PartnerReference)
  partner(@Root() dispute: Dispute): PartnerReference {
    return { id: dispute.partnerId };
  }
}

@Resolver(() => DisputeAttachment)
export class DisputeAttachmentResolver {
  @FieldResolver(() => String, { description: "Where the gateway serves the file (GET with the same credentials)." })
  url(@Root() file: DisputeAttachment): string {
    return `/files/invoicing/dispute-attachment/${file.id}`;
  }
}

@Resolver(() => PartnerReference)
export class PartnerDisputesResolver {
  @FieldResolver(() => DisputeConnection, { description: "The partner's disputes (invoicing subgraph)." })
  disputes(@Root() partner: PartnerReference, @Args() page: PageArgs, @Ctx() ctx: InvoicingContext) {
    return ctx.services.disputeQueries.disputes(ctx.principal, { partnerId: partner.id }, page);
  }
}
