import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { GraphQLJSONObject } from "graphql-scalars";
import { OperatorsOnly } from "@intersettle/shared";

export enum ContentJobStatus {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
}
registerEnumType(ContentJobStatus, { name: "ContentIngestionJobStatus" });

@ObjectType({ description: "One file's (or batch's) ingestion: read = accepted + duplicate + rejected." })
@OperatorsOnly()
@Entity({ schema: "revshare", name: "content_ingestion_job" })
export class ContentIngestionJob {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "source_id" }) sourceId: string;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Field(() => String, { nullable: true }) @Column("text", { name: "file_sha256", nullable: true }) fileSha256: string | null;
  @Field(() => ContentJobStatus) @Column("text") status: ContentJobStatus;
  @Field(() => Int, { description: "Records read: every record of the file but its header, readable or not." }) @Column("int", { name: "read_count" }) read: number;
  @Field(() => Int, { description: "Transactions stored by this job." }) @Column("int", { name: "accepted_count" }) accepted: number;
  @Field(() => Int, { description: "Transactions whose (source, transaction_id) was already loaded: counted, never stored twice." }) @Column("int", { name: "duplicate_count" }) duplicate: number;
  @Field(() => Int, { description: "Records quarantined with line, field and reason." }) @Column("int", { name: "rejected_count" }) rejected: number;
  @Column("int", { name: "lines_done" }) linesDone: number;
  @Field() @Column("timestamptz", { name: "started_at" }) startedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "finished_at", nullable: true }) finishedAt: Date | null;
  @Field(() => Date, { nullable: true, description: "The earliest occurred_at among the transactions stored." }) @Column("timestamptz", { name: "first_occurred_at", nullable: true }) firstOccurredAt: Date | null;
  @Field(() => Date, { nullable: true, description: "The latest occurred_at among the transactions stored." }) @Column("timestamptz", { name: "last_occurred_at", nullable: true }) lastOccurredAt: Date | null;
  @Field(() => String, { nullable: true, description: "Why the job FAILED (or, while RUNNING, why it stopped): fix it and send the same file again, which resumes the job." })
  @Column("text", { nullable: true })
  error: string | null;
  @Field(() => GraphQLJSONObject, { description: "Milliseconds in all and writing." }) @Column("jsonb") timings: Record<string, number>;
}

@ObjectType({ description: "A content transaction record that could not be used, with where and why; kept once per source, file and line." })
@OperatorsOnly()
@Entity({ schema: "revshare", name: "content_quarantine" })
export class QuarantinedContentTransaction {
  @Field(() => ID) @PrimaryGeneratedColumn({ type: "bigint" }) id: string;
  @Field(() => ID, { description: "The job that first read it." }) @Column("uuid", { name: "job_id" }) jobId: string;
  @Column("uuid", { name: "source_id" }) sourceId: string;
  @Field() @Column("text", { name: "file_name" }) fileName: string;
  @Column("text", { name: "file_sha256", nullable: true }) fileSha256: string | null;
  @Field(() => Int, { description: "The file's physical line (blank lines and line breaks inside quotes counted); a batch's record number." }) @Column("int") line: number;
  @Field({ description: "The column at fault, as the file's header names it, or 'record'." }) @Column("text") field: string;
  @Field() @Column("text") reason: string;
  @Field({ description: "The record as it was in the file." }) @Column("text") raw: string;
}
