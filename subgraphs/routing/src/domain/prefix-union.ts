import type { IndexedRate, RatingCard } from "@intersettle/shared";

/**
 * The prefixes of several cards with a rate in force at `atMs`, merged in ascending order without duplicates,
 * each with the destination the first card holding it in force names (list the customer's sell card first).
 * A merge of the cards' own sorted streams: an export of a million prefixes never holds them all.
 */
export function* prefixUnion(cards: RatingCard[], atMs: number): Generator<{ prefix: string; destination: string }> {
  const heads = cards.map((card) => ({ stream: card.index.entries(), entry: undefined as [string, IndexedRate[]] | undefined }));
  for (const head of heads) head.entry = head.stream.next().value ?? undefined;
  for (;;) {
    let least: string | undefined;
    for (const head of heads) if (head.entry && (least === undefined || head.entry[0] < least)) least = head.entry[0];
    if (least === undefined) return;
    let destination: string | undefined;
    for (const head of heads) {
      if (head.entry?.[0] !== least) continue;
      destination ??= inForce(head.entry[1], atMs)?.destination;
      head.entry = head.stream.next().value ?? undefined;
    }
    if (destination !== undefined) yield { prefix: least, destination };
  }
}

function inForce(rows: IndexedRate[], atMs: number): IndexedRate | undefined {
  for (const row of rows) if (row.fromMs <= atMs && atMs < row.toMs) return row;
  return undefined;
}
