import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";

export enum AuditedEntity {
  PARTNER = "PARTNER",
  AGREEMENT = "AGREEMENT",
  API_CREDENTIAL = "API_CREDENTIAL",
  OPERATOR_TOKEN = "OPERATOR_TOKEN",
}
registerEnumType(AuditedEntity, { name: "AuditedEntity" });

@ObjectType({ description: "One recorded change: who made it, when, and the record before and after." })
@Entity({ schema: "partners", name: "audit_entry" })
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Field(() => AuditedEntity)
  @Column("text", { name: "entity_type" })
  entityType: AuditedEntity;

  @Field(() => ID)
  @Column("uuid", { name: "entity_id" })
  entityId: string;

  @Field(() => ID, { nullable: true })
  @Column("uuid", { name: "partner_id", nullable: true })
  partnerId: string | null;

  @Field({ description: "e.g. partner.created, agreement.updated, api_credential.revoked" })
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
