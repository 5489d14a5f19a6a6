/**
 * The destination name a rated call carries where both of its partners can read it (the call, hourly traffic and
 * usage): the destination catalogue's name, which is the hub's reference data; else a deck's name only when no
 * other partner on the call names it differently. A deck's names are its partner's own business, so a vendor never
 * sees what its customer's deck calls a number, nor the other way round; such calls are labelled UNKNOWN.
 */
export function sharedDestination(catalogue: string | null, customerDeck: string | null, vendorDeck: string | null): string | null {
  if (catalogue !== null) return catalogue;
  if (customerDeck === null) return vendorDeck;
  if (vendorDeck === null || vendorDeck === customerDeck) return customerDeck;
  return null;
}
