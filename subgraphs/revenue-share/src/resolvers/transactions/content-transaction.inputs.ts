import { Field, InputType } from "type-graphql";
import { Bound, MaxChars } from "@intersettle/shared";

@InputType()
export class ContentSourceInput {
  @Field({ description: "2-64 letters, digits, '-' or '_'; unique." }) @MaxChars(Bound.NAME) code: string;
  @Field() @MaxChars(Bound.NAME) name: string;
  @Field({ description: "IANA zone of the feed's clock: occurred_at without an offset is its local time." }) @MaxChars(Bound.NAME) timezone: string;
  @Field(() => String, { nullable: true, description: "Absolute folder under the drop root (INTERSETTLE_DROP_ROOT), watched for files." }) @MaxChars(Bound.TEXT) dropFolder?: string | null;
}

@InputType({ description: "A source's name, zone or drop folder; its code is fixed. A field left out is kept; dropFolder null clears it." })
export class UpdateContentSourceInput {
  @Field(() => String, { nullable: true }) @MaxChars(Bound.NAME) name?: string | null;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.NAME) timezone?: string | null;
  @Field(() => String, { nullable: true }) @MaxChars(Bound.TEXT) dropFolder?: string | null;
}

/** One record as a file's row would give it: values are text, checked like a file's, each bad one quarantined by its record number and field. */
@InputType({ description: "A content transaction as a file row gives it (see the file layout): every value is text and checked like a file's." })
export class ContentTransactionInput {
  @Field({ description: "Unique per source: loading it again counts a duplicate." }) @MaxChars(Bound.NAME) transactionId: string;
  @Field({ description: "The content service's code." }) @MaxChars(Bound.NAME) serviceCode: string;
  @Field({ description: "The subscriber charged (MSISDN or account)." }) @MaxChars(Bound.NAME) subscriber: string;
  @Field({ description: "ISO 8601; without an offset, the source's local time." }) @MaxChars(Bound.NAME) occurredAt: string;
  @Field({ description: "CHARGED, FAILED, REFUNDED or CHARGEBACK." }) @MaxChars(Bound.NAME) status: string;
  @Field({ description: "Tax-inclusive amount as a plain decimal, 0 or more; for a reversal, the amount given back." }) @MaxChars(Bound.NAME) gross: string;
  @Field(() => String, { nullable: true, description: "Tax within gross (default 0)." }) @MaxChars(Bound.NAME) tax?: string | null;
  @Field({ description: "ISO 4217; must be the service's currency." }) @MaxChars(Bound.NAME) currency: string;
  @Field(() => String, { nullable: true, description: "REFUNDED and CHARGEBACK only: the CHARGED transaction reversed." }) @MaxChars(Bound.NAME) originalTransactionId?: string | null;
  @Field(() => Boolean, { nullable: true, description: "CHARGED only: will not be collected." }) badDebt?: boolean | null;
}

/** The record as values in the file layout's column order (TRANSACTION_COLUMNS). */
export function recordValues(r: ContentTransactionInput): string[] {
  return [r.transactionId, r.serviceCode, r.subscriber, r.occurredAt, r.status, r.gross, r.tax ?? "", r.currency, r.originalTransactionId ?? "", r.badDebt ? "true" : "false"];
}
