import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { PartnerOwned, type CdrLayout } from "@intersettle/shared";
import { InvoiceSide, type ClaimKind } from "../../domain";

/** RECEIVING while its file is read; RECEIVED once stored; RECONCILED once compared with our calls; FAILED with the reason. */
export enum ClaimStatus {
  RECEIVING = "RECEIVING",
  RECEIVED = "RECEIVED",
  RECONCILED = "RECONCILED",
  FAILED = "FAILED",
}

export enum ClaimKindValue {
  INVOICE = "INVOICE",
  CDRS = "CDRS",
}
registerEnumType(ClaimStatus, { name: "ClaimStatus", description: "RECEIVING → RECEIVED (→ RECONCILED once compared with our calls), or FAILED with the reason." });
registerEnumType(ClaimKindValue, { name: "ClaimKind", description: "INVOICE: summary lines per destination, read through a claim layout. CDRS: calls, read in a mediation format." });

@Directive('@key(fields: "id")')
@ObjectType({ description: "A file a partner sent for one period and side: its invoice or its CDRs. The same file twice (same partner, side and content) is one claim. read = accepted + duplicate + rejected." })
@PartnerOwned({ by: ["partnerId"], hidden: ["receivedBy"] })
@Entity({ schema: "invoicing", name: "claim" })
export class Claim {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => InvoiceSide, { description: "RECEIVABLE: a customer's claim, checked against our SELL leg; PAYABLE: a vendor's, against our BUY leg." }) @Column("text") side: InvoiceSide;
  @Field(() => ClaimKindValue) @Column("text") kind: ClaimKind;
  @Field({ description: "Inclusive." }) @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "Exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field(() => String, { nullable: true, description: "ISO 4217; every line of an invoice claim is in it." }) @Column("char", { length: 3, nullable: true }) currency: string | null;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "layout_id", nullable: true }) layoutId: string | null;
  @Field(() => String, { nullable: true, description: "CDRS: NATIVE, ASTERISK, FREESWITCH or CUSTOM." }) @Column("text", { name: "cdr_format", nullable: true }) cdrFormat: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "CDRS with CUSTOM format: the layout." }) @Column("jsonb", { name: "cdr_layout", nullable: true }) cdrLayout: CdrLayout | null;
  @Field(() => String, { nullable: true, description: "CDRS: the timezone of times written without an offset." }) @Column("text", { name: "cdr_timezone", nullable: true }) cdrTimezone: string | null;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Field() @Column("text", { name: "file_sha256" }) fileSha256: string;
  @Field(() => ClaimStatus) @Column("text") status: ClaimStatus;
  @Field(() => Int) @Column("int", { name: "read_count" }) read: number;
  @Field(() => Int) @Column("int", { name: "accepted_count" }) accepted: number;
  @Field(() => Int, { description: "Calls whose call id (or, without one, whole record) came earlier in the file." }) @Column("int", { name: "duplicate_count" }) duplicate: number;
  @Field(() => Int) @Column("int", { name: "rejected_count" }) rejected: number;
  @Field(() => String, { nullable: true, description: "Why the file as a whole could not be read (FAILED)." }) @Column("text", { nullable: true }) failure: string | null;
  @Field(() => String, { nullable: true, description: "Who sent it; operators only." }) @Column("text", { name: "received_by" }) receivedBy: string | null;
  @Field() @Column("timestamptz", { name: "received_at" }) receivedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "finished_at", nullable: true }) finishedAt: Date | null;
}
