import { Column, Entity, PrimaryColumn } from "typeorm";
import { OperatorsOnly } from "@intersettle/shared";

/** A partner as routing needs it (identity, currency, clock, status), kept current from the `partners` and `credit` topics. */
@OperatorsOnly()
@Entity({ schema: "routing", name: "partner" })
export class RoutablePartner {
  @PrimaryColumn("uuid") id: string;
  @Column("text") code: string;
  @Column("text") name: string;
  @Column("char", { length: 3 }) currency: string;
  @Column("text") timezone: string;
  @Column("text") status: string;
  @Column("timestamptz", { name: "updated_at" }) updatedAt: Date;
}

/** One of a partner's agreements: routing uses a vendor only while one covering the service is in force. */
@OperatorsOnly()
@Entity({ schema: "routing", name: "agreement" })
export class PartnerAgreement {
  @PrimaryColumn("uuid") id: string;
  @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Column("text") type: string;
  @Column("text", { array: true }) services: string[];
  @Column("date", { name: "valid_from" }) validFrom: string;
  @Column("date", { name: "valid_to", nullable: true }) validTo: string | null;
  @Column("text") status: string;
}
