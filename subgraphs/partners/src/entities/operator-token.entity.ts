import { OperatorsOnly } from "@intersettle/shared";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import { OperatorRole } from "./enums";

@ObjectType({ description: "A hub operator's bearer token. The secret is shown once at creation; only its hash is kept." })
@OperatorsOnly()
@Entity({ schema: "partners", name: "operator_token" })
export class OperatorToken {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field()
  @Column("text")
  name: string;

  @Field(() => [OperatorRole])
  @Column("text", { array: true })
  roles: OperatorRole[];

  @Field()
  @Column("text")
  hint: string;

  @Column("text", { name: "secret_hash", unique: true })
  secretHash: string;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field()
  @Column("text", { name: "created_by" })
  createdBy: string;

  @Field(() => Date, { nullable: true })
  @Column("timestamptz", { name: "last_used_at", nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "After this instant the secret is refused; null: until revoked." })
  @Column("timestamptz", { name: "expires_at", nullable: true })
  expiresAt: Date | null;
}
