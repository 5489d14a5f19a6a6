import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { AuditedEntity, PartnerOwned } from "@intersettle/shared";

/** A row of the hub's one audit trail (schema `audit`, appended by every subgraph); partners serves `auditTrail` over it. */
@ObjectType({ description: "One recorded change: who made it, when, and the record before and after." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "audit", name: "entry" })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Field({ description: "The subgraph that made the change, e.g. partners or rating." })
  @Column("text")
  subgraph: string;

  @Field(() => AuditedEntity)
  @Column("text", { name: "entity_type" })
  entityType: AuditedEntity;

  @Field(() => ID)
  @Column("text", { name: "entity_id" })
  entityId: string;

  @Field(() => ID, { nullable: true })
  @Column("uuid", { name: "partner_id", nullable: true })
  partnerId: string | null;

  @Field({ description: "e.g. partner.created, rate_card.updated, trunk_mapping.added" })
  @Column("text")
  action: string;

  @Field({ description: "Who made the change, e.g. operator:alice." })
  @Column("text")
  actor: string;

  @Field()
  @Column("timestamptz", { default: () => "now()" })
  at: Date;

  @Field(() => [String])
  @Column("text", { name: "changed_fields", array: true })
  changedFields: string[];

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column("jsonb", { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column("jsonb", { nullable: true })
  after: Record<string, unknown> | null;
}

export { AuditedEntity };
