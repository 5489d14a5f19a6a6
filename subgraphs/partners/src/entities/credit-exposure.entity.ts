import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Decimal, numericColumn, PartnerOwned } from "@intersettle/shared";

/** A partner's running credit figures (see domain/credit/credit-figures.ts), one row per partner, moved by the credit consumer. */
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "partners", name: "credit_exposure" })
export class CreditExposure {
  @PrimaryColumn("uuid", { name: "partner_id" })
  partnerId: string;

  /** The partner's currency when the account opened; events in another currency are not counted. */
  @Column("char", { length: 3 })
  currency: string;

  @Column("numeric", { transformer: numericColumn })
  unbilled: Decimal;

  @Column("numeric", { transformer: numericColumn })
  invoiced: Decimal;

  @Column("numeric", { transformer: numericColumn })
  paid: Decimal;

  @Column("numeric", { transformer: numericColumn })
  usage: Decimal;

  @Column("numeric", { transformer: numericColumn })
  adjustments: Decimal;

  /** Past the warning threshold: the next batch above it raises no new warning. */
  @Column("boolean", { name: "warning_raised" })
  warningRaised: boolean;

  /** The last event that moved the account. */
  @Column("bigint", { name: "last_position", nullable: true })
  lastPosition: string | null;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
