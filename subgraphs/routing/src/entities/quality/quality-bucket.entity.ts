import { Column, Entity, PrimaryColumn } from "typeorm";
import { OperatorsOnly } from "@intersettle/shared";

/** A vendor's calls to a destination in one bucket of call time, from `traffic.batch` events; pruned past the retention. */
@OperatorsOnly()
@Entity({ schema: "routing", name: "quality_bucket" })
export class QualityBucket {
  @PrimaryColumn("uuid", { name: "vendor_id" }) vendorId: string;
  @PrimaryColumn("text") destination: string;
  @PrimaryColumn("timestamptz", { name: "bucket_start" }) bucketStart: Date;
  @Column("int") calls: number;
  @Column("int") answered: number;
  @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) seconds: number;
}
