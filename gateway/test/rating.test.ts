import ExcelJS from "exceljs";
import { Client } from "pg";
import { errorCodes } from "@intersettle/shared";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";

let hub: TestHub;
let vendor: { id: string };
let customer: { id: string };
let vendorKey: string;
let customerKey: string;
let cardId: string;

const IMPORT = `mutation($input: ImportRateDeckInput!) { importRateDeck(input: $input) { version rowCount mode diff { new increased decreased unchanged closed } } }`;
const QUOTE = `query($card: ID!, $number: String!, $start: DateTimeISO!, $seconds: Int) {
  rateQuote(rateCardId: $card, number: $number, start: $start, durationSeconds: $seconds) {
    rated unratedReason matchedPrefix destination rateVersion billedQuantity connectFee amount exactAmount currency
    pieces { band quantity rate amount } rounding { decimals mode perCdr } } }`;

async function importDeck(content: string, mode: "FULL" | "DELTA", effectiveFrom: string, extra: Record<string, unknown> = {}) {
  return hub.query(IMPORT, { input: { rateCardId: cardId, mode, content, fileName: "deck.csv", effectiveFrom, ...extra } });
}

async function quote(number: string, start: string, seconds: number, token?: string) {
  const res = await hub.query(QUOTE, { card: cardId, number, start, seconds }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.rateQuote;
}

beforeAll(async () => {
  hub = await startTestHub("rating");
  vendor = await createPartner(hub, "VENDOR_A", { roles: ["VENDOR"], rounding: { decimals: 4, mode: "HALF_UP", scope: "PER_CDR" } });
  customer = await createPartner(hub, "CUSTOMER_B", { roles: ["CUSTOMER"], timezone: "Asia/Kolkata", currency: "INR" });
  vendorKey = (await issueApiKey(hub, vendor.id)).secret;
  customerKey = (await issueApiKey(hub, customer.id)).secret;
  const card = await hub.query(
    `mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "Vendor A voice", direction: BUY, currency: "USD", service: VOICE,
      timeBands: [{ name: "PEAK", weekdays: [1,2,3,4,5], start: "08:00", end: "18:00" }] }) { id currentVersion timeBands { name } } }`,
    { p: vendor.id },
  );
  expect(card.errors).toBeUndefined();
  cardId = card.data.createRateCard.id;
});
afterAll(() => hub?.stop());

describe("rate deck imports", () => {
  it("imports a FULL native deck (any column order, quoted fields) as version 1 and quotes against it", async () => {
    const deck = [
      "Destination,PREFIX,rate,next_rate,Connect_Fee,initial_interval,next_interval,time_band",
      `"United Kingdom, fixed",44,0.0100,0.0100,0,60,60,`,
      "UK mobile,447,0.0300,0.0300,0.01,30,6,",
      "UK mobile,447,0.0600,0.0600,0.01,30,6,PEAK",
      "UK mobile special,4477,0.0500,0.0500,0,1,1,",
      "India,91,0.0080,0.0080,0,1,1,",
    ].join("\n");
    const res = await importDeck(deck, "FULL", "2026-01-01T00:00:00Z");
    expect(res.errors).toBeUndefined();
    expect(res.data.importRateDeck).toEqual({ version: 1, rowCount: 5, mode: "FULL", diff: { new: 5, increased: 0, decreased: 0, unchanged: 0, closed: 0 } });

    // Wednesday 17:59 London (BST, so 16:59 UTC), 185 s: 30 s initial + 26 × 6 s = 186 s; 60 s PEAK then 126 s off-peak.
    const q = await quote("+44 7612 345678", "2026-06-03T16:59:00Z", 185);
    expect(q).toMatchObject({ rated: true, matchedPrefix: "447", destination: "UK mobile", rateVersion: 1, billedQuantity: 186, connectFee: "0.01", currency: "USD" });
    expect(q.pieces).toEqual([
      { band: "PEAK", quantity: 60, rate: "0.06", amount: "0.06" },
      { band: null, quantity: 126, rate: "0.03", amount: "0.063" },
    ]);
    expect(q.exactAmount).toBe("0.133");
    expect(q.rounding).toEqual({ decimals: 4, mode: "HALF_UP", perCdr: true });
    expect((await quote("4420", "2026-06-03T10:00:00Z", 0)).amount).toBe("0");
    expect(await quote("3312345", "2026-06-03T10:00:00Z", 60)).toMatchObject({ rated: false, unratedReason: "NO_PREFIX_MATCH" });
  });

  it("applies a DELTA deck as version 2 with a diff, and prices by the version in force at the call's start", async () => {
    const deck = ["prefix,destination,rate", "447,UK mobile,0.0350", "4477,UK mobile special,0.0400", "91,India,0.0080", "33,France,0.0120"].join("\n");
    const res = await importDeck(deck, "DELTA", "2026-07-01T00:00:00+01:00");
    expect(res.data.importRateDeck.diff).toEqual({ new: 1, increased: 1, decreased: 1, unchanged: 1, closed: 0 });
    const version = await hub.query(`query($c: ID!) { rateCardVersion(rateCardId: $c, version: 2) { changes(kind: INCREASED) { edges { node { prefix oldRate newRate destination } } } } }`, { c: cardId });
    expect(version.data.rateCardVersion.changes.edges.map((e: any) => e.node)).toEqual([{ prefix: "447", oldRate: "0.03", newRate: "0.035", destination: "UK mobile" }]);

    // 2026-07-01 00:00 BST = 2026-06-30 23:00 UTC; it is a Wednesday night, outside PEAK.
    const before = await quote("447612345678", "2026-06-30T22:59:59Z", 60);
    const after = await quote("447612345678", "2026-06-30T23:00:00Z", 60);
    expect([before.rateVersion, before.pieces[0].rate]).toEqual([1, "0.03"]);
    expect([after.rateVersion, after.pieces[0].rate]).toEqual([2, "0.035"]);
    // The DELTA deck carried only an all-times rate for 447; the PEAK rate of version 1 stays in force.
    expect((await quote("447612345678", "2026-07-01T09:00:00Z", 60)).pieces[0]).toMatchObject({ band: "PEAK", rate: "0.06" });
  });

  it("closes prefixes missing from a FULL deck, and keeps every past version readable", async () => {
    const deck = ["prefix,destination,rate", "44,United Kingdom fixed,0.0100", "447,UK mobile,0.0350", "91,India,0.0075"].join("\n");
    const res = await importDeck(deck, "FULL", "2026-08-01T00:00:00Z");
    // 4477 and 33 close; 447 PEAK closes too (the deck lists no PEAK row); 44 changes only its destination name.
    expect(res.data.importRateDeck.diff).toEqual({ new: 0, increased: 0, decreased: 1, unchanged: 2, closed: 3 });
    expect(await quote("33123456789", "2026-08-01T00:00:00Z", 60)).toMatchObject({ rated: false, unratedReason: "NO_RATE_IN_FORCE" });
    expect((await quote("33123456789", "2026-07-31T23:59:59Z", 60)).amount).toBe("0.012");
    expect((await quote("447712345678", "2026-08-02T12:00:00Z", 60)).matchedPrefix).toBe("447");

    const history = await hub.query(
      `query($c: ID!) { rateCard(id: $c) { currentVersion v1: rates(asOfVersion: 1) { totalCount edges { node { prefix rate timeBand effectiveTo } } }
        now: rates(at: "2026-09-01T00:00:00Z") { edges { node { prefix rate } } } versions { edges { node { version mode rowCount fileName importedBy } } } } }`,
      { c: cardId },
    );
    const card = history.data.rateCard;
    expect(card.currentVersion).toBe(3);
    expect(card.v1.totalCount).toBe(5);
    expect(card.v1.edges.map((e: any) => [e.node.prefix, e.node.rate, e.node.timeBand, e.node.effectiveTo])).toContainEqual(["4477", "0.05", null, null]);
    expect(card.now.edges.map((e: any) => [e.node.prefix, e.node.rate]).sort()).toEqual([["44", "0.01"], ["447", "0.035"], ["91", "0.0075"]]);
    expect(card.versions.edges.map((e: any) => [e.node.version, e.node.mode, e.node.importedBy])).toEqual([
      [1, "FULL", "operator:admin (INTERSETTLE_ADMIN_TOKEN)"],
      [2, "DELTA", "operator:admin (INTERSETTLE_ADMIN_TOKEN)"],
      [3, "FULL", "operator:admin (INTERSETTLE_ADMIN_TOKEN)"],
    ]);
  });

  it("rejects a deck with bad rows whole, listing every problem by line and column", async () => {
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    const rows = async () => (await db.query(`SELECT count(*)::int AS n FROM rating.rate`)).rows[0].n;
    const before = await rows();
    const deck = [
      "prefix,destination,rate,effective_from,time_band",
      "44x,Bad prefix,0.01,,",
      "49,Germany,,,",
      "39,Italy,0.01,2026-13-01,",
      "34,Spain,0.01,,NIGHT",
      "30,Greece,0.01,,",
      "30,Greece again,0.02,,",
      "353,Ireland,0.011,,",
    ].join("\n");
    const res = await importDeck(deck, "FULL", "2026-09-01T00:00:00Z");
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    const problems = res.errors![0].extensions!.problems.map((p: any) => [p.line, p.column]);
    expect(problems).toEqual([
      [2, "prefix"],
      [3, "rate"],
      [4, "effective_from"],
      [5, "time_band"],
      [7, "prefix"],
    ]);
    expect(res.errors![0].message).toMatch(/rejected, nothing applied: 5 problems, 5 listed, 0 not listed/);
    const dup = await importDeck(["prefix,destination,rate", "30,Greece,0.01", "31,Netherlands,0.01", "30,Greece again,0.02"].join("\n"), "DELTA", "2026-09-01T00:00:00Z");
    expect(dup.errors![0].extensions!.problems).toEqual([{ line: 4, column: "prefix", message: "prefix 30 is already on line 2" }]);
    const missing = await importDeck("dial code,name,price\n44,UK,0.01", "DELTA", "2026-09-01T00:00:00Z");
    expect(missing.errors![0].extensions!.problems.map((p: any) => p.column)).toEqual(["prefix", "destination", "rate"]);
    expect(await rows()).toBe(before);
    expect((await hub.query(`query($c: ID!) { rateCard(id: $c) { currentVersion } }`, { c: cardId })).data.rateCard.currentVersion).toBe(3);
    await db.end();
  });

  it("imports vendor CSV and XLSX decks through a saved layout (decimal comma, per-second rates, local dates)", async () => {
    const layout = await hub.query(
      `mutation { createDeckLayout(input: { name: "Vendor A semicolon", delimiter: ";", decimalComma: true, ratePer: SECOND, dateFormat: "dd/MM/yyyy",
        columns: { prefix: "Dial Code", destination: "Country", rate: "Price/sec", effective_from: "Valid From" } }) { id name } }`,
    );
    expect(layout.errors).toBeUndefined();
    const csv = ["Dial Code;Country;Price/sec;Valid From", "49;Germany;0,0002;01/10/2026", "4915;Germany mobile;0,001;01/10/2026"].join("\n");
    const res = await importDeck(csv, "DELTA", "2026-10-01T00:00:00Z", { layout: "Vendor A semicolon" });
    expect(res.errors).toBeUndefined();
    expect(res.data.importRateDeck.diff.new).toBe(2);
    // 01/10/2026 is midnight in London (BST): 2026-09-30T23:00Z. Per-second 0,001 becomes 0.06 per minute.
    expect((await quote("4915112345678", "2026-09-30T23:00:00Z", 60)).pieces[0].rate).toBe("0.06");
    expect(await quote("4915112345678", "2026-09-30T22:59:59Z", 60)).toMatchObject({ rated: false });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Rates");
    sheet.addRow(["Dial Code", "Country", "Price/sec", "Valid From"]);
    sheet.addRow([48, "Poland", "0,0003", "01/11/2026"]);
    const xlsxLayout = await hub.query(`mutation { createDeckLayout(input: { name: "Vendor A xlsx", fileFormat: XLSX, decimalComma: true, ratePer: SECOND, dateFormat: "dd/MM/yyyy",
        columns: { prefix: "Dial Code", destination: "Country", rate: "Price/sec", effective_from: "Valid From" } }) { id } }`);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const x = await hub.query(IMPORT, { input: { rateCardId: cardId, mode: "DELTA", contentBase64: base64, fileName: "vendor.xlsx", layout: xlsxLayout.data.createDeckLayout.id } });
    expect(x.errors).toBeUndefined();
    expect(x.data.importRateDeck).toMatchObject({ rowCount: 1, diff: { new: 1 } });
    expect((await quote("48221234567", "2026-11-02T12:00:00Z", 60)).pieces[0].rate).toBe("0.018");
  });

  it("publishes a rates event for every import", async () => {
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    // The card's default price plan was published on the same topic when the card was created (price-plans.test.ts).
    const events = await db.query(`SELECT type, payload FROM events.event WHERE topic = 'rates' AND type = 'rate_card.published' ORDER BY id`);
    await db.end();
    expect(events.rows.map((r) => [r.type, r.payload.version])).toEqual([
      ["rate_card.published", 1],
      ["rate_card.published", 2],
      ["rate_card.published", 3],
      ["rate_card.published", 4],
      ["rate_card.published", 5],
    ]);
    expect(events.rows[0].payload).toMatchObject({ rateCardId: cardId, partnerId: vendor.id, direction: "BUY", newCount: 5 });
  });
});

describe("partners and the graph", () => {
  it("extends Partner with its rate cards across subgraphs", async () => {
    const res = await hub.query(`query($p: ID!) { partner(id: $p) { code rateCards { totalCount edges { node { name direction partner { code } } } } } }`, { p: vendor.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.partner).toEqual({ code: "VENDOR_A", rateCards: { totalCount: 1, edges: [{ node: { name: "Vendor A voice", direction: "BUY", partner: { code: "VENDOR_A" } } }] } });
  });

  it("lets a partner quote its own card but not read, quote or import another's", async () => {
    expect((await quote("447612345678", "2026-06-03T10:00:00Z", 60, vendorKey)).rated).toBe(true);
    expect(errorCodes(await hub.query(QUOTE, { card: cardId, number: "44", start: "2026-06-03T10:00:00Z", seconds: 60 }, customerKey))).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await hub.query(`query($c: ID!) { rateCard(id: $c) { name } }`, { c: cardId }, customerKey))).toEqual(["NOT_FOUND"]);
    expect((await hub.query(`{ rateCards { totalCount } }`, {}, customerKey)).data.rateCards.totalCount).toBe(0);
    expect(errorCodes(await hub.query(IMPORT, { input: { rateCardId: cardId, mode: "DELTA", content: "prefix,destination,rate\n1,US,0.001" } }, vendorKey))).toEqual(["FORBIDDEN"]);
  });

  it("rejects a card for an unknown partner, a bad currency or bad bands", async () => {
    const create = `mutation($i: CreateRateCardInput!) { createRateCard(input: $i) { id } }`;
    const base = { partnerId: customer.id, name: "Sell", direction: "SELL", currency: "INR", service: "VOICE" };
    expect(errorCodes(await hub.query(create, { i: { ...base, partnerId: "00000000-0000-0000-0000-000000000000" } }))).toEqual(["NOT_FOUND"]);
    expect((await hub.query(create, { i: { ...base, currency: "RUPEE" } })).errors![0].extensions!.field).toBe("currency");
    const bands = await hub.query(create, { i: { ...base, timeBands: [{ name: "PEAK", weekdays: [0], start: "25:00", end: "18:00" }] } });
    expect(bands.errors![0].extensions!.problems.map((p: any) => p.field)).toEqual(["timeBands.0.weekdays", "timeBands.0.start"]);
  });
});

describe("exchange rates and destinations", () => {
  it("converts directly, inversely and across the base currency, by effective date", async () => {
    await hub.query(`mutation { a: setExchangeRate(input: { base: "EUR", quote: "USD", rate: "1.08", effectiveDate: "2026-01-01" }) { id } b: setExchangeRate(input: { base: "EUR", quote: "USD", rate: "1.10", effectiveDate: "2026-07-01" }) { id } }`);
    const imported = await hub.query(`mutation($csv: String!) { importExchangeRates(csv: $csv) }`, { csv: "base,quote,rate,effective_date\nUSD,INR,83.25,2026-01-01\nUSD,GBP,0.79,2026-01-01" });
    expect(imported.data.importExchangeRates).toBe(2);
    const convert = `query($a: Decimal!, $f: String!, $t: String!, $on: String!) { convertAmount(amount: $a, from: $f, to: $t, on: $on) { converted convertedCurrency } }`;
    expect((await hub.query(convert, { a: "100", f: "EUR", t: "USD", on: "2026-03-01" })).data.convertAmount.converted).toBe("108");
    expect((await hub.query(convert, { a: "100", f: "EUR", t: "USD", on: "2026-07-01" })).data.convertAmount.converted).toBe("110");
    expect((await hub.query(convert, { a: "110", f: "USD", t: "EUR", on: "2026-07-01" })).data.convertAmount.converted).toBe("100");
    expect((await hub.query(convert, { a: "10", f: "EUR", t: "INR", on: "2026-03-01" })).data.convertAmount.converted).toBe("899.1");
    expect(errorCodes(await hub.query(convert, { a: "1", f: "EUR", t: "JPY", on: "2026-03-01" }))).toEqual(["NOT_FOUND"]);
    const bad = await hub.query(`mutation($csv: String!) { importExchangeRates(csv: $csv) }`, { csv: "base,quote,rate,effective_date\nUSD,QQQ,1,2026-01-01\nUSD,EUR,-2,2026-01-01" });
    expect(bad.errors![0].extensions!.problems.map((p: any) => p.field)).toEqual(["line 2: quote", "line 3: rate"]);
  });

  it("labels numbers from the destination catalogue", async () => {
    const csv = "prefix,country,operator,region,type\n91,India,,,FIXED\n9198,India,Bharat Mobile,Delhi,MOBILE\n44,United Kingdom,,,FIXED";
    expect((await hub.query(`mutation($csv: String!) { importDestinations(csv: $csv) }`, { csv })).data.importDestinations).toBe(3);
    const res = await hub.query(`{ destinationForNumber(number: "+91 98100 12345") { prefix country operator region type } }`);
    expect(res.data.destinationForNumber).toEqual({ prefix: "9198", country: "India", operator: "Bharat Mobile", region: "Delhi", type: "MOBILE" });
    const q = await hub.query(`query($c: ID!) { rateQuote(rateCardId: $c, number: "919810012345", start: "2026-09-01T10:00:00Z", durationSeconds: 60) { destination destinationInfo { operator type } } }`, { c: cardId });
    expect(q.data.rateQuote).toEqual({ destination: "India", destinationInfo: { operator: "Bharat Mobile", type: "MOBILE" } });
    const bad = await hub.query(`mutation($csv: String!) { importDestinations(csv: $csv) }`, { csv: "prefix,country,type\n1x,USA,FIXED\n1,USA,LANDLINE" });
    expect(bad.errors![0].extensions!.problems.map((p: any) => p.field)).toEqual(["line 2: prefix", "line 3: type"]);
  });
});
