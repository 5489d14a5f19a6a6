import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, VersionColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned, ReadThrough } from "@intersettle/shared";
import { DisputeResolution, DisputeStatus } from "../../domain";
import { InvoiceSide } from "../enums";

registerEnumType(DisputeStatus, { name: "DisputeStatus", description: "OPEN (not yet sent) → SUBMITTED (sent to the partner) → IN_REVIEW (taken up by it) → RESOLVED → CLOSED (settlement booked)." });
registerEnumType(DisputeResolution, { name: "DisputeResolution", description: "ACCEPTED: the partner accepts our figure. REJECTED: we accept the partner's. PARTIAL: an agreed amount between the two." });

const nullableNumeric = { to: (v: Decimal | null | undefined) => (v === null || v === undefined ? v : v.toFixed()), from: (v: string | null) => (v === null ? null : new Decimal(v)) };

@Directive('@key(fields: "id")')
@ObjectType({ description: "A disagreement with one partner about one side and period: our figure against its claim." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "dispute" })
export class Dispute {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field({ description: "DSP-000001 and so on, in the order raised." }) @Column("text") number: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => InvoiceSide) @Column("text") side: InvoiceSide;
  @Field() @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "Exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field({ description: "ISO 4217." }) @Column("char", { length: 3 }) currency: string;
  @Field(() => ID, { nullable: true, description: "The reconciliation whose variance raised it; null when raised by hand." }) @Column("uuid", { name: "reconciliation_id", nullable: true }) reconciliationId: string | null;
  @Field(() => ID, { nullable: true, description: "The invoice of the partner, side and period, which closing corrects." }) @Column("uuid", { name: "invoice_id", nullable: true }) invoiceId: string | null;
  @Field(() => DisputeStatus) @Column("text") status: DisputeStatus;
  @Field(() => DisputeResolution, { nullable: true }) @Column("text", { nullable: true }) resolution: DisputeResolution | null;
  @Field(() => DecimalScalar, { description: "Our figure, from our rated calls." }) @Column("numeric", { name: "our_amount", transformer: numericColumn }) ourAmount: Decimal;
  @Field(() => DecimalScalar, { description: "The partner's claim." }) @Column("numeric", { name: "their_amount", transformer: numericColumn }) theirAmount: Decimal;
  @Field(() => DecimalScalar, { description: "|theirAmount − ourAmount|." }) @Column("numeric", { name: "disputed_amount", transformer: numericColumn }) disputedAmount: Decimal;
  @Field(() => DecimalScalar, { nullable: true, description: "The figure that stands once resolved: ours (ACCEPTED), theirs (REJECTED) or the agreed one (PARTIAL)." })
  @Column("numeric", { name: "agreed_amount", nullable: true, transformer: nullableNumeric })
  agreedAmount: Decimal | null;
  @Field(() => ID, { nullable: true, description: "The credit or debit note closing issued; null when the settled figure was ours." }) @Column("uuid", { name: "note_id", nullable: true }) noteId: string | null;
  @Field() @Column("text") reason: string;
  @Field() @Column("text", { name: "opened_by" }) openedBy: string;
  @Field() @Column("timestamptz", { name: "opened_at" }) openedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "submitted_at", nullable: true }) submittedAt: Date | null;
  @Field(() => String, { nullable: true, description: "Local date (YYYY-MM-DD, the partner's timezone) the partner's answer is due; reminders follow after it." }) @Column("date", { name: "due_date", nullable: true }) dueDate: string | null;
  @Field(() => Int) @Column("int", { name: "reminder_count" }) reminderCount: number;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "last_reminded_at", nullable: true }) lastRemindedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "resolved_at", nullable: true }) resolvedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "closed_at", nullable: true }) closedAt: Date | null;
  @Field(() => Int, { description: "Pass it back with a change: a change made meanwhile by someone else is refused." }) @VersionColumn() version: number;
  @Field() @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
}

@ObjectType({ description: "A comment on a dispute, by us or the partner." })
@ReadThrough("Dispute")
@Entity({ schema: "invoicing", name: "dispute_comment" })
export class DisputeComment {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "dispute_id" }) disputeId: string;
  @Field({ description: "OPERATOR, PARTNER or SERVICE." }) @Column("text", { name: "author_kind" }) authorKind: string;
  @Field() @Column("text") author: string;
  @Field() @Column("text") body: string;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
}

@ObjectType({ description: "A file attached to a dispute (the mismatched-calls evidence, or one either side sent)." })
@ReadThrough("Dispute")
@Entity({ schema: "invoicing", name: "dispute_attachment" })
export class DisputeAttachment {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "dispute_id" }) disputeId: string;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Field() @Column("text", { name: "content_type" }) contentType: string;
  @Field(() => Int) @Column("int", { name: "size_bytes" }) sizeBytes: number;
  @Field() @Column("text") sha256: string;
  /** The bytes; served by the download route, never in GraphQL. */
  @Column("bytea", { select: false }) content: Buffer;
  @Field() @Column("text", { name: "author_kind" }) authorKind: string;
  @Field() @Column("text") author: string;
  @Field() @Column("timestamptz", { name: "created_at" }) createdAt: Date;
}
