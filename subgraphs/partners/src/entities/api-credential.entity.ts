import { PartnerOwned } from "@intersettle/shared";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ description: "A partner's API key. The secret is shown once at creation; only its hash is kept." })
@PartnerOwned({ by: ["partnerId"], hidden: ["createdBy"] })
@Entity({ schema: "partners", name: "api_credential" })
export class ApiCredential {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Field(() => ID)
  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field()
  @Column("text")
  name: string;

  @Field({ description: "The key's first characters, to tell keys apart." })
  @Column("text")
  hint: string;

  @Column("text", { name: "secret_hash", unique: true })
  secretHash: string;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: "Who issued the key, e.g. operator:alice; hidden from partners." })
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

  @Field(() => ID, { nullable: true, description: "The key this one replaced, when it was issued by rotateApiCredential." })
  @Column("uuid", { name: "rotated_from", nullable: true })
  rotatedFromId: string | null;
}
