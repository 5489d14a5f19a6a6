import { PartnerOwned } from "@intersettle/shared";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** Rating's copy of each partner's agreements (what price plans may name), kept current from the partners topic. */
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "rating", name: "partner_agreement" })
export class PartnerAgreement {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "partner_id" })
  partnerId: string;

  @Column("text")
  type: string;

  @Column("text", { array: true })
  services: string[];

  /** YYYY-MM-DD in the partner's timezone. */
  @Column("date", { name: "valid_from" })
  validFrom: string;

  /** Inclusive; null: open. */
  @Column("date", { name: "valid_to", nullable: true })
  validTo: string | null;

  @Column("text")
  status: string;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt: Date;
}
