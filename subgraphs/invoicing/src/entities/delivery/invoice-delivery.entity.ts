import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { PartnerOwned } from "@intersettle/shared";
import { DeliveryStatus } from "../enums";

@ObjectType({ description: "The e-mailing of an issued invoice to the partner's billing contacts, with its retries." })
@PartnerOwned({ by: ["partnerId"], hidden: ["lastError"] })
@Entity({ schema: "invoicing", name: "invoice_delivery" })
export class InvoiceDelivery {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "invoice_id" }) invoiceId: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => [String]) @Column("text", { array: true }) recipients: string[];
  @Field(() => DeliveryStatus) @Column("text") status: DeliveryStatus;
  @Field(() => Int) @Column("int") attempts: number;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "next_attempt_at", nullable: true }) nextAttemptAt: Date | null;
  @Field(() => String, { nullable: true, description: "Operators only." }) @Column("text", { name: "last_error", nullable: true }) lastError: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "message_id", nullable: true }) messageId: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "sent_at", nullable: true }) sentAt: Date | null;
}
