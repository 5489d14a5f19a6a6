import { OperatorsOnly } from "@intersettle/shared";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** Rating's copy of each partner's settings, kept current from the partners topic. */
@OperatorsOnly()
@Entity({ schema: "rating", name: "partner_settings" })
export class PartnerSettings {
  @PrimaryColumn("uuid", { name: "partner_id" })
  partnerId: string;

  @Column("text")
  code: string;

  @Column("char", { length: 3 })
  currency: string;

  @Column("text")
  timezone: string;

  @Column("int", { name: "rounding_decimals" })
  roundingDecimals: number;

  @Column("text", { name: "rounding_mode" })
  roundingMode: string;

  @Column("text", { name: "rounding_scope" })
  roundingScope: string;

  @Column("text")
  status: string;
}
