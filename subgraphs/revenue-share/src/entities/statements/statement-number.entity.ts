import { Column, Entity, PrimaryColumn } from "typeorm";
import { OperatorsOnly } from "@intersettle/shared";

/** The last number handed out per series and year, taken under a row lock in the publishing transaction: no gaps. */
@OperatorsOnly()
@Entity({ schema: "revshare", name: "statement_number" })
export class StatementNumberSeries {
  @PrimaryColumn("text") series: string;
  @PrimaryColumn("int") year: number;
  @Column("int", { name: "last_number" }) lastNumber: number;
}
