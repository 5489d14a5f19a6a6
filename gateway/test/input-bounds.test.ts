import { errorCodes, unboundedInputs, type GraphQLResponse } from "@intersettle/shared";
import { createPartnersSubgraph } from "@intersettle/partners";
import { createRatingSubgraph } from "@intersettle/rating";
import { createInvoicingSubgraph } from "@intersettle/invoicing";
import { createRoutingSubgraph } from "@intersettle/routing";
import { createRevenueShareSubgraph } from "@intersettle/revenue-share";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, partnerInput } from "./support/fixtures";

let hub: TestHub;
let vendor: { id: string };

const CREATE_PARTNER = `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { id contacts { name } } }`;
const CREATE_CARD = `mutation($input: CreateRateCardInput!) { createRateCard(input: $input) { id timeBands { name } } }`;
const QUOTE = `query($card: ID!, $number: String!, $seconds: Int) {
  rateQuote(rateCardId: $card, number: $number, start: "2026-06-01T00:00:00Z", durationSeconds: $seconds) { rated billedQuantity pieces { band quantity } } }`;

const contact = (i: number) => ({ name: `Desk ${i}`, role: "BILLING", email: `desk${i}@telco.example` });
/** Twenty-four hourly bands covering every day: the most a card may have. */
const hourlyBands = Array.from({ length: 24 }, (_, h) => ({
  name: `H${String(h).padStart(2, "0")}`,
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  start: `${String(h).padStart(2, "0")}:00`,
  end: `${String((h + 1) % 24).padStart(2, "0")}:00`,
}));

/** The one BAD_USER_INPUT error's problems. */
function problems(res: GraphQLResponse): Array<{ field: string; message: string }> {
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  return res.errors![0].extensions!.problems as Array<{ field: string; message: string }>;
}

beforeAll(async () => {
  hub = await startTestHub("bounds");
  vendor = await createPartner(hub, "BOUNDED_VENDOR", { roles: ["VENDOR"] });
});
afterAll(() => hub?.stop());

describe("every input declares its bound", () => {
  it("leaves no String, JSON or list argument or input field of any subgraph unbounded", () => {
    for (const create of [createPartnersSubgraph, createRatingSubgraph, createInvoicingSubgraph, createRoutingSubgraph, createRevenueShareSubgraph]) {
      expect(unboundedInputs(create({}).schema)).toEqual([]);
    }
  });
});

describe("oversized inputs through the gateway", () => {
  it("answers a 100 kB string with a short BAD_USER_INPUT that does not repeat it", async () => {
    const huge = "X".repeat(100_000);
    for (const res of [
      await hub.query(CREATE_PARTNER, { input: partnerInput(huge) }),
      await hub.query(`query($c: String!) { partnerByCode(code: $c) { id } }`, { c: huge }),
      await hub.query(`query($n: String!) { destinationForNumber(number: $n) { prefix } }`, { n: huge }),
    ]) {
      expect(problems(res)[0].message).toBe("must be at most 200 characters");
      expect(JSON.stringify(res).length).toBeLessThan(1000);
      expect(JSON.stringify(res)).not.toContain("XXXXXXXXXX");
    }
    const byId = await hub.query(`query($id: ID!) { partner(id: $id) { code } }`, { id: "1".repeat(100_000) });
    expect(problems(byId)).toEqual([{ field: "id", message: "must be at most 64 characters" }]);
    expect(JSON.stringify(byId).length).toBeLessThan(1000);
  });

  it("answers an amount longer than any amount with BAD_USER_INPUT, as a variable or written in the query, never as an internal error", async () => {
    const digits = "9".repeat(500);
    for (const res of [
      await hub.query(`query($a: Decimal!) { convertAmount(amount: $a, from: "USD", to: "EUR", on: "2026-11-01") { amount } }`, { a: digits }),
      await hub.query(`{ convertAmount(amount: "${digits}", from: "USD", to: "EUR", on: "2026-11-01") { amount } }`),
    ]) {
      expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
      expect(JSON.stringify(res)).not.toContain("9999999999");
    }
  });

  it("refuses more than 20 contacts, and a long contact field by its path, while 20 contacts are fine", async () => {
    expect(problems(await hub.query(CREATE_PARTNER, { input: partnerInput("MANY_DESKS", { contacts: Array.from({ length: 21 }, (_, i) => contact(i)) }) }))).toEqual([
      { field: "contacts", message: "must have at most 20 items" },
    ]);
    // Refused by the bound before any SQL is built (unbounded, 10,000 contacts overflowed one INSERT's 65,535 parameters: a 500).
    const thousands = await hub.query(CREATE_PARTNER, { input: partnerInput("MORE_DESKS", { contacts: Array.from({ length: 2000 }, (_, i) => contact(i)) }) });
    expect(problems(thousands)).toEqual([{ field: "contacts", message: "must have at most 20 items" }]);
    const longEmail = Array.from({ length: 5 }, (_, i) => contact(i));
    longEmail[3] = { ...longEmail[3], email: `${"m".repeat(300)}@telco.example` };
    expect(problems(await hub.query(CREATE_PARTNER, { input: partnerInput("LONG_MAIL", { contacts: longEmail }) }))).toEqual([
      { field: "contacts.3.email", message: "must be at most 200 characters" },
    ]);
    const ok = await hub.query(CREATE_PARTNER, { input: partnerInput("TWENTY_DESKS", { contacts: Array.from({ length: 20 }, (_, i) => contact(i)) }) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.createPartner.contacts).toHaveLength(20);
  });

  it("refuses more than 24 time bands and more than 7 weekdays in a band", async () => {
    const card = { partnerId: vendor.id, name: "Banded", direction: "BUY", currency: "USD", service: "VOICE" };
    const tooMany = [...hourlyBands, { ...hourlyBands[0], name: "EXTRA" }];
    expect(problems(await hub.query(CREATE_CARD, { input: { ...card, timeBands: tooMany } }))).toEqual([{ field: "timeBands", message: "must have at most 24 items" }]);
    const longWeek = [{ ...hourlyBands[0], weekdays: [1, 2, 3, 4, 5, 6, 7, 1] }];
    expect(problems(await hub.query(CREATE_CARD, { input: { ...card, timeBands: longWeek } }))).toEqual([{ field: "timeBands.0.weekdays", message: "must have at most 7 items" }]);
  });

  it("refuses a rateQuote duration beyond a week; a week-long call on 24 hourly bands answers a bounded list of pieces", async () => {
    const created = await hub.query(CREATE_CARD, { input: { partnerId: vendor.id, name: "Hourly", direction: "BUY", currency: "USD", service: "VOICE", timeBands: hourlyBands } });
    expect(created.errors).toBeUndefined();
    const cardId = created.data.createRateCard.id;
    const deck = ["prefix,destination,rate,time_band", ...hourlyBands.map((b) => `44,United Kingdom,0.01,${b.name}`)].join("\n");
    const imported = await hub.query(`mutation($input: ImportRateDeckInput!) { importRateDeck(input: $input) { version } }`, {
      input: { rateCardId: cardId, mode: "FULL", content: deck, fileName: "hourly.csv", effectiveFrom: "2026-01-01T00:00:00Z" },
    });
    expect(imported.errors).toBeUndefined();

    for (const seconds of [7 * 24 * 3600 + 1, 2_147_483_647, -1]) {
      expect(problems(await hub.query(QUOTE, { card: cardId, number: "+44 20 7946 0000", seconds }))).toEqual([{ field: "durationSeconds", message: "must be from 0 to 604800" }]);
    }
    const week = await hub.query(QUOTE, { card: cardId, number: "+44 20 7946 0000", seconds: 7 * 24 * 3600 });
    expect(week.errors).toBeUndefined();
    expect(week.data.rateQuote.rated).toBe(true);
    const pieces = week.data.rateQuote.pieces as Array<{ quantity: number }>;
    expect(pieces.length).toBeLessThanOrEqual(24 * 7 + 2);
    expect(pieces.reduce((sum, p) => sum + p.quantity, 0)).toBe(week.data.rateQuote.billedQuantity);
  });
});
