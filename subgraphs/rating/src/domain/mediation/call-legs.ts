/**
 * Which partners a call involves. A trunk maps to a partner, or to our own network (null). Unmapped trunks
 * leave the call unrated until the mapping is fixed.
 */
export type CallType = "TRANSIT" | "INBOUND" | "OUTBOUND" | "ON_NET";

export interface CallLegs {
  type: CallType;
  /** The partner we bill (SELL card): who sent us the call. */
  customerId: string | null;
  /** The partner who bills us (BUY card): who carried it on. */
  vendorId: string | null;
}

export const OWN_NETWORK = null;

/** partner → partner is TRANSIT (bill one, pay the other); partner → us INBOUND; us → partner OUTBOUND. */
export function classifyLegs(ingressPartner: string | null, egressPartner: string | null): CallLegs {
  if (ingressPartner && egressPartner) return { type: "TRANSIT", customerId: ingressPartner, vendorId: egressPartner };
  if (ingressPartner) return { type: "INBOUND", customerId: ingressPartner, vendorId: null };
  if (egressPartner) return { type: "OUTBOUND", customerId: null, vendorId: egressPartner };
  return { type: "ON_NET", customerId: null, vendorId: null };
}
