import { OperatorsOnly } from "@intersettle/shared";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** The last number handed out per series and year: taken under a row lock in the issuing transaction, so numbers have no gaps. */
@OperatorsOnly()
@Entity({ schema: "invoicing", name: "invoice_number" })
export class InvoiceNumberSeries {
  @PrimaryColumn("text") series: string;
  @PrimaryColumn("int") year: number;
  @Column("int", { name: "last_number" }) lastNumber: number;
}
