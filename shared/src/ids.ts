import { v7 } from "uuid";

/** A time-ordered UUID (v7): primary keys sort by creation, so keyset pages follow creation order. */
export function newId(): string {
  return v7();
}
