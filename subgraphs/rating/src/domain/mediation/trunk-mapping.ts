/** Which side of a call a mapping identifies. */
export type TrunkSide = "INGRESS" | "EGRESS" | "BOTH";

/** TRUNK matches the trunk, channel or IP a CDR names; ACCOUNT its account code; DEFAULT any call of the source. */
export type TrunkMatch = "TRUNK" | "ACCOUNT" | "DEFAULT";

export interface TrunkMapping {
  /** The mapping's id: price plans may name it. */
  id: string;
  side: TrunkSide;
  match: TrunkMatch;
  value: string;
  /** The partner on that side; null: our own network. */
  partnerId: string | null;
}

/** The partner on a side and the mapping that identified it (built once per mapping: resolving allocates nothing). */
export type SideResolution = { mapped: true; partnerId: string | null; mappingId: string } | { mapped: false };

/** A source's mappings indexed per side, so a call is resolved by lookups whatever the number of trunks. */
export type TrunkPlan = Record<"INGRESS" | "EGRESS", { trunks: Map<string, SideResolution>; accounts: Map<string, SideResolution>; fallback: SideResolution }>;

const UNMAPPED: SideResolution = { mapped: false };

export function planTrunks(mappings: TrunkMapping[]): TrunkPlan {
  const side = (name: "INGRESS" | "EGRESS") => {
    const plan = { trunks: new Map<string, SideResolution>(), accounts: new Map<string, SideResolution>(), fallback: UNMAPPED };
    for (const m of mappings) {
      if (m.side !== name && m.side !== "BOTH") continue;
      const resolution: SideResolution = { mapped: true, partnerId: m.partnerId, mappingId: m.id };
      // The first mapping listed wins, as it always has.
      if (m.match === "TRUNK" && !plan.trunks.has(m.value)) plan.trunks.set(m.value, resolution);
      else if (m.match === "ACCOUNT" && !plan.accounts.has(m.value)) plan.accounts.set(m.value, resolution);
      else if (m.match === "DEFAULT" && !plan.fallback.mapped) plan.fallback = resolution;
    }
    return plan;
  };
  return { INGRESS: side("INGRESS"), EGRESS: side("EGRESS") };
}

/** The partner on one side of a call: a trunk match wins over an account match, which wins over the default. */
export function resolveSide(plan: TrunkPlan, side: "INGRESS" | "EGRESS", trunk: string, account: string): SideResolution {
  const s = plan[side];
  return (trunk && s.trunks.get(trunk)) || (account && s.accounts.get(account)) || s.fallback;
}
