import type { DataSource } from "typeorm";
import { PrefixIndex, dialledDigits } from "@intersettle/shared";

/** A destination's label ("United Kingdom Vodafone mobile") by prefix. */
export type DestinationLabel = [prefix: string, label: string];

export interface DestinationLookup {
  label(number: string): string | undefined;
}

/** The destination catalogue as a trie, to label every rated call the same way whatever card rated it. */
export class DestinationLabels {
  constructor(private readonly dataSource: DataSource) {}

  async load(): Promise<DestinationLookup> {
    return destinationLookup(await this.entries());
  }

  async entries(): Promise<DestinationLabel[]> {
    const rows = (await this.dataSource.query(`SELECT prefix, country, operator, type FROM rating.destination`)) as Array<{ prefix: string; country: string; operator: string | null; type: string }>;
    return rows.map((r) => [r.prefix, [r.country, r.operator, r.type.toLowerCase()].filter(Boolean).join(" ")]);
  }
}

export function destinationLookup(entries: DestinationLabel[]): DestinationLookup {
  const index = new PrefixIndex<string>();
  for (const [prefix, label] of entries) index.set(prefix, label);
  return { label: (number) => index.longestMatch(dialledDigits(number))?.value };
}
