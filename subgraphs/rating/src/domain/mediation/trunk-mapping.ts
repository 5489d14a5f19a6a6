/** Which side of a call a mapping identifies. */
export type TrunkSide = "INGRESS" | "EGRESS" | "BOTH";

/** TRUNK matches the trunk, channel or IP a CDR names; ACCOUNT its account code; DEFAULT any call of the source. */
export type TrunkMatch = "TRUNK" | "ACCOUNT" | "DEFAULT";

export interface TrunkMapping {
  side: TrunkSide;
  match: TrunkMatch;
  value: string;
  /** The partner on that side; null: our own network. */
  partnerId: string | null;
}

export type SideResolution = { mapped: true; partnerId: string | null } | { mapped: false };

/** The partner on one side of a call: a trunk match wins over an account match, which wins over the default. */
export function resolveSide(mappings: TrunkMapping[], side: "INGRESS" | "EGRESS", trunk: string, account: string): SideResolution {
  const applies = mappings.filter((m) => m.side === side || m.side === "BOTH");
  const found =
    (trunk && applies.find((m) => m.match === "TRUNK" && m.value === trunk)) ||
    (account && applies.find((m) => m.match === "ACCOUNT" && m.value === account)) ||
    applies.find((m) => m.match === "DEFAULT");
  return found ? { mapped: true, partnerId: found.partnerId } : { mapped: false };
}
