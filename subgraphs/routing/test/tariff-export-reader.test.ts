import { Readable } from "node:stream";
import readline from "node:readline";
import { rateInForce } from "@intersettle/shared";
import { readTariffExport, TariffExportError } from "../src/services/tariffs/tariff-export";

const CARD = "0190a000-0000-7000-8000-000000000001";
const PARTNER = "0190a000-0000-7000-8000-0000000000aa";

const lines = [
  { kind: "price_plan", id: "p1", partnerId: PARTNER, direction: "BUY", service: "VOICE", rateCardId: CARD, trunkMappingId: null, agreementId: null, effectiveFrom: "1970-01-01T00:00:00.000Z", effectiveTo: null },
  { kind: "fx", base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-01-01" },
  { kind: "card", id: CARD, partnerId: PARTNER, direction: "BUY", service: "VOICE", currency: "USD", timezone: "UTC", timeBands: [], version: 2 },
  rate("44", "0.0100"),
  rate("447", "0.0300"),
  { kind: "end", cards: 1, rates: 2 },
];

function rate(prefix: string, value: string) {
  return { kind: "rate", cardId: CARD, prefix, destination: `D${prefix}`, timeBand: null, rate: value, nextRate: value, connectFee: "0", initialInterval: 60, nextInterval: 60, gracePeriod: 0, effectiveFrom: "2026-01-01T00:00:00.000Z", effectiveTo: null, version: 2 };
}

/** The export as it arrives over HTTP: arbitrary chunks, lines split anywhere. */
function streamed(text: string, chunk = 7): AsyncIterable<string> {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
  return readline.createInterface({ input: Readable.from(parts), crlfDelay: Infinity });
}

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

it("reads plans, exchange rates and each card with its rates from a streamed NDJSON export", async () => {
  const result = await readTariffExport(streamed(ndjson(lines)));
  expect(result.pricePlans).toEqual([expect.objectContaining({ id: "p1", rateCardId: CARD, effectiveFrom: new Date(0), effectiveTo: null, trunkMappingId: null })]);
  expect(result.fx).toEqual([{ base: "USD", quote: "EUR", rate: "0.9", effectiveDate: "2026-01-01" }]);
  expect(result.cards).toHaveLength(1);
  const [card] = result.cards;
  expect(card).toMatchObject({ id: CARD, partnerId: PARTNER, currency: "USD", version: 2 });
  expect(rateInForce(card.card, "447700900", new Date("2026-06-01T00:00:00Z"))?.rate.toFixed()).toBe("0.03");
  expect(rateInForce(card.card, "441", new Date("2026-06-01T00:00:00Z"))?.rate.toFixed()).toBe("0.01");
});

it("fails loudly when the end line is missing, so a cut-off export is never taken for a complete one", async () => {
  await expect(readTariffExport(streamed(ndjson(lines.slice(0, -1))))).rejects.toThrow(TariffExportError);
  await expect(readTariffExport(streamed(ndjson(lines.slice(0, -1))))).rejects.toThrow(/without its end line/);
});

it("fails when the end line's counts disagree, a line is not JSON, or a rate comes outside its card", async () => {
  await expect(readTariffExport(streamed(ndjson([...lines.slice(0, -1), { kind: "end", cards: 1, rates: 3 }])))).rejects.toThrow(/counts 1 cards and 3 rates/);
  await expect(readTariffExport(streamed(ndjson(lines.slice(0, 2)) + "{not json\n"))).rejects.toThrow(/line 3 is not JSON/);
  await expect(readTariffExport(streamed(ndjson([lines[0], rate("44", "0.01"), { kind: "end", cards: 0, rates: 1 }])))).rejects.toThrow(/outside that card's lines/);
});
