import { ReadThrough } from "@intersettle/shared";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { ContactRole } from "./enums";

@ObjectType()
@ReadThrough("partner")
@Entity({ schema: "partners", name: "partner_contact" })
export class PartnerContact {
  @Field(() => ID)
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Field()
  @Column("text")
  name: string;

  @Field(() => ContactRole)
  @Column("text")
  role: ContactRole;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  phone: string | null;

  @Column("int")
  position: number;
}
