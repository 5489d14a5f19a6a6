import { registerEnumType } from "type-graphql";
import { ContentServiceKind, DeductionKind, PartyRole, ShareModel, StatementLineKind, StatementStatus, TierBasis } from "../domain";

export enum ContentServiceStatus {
  ACTIVE = "ACTIVE",
  /** No longer sold: its transactions are refused, its statements and agreements stay. */
  RETIRED = "RETIRED",
}

export enum StatementRunTrigger {
  SCHEDULE = "SCHEDULE",
  ON_DEMAND = "ON_DEMAND",
}

registerEnumType(ContentServiceKind, { name: "ContentServiceKind" });
registerEnumType(PartyRole, { name: "PartyRole", description: "A party's place in a service's waterfall." });
registerEnumType(ContentServiceStatus, { name: "ContentServiceStatus" });
registerEnumType(StatementStatus, { name: "StatementStatus", description: "DRAFT (redrawn by runs) → PUBLISHED (numbered, immutable, a payable in invoicing) → SETTLED or DISPUTED." });
registerEnumType(StatementLineKind, { name: "StatementLineKind" });
registerEnumType(DeductionKind, { name: "DeductionKind" });
registerEnumType(ShareModel, { name: "ShareModel" });
registerEnumType(TierBasis, { name: "TierBasis", description: "What tiers are measured on: the period's charged transactions, or the revenue the step divides." });
registerEnumType(StatementRunTrigger, { name: "StatementRunTrigger" });

export { ContentServiceKind, DeductionKind, PartyRole, ShareModel, StatementLineKind, StatementStatus, TierBasis };
