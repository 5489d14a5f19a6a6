import { registerEnumType } from "type-graphql";
import { RatedService } from "@intersettle/shared";

/** SELL: what we charge the partner as a customer. BUY: what the partner as a vendor charges us. */
export enum RateDirection {
  SELL = "SELL",
  BUY = "BUY",
}

/** FULL replaces the card (prefixes missing from the deck close); DELTA changes only the listed prefixes. */
export enum ImportMode {
  FULL = "FULL",
  DELTA = "DELTA",
}

export enum RateChangeKind {
  NEW = "NEW",
  INCREASED = "INCREASED",
  DECREASED = "DECREASED",
  UNCHANGED = "UNCHANGED",
  CLOSED = "CLOSED",
}

export enum DeckFileFormat {
  CSV = "CSV",
  XLSX = "XLSX",
}

export enum RateUnit {
  MINUTE = "MINUTE",
  SECOND = "SECOND",
}

export enum DestinationType {
  FIXED = "FIXED",
  MOBILE = "MOBILE",
  PREMIUM = "PREMIUM",
  SATELLITE = "SATELLITE",
  TOLL_FREE = "TOLL_FREE",
  SPECIAL = "SPECIAL",
}

registerEnumType(RatedService, { name: "RatedService", description: "VOICE per minute, SMS and MMS per message, DATA per MB (KB increments)." });
registerEnumType(RateDirection, { name: "RateDirection" });
registerEnumType(ImportMode, { name: "ImportMode" });
registerEnumType(RateChangeKind, { name: "RateChangeKind" });
registerEnumType(DeckFileFormat, { name: "DeckFileFormat" });
registerEnumType(RateUnit, { name: "RateUnit" });
registerEnumType(DestinationType, { name: "DestinationType" });

export { RatedService };
