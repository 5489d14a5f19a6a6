import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Decimal, DecimalScalar, numericColumn, PartnerOwned, ReadThrough } from "@intersettle/shared";
import { InvoiceSide } from "../enums";

/** How a reconciliation ended: RUNNING while it compares; FAILED keeps the reason in `failure`. */
export enum ReconciliationStatus {
  RUNNING = "RUNNING",
  WITHIN_TOLERANCE = "WITHIN_TOLERANCE",
  BEYOND_TOLERANCE = "BEYOND_TOLERANCE",
  FAILED = "FAILED",
}

/** The GraphQL face of domain CallComparison (same values). */
export enum CallComparisonStatus {
  MATCHED = "MATCHED",
  DURATION_MISMATCH = "DURATION_MISMATCH",
  RATE_MISMATCH = "RATE_MISMATCH",
  MISSING_OURS = "MISSING_OURS",
  MISSING_THEIRS = "MISSING_THEIRS",
}

/** The GraphQL face of domain DestinationComparison (same values). */
export enum DestinationComparisonStatus {
  MATCHED = "MATCHED",
  MISMATCH = "MISMATCH",
  MISSING_OURS = "MISSING_OURS",
  MISSING_THEIRS = "MISSING_THEIRS",
}

registerEnumType(ReconciliationStatus, { name: "ReconciliationStatus" });
registerEnumType(CallComparisonStatus, { name: "CallComparison", description: "MISSING_OURS: the partner claims a call we have no record of. MISSING_THEIRS: we have a call the partner's file lacks." });
registerEnumType(DestinationComparisonStatus, { name: "DestinationComparison" });

const money = { transformer: numericColumn } as const;
const count = { transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? v : Number(v)) } } as const;

@ObjectType({ description: "One comparison of a partner's claim with our rated calls of the same partner, leg and period." })
@PartnerOwned({ by: ["partnerId"] })
@Entity({ schema: "invoicing", name: "reconciliation" })
export class Reconciliation {
  @Field(() => ID) @PrimaryColumn("uuid") id: string;
  @Field(() => ID) @Column("uuid", { name: "claim_id" }) claimId: string;
  @Field(() => ID) @Column("uuid", { name: "partner_id" }) partnerId: string;
  @Field(() => InvoiceSide, { description: "RECEIVABLE: a customer's claim against our SELL leg; PAYABLE: a vendor's against our BUY leg." }) @Column("text") side: InvoiceSide;
  @Field() @Column("timestamptz", { name: "period_start" }) periodStart: Date;
  @Field({ description: "Exclusive." }) @Column("timestamptz", { name: "period_end" }) periodEnd: Date;
  @Field() @Column("char", { length: 3 }) currency: string;
  @Field(() => ReconciliationStatus) @Column("text") status: ReconciliationStatus;
  @Field(() => Int) @Column("int", { name: "start_tolerance_seconds" }) startToleranceSeconds: number;
  @Field(() => Int) @Column("int", { name: "duration_tolerance_seconds" }) durationToleranceSeconds: number;
  @Field(() => DecimalScalar) @Column("numeric", { name: "amount_tolerance", ...money }) amountTolerance: Decimal;
  @Field(() => DecimalScalar, { description: "The agreement's tolerance on the period's start (0 without an agreement: any variance is beyond)." })
  @Column("numeric", { name: "tolerance_percent", ...money }) tolerancePercent: Decimal;
  @Field(() => DecimalScalar, { description: "The agreement's absolute tolerance (0 without an agreement)." }) @Column("numeric", { name: "tolerance_amount", ...money }) toleranceAmount: Decimal;
  @Field(() => Int) @Column("bigint", { name: "our_calls", ...count }) ourCalls: number;
  @Field(() => Int) @Column("bigint", { name: "their_calls", ...count }) theirCalls: number;
  @Field(() => Int) @Column("bigint", count) matched: number;
  @Field(() => Int) @Column("bigint", { name: "duration_mismatch", ...count }) durationMismatch: number;
  @Field(() => Int) @Column("bigint", { name: "rate_mismatch", ...count }) rateMismatch: number;
  @Field(() => Int) @Column("bigint", { name: "missing_ours", ...count }) missingOurs: number;
  @Field(() => Int) @Column("bigint", { name: "missing_theirs", ...count }) missingTheirs: number;
  @Field(() => DecimalScalar) @Column("numeric", { name: "our_amount", ...money }) ourAmount: Decimal;
  @Field(() => DecimalScalar) @Column("numeric", { name: "their_amount", ...money }) theirAmount: Decimal;
  @Field(() => DecimalScalar, { description: "Their amount − ours." }) @Column("numeric", money) variance: Decimal;
  @Field(() => ID, { nullable: true, description: "The dispute the variance opened, when beyond tolerance." }) @Column("uuid", { name: "dispute_id", nullable: true }) disputeId: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { nullable: true }) failure: string | null;
  @Column("text", { name: "requested_by" }) requestedBy: string;
  @Field() @Column("timestamptz", { name: "started_at" }) startedAt: Date;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "finished_at", nullable: true }) finishedAt: Date | null;
}

@ObjectType("ReconciliationCall", { description: "A call that is not MATCHED, both sides of it." })
@ReadThrough("Reconciliation")
@Entity({ schema: "invoicing", name: "reconciliation_call" })
export class ReconciliationCallEntity {
  @PrimaryColumn("uuid", { name: "reconciliation_id" }) reconciliationId: string;
  @Field(() => Int) @PrimaryColumn("int") seq: number;
  @Field(() => CallComparisonStatus) @Column("text") status: CallComparisonStatus;
  @Field(() => String, { nullable: true }) @Column("text", { nullable: true }) destination: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "our_call_id", nullable: true }) ourCallId: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "our_start", nullable: true }) ourStart: Date | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "our_a_number", nullable: true }) ourANumber: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "our_b_number", nullable: true }) ourBNumber: string | null;
  @Field(() => Int, { nullable: true }) @Column("int", { name: "our_duration", nullable: true }) ourDuration: number | null;
  @Field(() => DecimalScalar, { nullable: true }) @Column("numeric", { name: "our_amount", nullable: true, ...money }) ourAmount: Decimal | null;
  @Field(() => Int, { nullable: true, description: "The line of the partner's file." }) @Column("int", { name: "their_line", nullable: true }) theirLine: number | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "their_call_id", nullable: true }) theirCallId: string | null;
  @Field(() => Date, { nullable: true }) @Column("timestamptz", { name: "their_start", nullable: true }) theirStart: Date | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "their_a_number", nullable: true }) theirANumber: string | null;
  @Field(() => String, { nullable: true }) @Column("text", { name: "their_b_number", nullable: true }) theirBNumber: string | null;
  @Field(() => Int, { nullable: true }) @Column("int", { name: "their_duration", nullable: true }) theirDuration: number | null;
  @Field(() => DecimalScalar, { nullable: true }) @Column("numeric", { name: "their_amount", nullable: true, ...money }) theirAmount: Decimal | null;
  @Field(() => DecimalScalar, { description: "Their amount − ours." }) @Column("numeric", money) difference: Decimal;
}

@ObjectType("ReconciliationDestination", { description: "Both sides' totals for one destination." })
@ReadThrough("Reconciliation")
@Entity({ schema: "invoicing", name: "reconciliation_destination" })
export class ReconciliationDestinationEntity {
  @PrimaryColumn("uuid", { name: "reconciliation_id" }) reconciliationId: string;
  @Field() @PrimaryColumn("text") destination: string;
  @Field(() => DestinationComparisonStatus) @Column("text") status: DestinationComparisonStatus;
  @Field(() => Int) @Column("bigint", { name: "our_calls", ...count }) ourCalls: number;
  @Field(() => Int) @Column("bigint", { name: "our_seconds", ...count }) ourSeconds: number;
  @Field(() => DecimalScalar) @Column("numeric", { name: "our_amount", ...money }) ourAmount: Decimal;
  @Field(() => Int) @Column("bigint", { name: "their_calls", ...count }) theirCalls: number;
  @Field(() => Int) @Column("bigint", { name: "their_seconds", ...count }) theirSeconds: number;
  @Field(() => DecimalScalar) @Column("numeric", { name: "their_amount", ...money }) theirAmount: Decimal;
  @Field(() => DecimalScalar, { description: "Their amount − ours." }) @Column("numeric", money) difference: Decimal;
}
