/** What a content service sells; the kind only labels statements, every kind settles the same way. */
export enum ContentServiceKind {
  CRBT = "CRBT",
  MOBILE_DOWNLOAD = "MOBILE_DOWNLOAD",
  VOD = "VOD",
  GAMING = "GAMING",
  ALERTS = "ALERTS",
  LIVE_SCORE = "LIVE_SCORE",
  SUBSCRIPTION = "SUBSCRIPTION",
}

/** A party's place in a service's chain. The operator sells to subscribers and is the first step of every waterfall. */
export enum PartyRole {
  OPERATOR = "OPERATOR",
  AGGREGATOR = "AGGREGATOR",
  PLATFORM_ENABLER = "PLATFORM_ENABLER",
  CONTENT_PROVIDER = "CONTENT_PROVIDER",
}
