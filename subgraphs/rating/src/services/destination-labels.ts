import type { DataSource } from "typeorm";
import { PrefixIndex, dialledDigits } from "../domain/prefix-index";

/** The destination catalogue as a trie, to label every rated call the same way whatever card rated it. */
export class DestinationLabels {
  constructor(private readonly dataSource: DataSource) {}

  async load(): Promise<{ label(number: string): string | undefined }> {
    const rows = (await this.dataSource.query(`SELECT prefix, country, operator, type FROM rating.destination`)) as Array<{ prefix: string; country: string; operator: string | null; type: string }>;
    const index = new PrefixIndex<string>();
    for (const r of rows) index.set(r.prefix, [r.country, r.operator, r.type.toLowerCase()].filter(Boolean).join(" "));
    return { label: (number) => index.longestMatch(dialledDigits(number))?.value };
  }
}
