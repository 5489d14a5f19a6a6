import { setTimeout as sleep } from "node:timers/promises";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
let cardId: string;

beforeAll(async () => {
  hub = await startTestHub("multibyte");
  const partner = await createPartner(hub, "UNICODE", { roles: ["VENDOR"] });
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "A-Z", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: partner.id });
  cardId = card.data.createRateCard.id;
});
afterAll(async () => hub?.stop());

const NAMES: Record<string, string> = {
  "225": "Côte d'Ivoire",
  "81": "日本",
  "7": "Россия",
  "30": "Ελλάδα",
  "34": "España 📞",
  "44": "🇬🇧 United Kingdom, mobile",
};

/** Posts `body` to the deck upload route in pieces sent one by one, each cut inside a multi-byte character. */
async function uploadInPieces(body: Buffer, params: Record<string, string>): Promise<any> {
  const cuts: number[] = [];
  for (let at = 1; at < body.length; at++) if ((body[at] & 0xc0) === 0x80 && (body[at - 1] & 0xc0) !== 0x80) cuts.push(at); // one byte into a character
  const pieces = cuts.map((to, i) => body.subarray(cuts[i - 1] ?? 0, to)).concat(body.subarray(cuts[cuts.length - 1]));
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await sleep(15); // each piece leaves on its own, so the subgraph reads characters cut in two
      if (next < pieces.length) controller.enqueue(new Uint8Array(pieces[next++]));
      else controller.close();
    },
  });
  const response = await fetch(`${hub.url.replace(/\/graphql$/, "")}/files/rating/rate-decks?${new URLSearchParams(params)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "text/csv" },
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(pieces.length).toBeGreaterThan(10);
  return response.json();
}

it("stores destination names exactly when an upload's pieces cut their characters in two", async () => {
  const deck = ["prefix,destination,rate", ...Object.entries(NAMES).map(([prefix, name]) => `${prefix},"${name}",0.0100`)].join("\n") + "\n";
  const result = await uploadInPieces(Buffer.from(deck, "utf8"), { rateCardId: cardId, mode: "FULL", fileName: "unicode.csv", effectiveFrom: "2026-01-01T00:00:00Z" });
  expect(result.errors).toBeUndefined();
  expect(result.data).toMatchObject({ version: 1, rowCount: 6 });
  const rates = await hub.query(`query($c: ID!) { rateCard(id: $c) { rates(first: 50) { edges { node { prefix destination } } } } }`, { c: cardId });
  expect(rates.errors).toBeUndefined();
  const stored = Object.fromEntries(rates.data.rateCard.rates.edges.map((e: any) => [e.node.prefix, e.node.destination]));
  expect(stored).toEqual(NAMES);
});
