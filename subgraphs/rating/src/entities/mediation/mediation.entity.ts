import { OperatorsOnly, PartnerOwned } from "@intersettle/shared";
import { CdrFormat, type CdrLayout } from "@intersettle/shared";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";

registerEnumType(CdrFormat, { name: "CdrFormat" });

export enum JobStatus {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
}
registerEnumType(JobStatus, { name: "IngestionJobStatus" });

@ObjectType({ description: "A switch or partner feed whose CDR files the hub ingests." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "cdr_source" })
export class CdrSource {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field() @Column("text") code: string;
  @Field() @Column("text") name: string;
  @Field(() => CdrFormat) @Column("text") format: CdrFormat;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "CUSTOM layout: delimiter, header, columns, dateFormat, durationUnit." })
  @Column("jsonb", { nullable: true })
  layout: CdrLayout | null;
  @Field({ description: "IANA zone the switch's clock writes in." }) @Column("text") timezone: string;
  @Field(() => String, { nullable: true }) @Column("text", { name: "technical_prefix", nullable: true }) technicalPrefix: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "country_code", nullable: true }) countryCode: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "national_prefix", nullable: true }) nationalPrefix: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "international_prefix", nullable: true }) internationalPrefix: string | null;
  @Field(() => [String]) @Column("text", { name: "billable_dispositions", array: true }) billableDispositions: string[];
  @Field(() => Int, { description: "The shortest billable voice call, in seconds; messages and data bill whatever their duration." }) @Column("int", { name: "min_billable_seconds" }) minBillableSeconds: number;
  @Field(() => String, { nullable: true, description: "Watched folder: finished files are ingested, then moved to done/ or failed/." })
  @Column("text", { name: "drop_folder", nullable: true })
  dropFolder: string | null;
}

@ObjectType({ description: "Maps a trunk, IP, account code or the whole source to a partner (null: our own network)." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "trunk_mapping" })
export class TrunkMappingEntity {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "source_id" }) sourceId: string;
  @Field({ description: "INGRESS, EGRESS or BOTH" }) @Column("text") side: string;
  @Field({ description: "TRUNK, ACCOUNT or DEFAULT" }) @Column("text") match: string;
  @Field() @Column("text") value: string;
  @Field(() => ID, { nullable: true, description: "null: our own network." }) @Column("uuid", { name: "partner_id", nullable: true }) partnerId: string | null;
}

@ObjectType({ description: "One CDR file's ingestion: read = rated + duplicate + rejected + unrated." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "ingestion_job" })
export class IngestionJob {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "source_id" }) sourceId: string;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Field(() => String, { nullable: true }) @Column("text", { name: "file_sha256", nullable: true }) fileSha256: string | null;
  @Field(() => JobStatus) @Column("text") status: JobStatus;
  @Field(() => Int) @Column("int", { name: "read_count" }) read: number;
  @Field(() => Int) @Column("int", { name: "rated_count" }) rated: number;
  @Field(() => Int) @Column("int", { name: "duplicate_count" }) duplicate: number;
  @Field(() => Int) @Column("int", { name: "rejected_count" }) rejected: number;
  @Field(() => Int) @Column("int", { name: "unrated_count" }) unrated: number;
  @Field(() => Int, { description: "Calls stored with a leg whose partner was BLOCKED when they were rated (counted in rated or unrated too)." })
  @Column("int", { name: "blocked_count" })
  blocked: number;
  @Column("int", { name: "lines_done" }) linesDone: number;
  @Field() @Column("timestamptz", { name: "started_at" }) startedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "finished_at", nullable: true }) finishedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "The earliest start among the file's calls." }) @Column("timestamptz", { name: "first_call_at", nullable: true }) firstCallAt: Date | null;
  @Field(() => Date, { nullable: true, description: "The latest start among the file's calls." }) @Column("timestamptz", { name: "last_call_at", nullable: true }) lastCallAt: Date | null;
  @Field(() => String, { nullable: true, description: "Why the job FAILED (or, while RUNNING, why it stopped): what to fix before sending the same file again, which resumes it." })
  @Column("text", { nullable: true })
  error: string | null;
  @Field(() => GraphQLJSONObject, { description: "Milliseconds spent parsing and rating, and writing." }) @Column("jsonb") timings: Record<string, number>;
}

@ObjectType({ description: "A record that could not be used, kept with where and why; once per source, file and line (jobId: the job that first read it)." })
@OperatorsOnly()
@Entity({ schema: "rating", name: "cdr_quarantine" })
export class QuarantinedCdr {
  @Field(() => ID) @PrimaryGeneratedColumn({ type: "bigint" }) id: string;
  @Field(() => ID) @Column("uuid", { name: "job_id" }) jobId: string;
  @Column("uuid", { name: "source_id" }) sourceId: string;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Column("text", { name: "file_sha256", nullable: true }) fileSha256: string | null;
  @Field(() => Int, { description: "The file's physical line, blank lines and line breaks inside quotes counted." }) @Column("int") line: number;
  @Field() @Column("text") field: string;
  @Field() @Column("text") reason: string;
  @Field({ description: "The record as it was in the file." }) @Column("text") raw: string;
}

@ObjectType({ description: "Traffic of one partner in one role, to one destination, in one hour." })
@PartnerOwned({ by: ["partnerId"], hidden: ["revenueBase", "costBase"] })
@Entity({ schema: "rating", name: "traffic_hourly" })
export class TrafficHour {
  @Field(() => ID) @PrimaryColumn("uuid", { name: "partner_id" }) partnerId: string;
  @Field({ description: "CUSTOMER (we bill) or VENDOR (we pay)" }) @PrimaryColumn("text") role: string;
  @Field() @PrimaryColumn("text") destination: string;
  @Field() @PrimaryColumn("timestamptz") hour: Date;
  @Field() @PrimaryColumn("char", { length: 3 }) currency: string;
  @Field(() => Int) @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) attempts: number;
  @Field(() => Int) @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) answered: number;
  @Column("bigint", { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) seconds: number;
  @Column("numeric") amount: string;
  @Column("numeric", { name: "revenue_base" }) revenueBase: string;
  @Column("numeric", { name: "cost_base" }) costBase: string;
}

const decimalOrNull = { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : v) };

@ObjectType({ description: "A call as rated on both legs. A partner sees only its own leg." })
@PartnerOwned({
  by: ["customerId", "vendorId"],
  // A transit call's partner sees its own leg: never what the other party pays or is paid.
  legs: [
    { partner: "customerId", fields: ["customerId", "customerVersion", "revenue", "revenueCurrency", "revenueBase", "customerBlocked"] },
    { partner: "vendorId", fields: ["vendorId", "vendorVersion", "cost", "costCurrency", "costBase", "vendorBlocked"] },
  ],
})
@Entity({ schema: "rating", name: "rated_cdr" })
export class RatedCdr {
  @Field(() => ID) @PrimaryColumn("uuid", { name: "source_id" }) sourceId: string;
  @Field() @PrimaryColumn("text", { name: "call_id" }) callId: string;
  @Field() @PrimaryColumn("timestamptz", { name: "start_time" }) start: Date;
  @Field(() => ID) @Column("uuid", { name: "job_id" }) jobId: string;
  @Field(() => Int, { description: "Billable seconds." }) @Column("int") duration: number;
  @Field(() => Int) @Column("int") units: number;
  @Field() @Column("text") service: string;
  @Field() @Column("text", { name: "a_number" }) aNumber: string;
  @Field() @Column("text", { name: "b_number" }) bNumber: string;
  @Field() @Column("text") disposition: string;
  @Field({ description: "RATED or UNRATED" }) @Column("text") status: string;
  @Field(() => String, { nullable: true }) @Column("text", { name: "unrated_reason", nullable: true }) unratedReason: string | null;
  @Field(() => String, { nullable: true, description: "TRANSIT, INBOUND, OUTBOUND or ON_NET" }) @Column("text", { name: "call_type", nullable: true }) callType: string | null;
  @Field() @Column("boolean") billable: boolean;
  @Field(() => String, { nullable: true }) @Column("text", { nullable: true }) destination: string | null;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "customer_id", nullable: true }) customerId: string | null;
  @Field(() => Int, { nullable: true, description: "SELL card version used." }) @Column("int", { name: "customer_version", nullable: true }) customerVersion: number | null;
  @Field(() => String, { nullable: true }) @Column("numeric", { nullable: true, transformer: decimalOrNull }) revenue: string | null;
  @Field(() => String, { nullable: true }) @Column("char", { name: "revenue_currency", nullable: true }) revenueCurrency: string | null;
  @Field(() => ID, { nullable: true }) @Column("uuid", { name: "vendor_id", nullable: true }) vendorId: string | null;
  @Field(() => Int, { nullable: true, description: "BUY card version used." }) @Column("int", { name: "vendor_version", nullable: true }) vendorVersion: number | null;
  @Field(() => String, { nullable: true }) @Column("numeric", { nullable: true, transformer: decimalOrNull }) cost: string | null;
  @Field(() => String, { nullable: true }) @Column("char", { name: "cost_currency", nullable: true }) costCurrency: string | null;
  @Field(() => String, { nullable: true, description: "Revenue in the hub's base currency." }) @Column("numeric", { name: "revenue_base", nullable: true, transformer: decimalOrNull }) revenueBase: string | null;
  @Field(() => String, { nullable: true, description: "Cost in the hub's base currency." }) @Column("numeric", { name: "cost_base", nullable: true, transformer: decimalOrNull }) costBase: string | null;
  /** The customer (vendor) was BLOCKED when the call was rated; shown through `blocked`, each partner its own leg's. */
  @Column("boolean", { name: "customer_blocked" }) customerBlocked: boolean | null;
  @Column("boolean", { name: "vendor_blocked" }) vendorBlocked: boolean | null;
}
