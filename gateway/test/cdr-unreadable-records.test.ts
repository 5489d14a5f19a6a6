import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

let hub: TestHub;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-unreadable-"));
const JOB = `id status read rated duplicate rejected unrated quarantine { edges { node { line field reason raw } } }`;

beforeAll(async () => {
  hub = await startTestHub("unreadable");
  const partners: Record<string, string> = {};
  for (const [side, code, role, direction] of [["INGRESS", "QUOTE_IN", "CUSTOMER", "SELL"], ["EGRESS", "QUOTE_OUT", "VENDOR", "BUY"]]) {
    partners[side] = (await createPartner(hub, code, { roles: [role] })).id;
    const c = await hub.query(`mutation($p: ID!, $d: RateDirection!) { createRateCard(input: { partnerId: $p, name: "voice", direction: $d, currency: "USD", service: VOICE }) { id } }`, { p: partners[side], d: direction });
    await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: c.data.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.0100", effectiveFrom: "2026-01-01T00:00:00Z" } });
  }
  for (const code of ["QUOTES_WHOLE", "QUOTES_BLOCKS"]) {
    const s = await hub.query(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code, name: code, format: "NATIVE", timezone: "UTC" } });
    for (const side of ["INGRESS", "EGRESS"]) {
      const m = await hub.query(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: s.data.createCdrSource.id, side, match: "DEFAULT", partnerId: partners[side] } });
      expect(m.errors).toBeUndefined();
    }
  }
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (i: number) => `q.${i},2026-11-20T10:${String(i % 60).padStart(2, "0")}:00Z,60,+442079460018,+44207946${String(1000 + i)},in,out,ANSWERED`;

describe("CDR files with quotes the reader cannot delimit", () => {
  it("quarantines each unreadable record at its line with its raw text and rates every other call, whole or in blocks", async () => {
    // Bare CR, LF and CRLF line endings mixed; an unclosed quote on line 3; a quote closed and followed by garbage on line 40.
    const lines = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition", call(1), `q.2,"2026-11-20T10:02:00Z,60,+442079460018,+442079461002,in,out,ANSWERED`];
    for (let i = 3; i < 60; i++) lines.push(i === 40 ? `q.40,"2026-11-20T10:40:00Z"x,60,+442079460018,+442079461040,in,out,ANSWERED` : call(i));
    const endings = ["\r", "\n", "\r\n"];
    const text = lines.map((l, i) => l + endings[i % 3]).join("");
    const file = path.join(dir, "quotes.csv");
    fs.writeFileSync(file, text);
    const res = await hub.query(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { ${JOB} } }`, { i: { source: "QUOTES_WHOLE", fileName: "quotes.csv", content: text } });
    expect(res.errors).toBeUndefined();
    const whole = res.data.ingestCdrs;
    expect(whole).toMatchObject({ status: "COMPLETED", read: 59, rated: 57, rejected: 2, duplicate: 0, unrated: 0 });
    expect(whole.quarantine.edges.map((e: any) => e.node)).toEqual([
      // Its quote would run on past the bound: lines 4 to 22 are read again as the calls they are.
      { line: 3, field: "record", reason: "a quoted field opened in column 2 never closes within 20 lines", raw: lines[2] },
      { line: 41, field: "record", reason: "the quoted field in column 2 ends with a quote followed by 'x' instead of a delimiter or the end of the line", raw: lines[40] },
    ]);
    const services = hub.subgraphServices.rating as any;
    const inBlocks = await services.ingestion.ingest({ kind: "service", service: "test" }, { source: "QUOTES_BLOCKS", fileName: "quotes.csv", body: fs.createReadStream(file, { highWaterMark: 97 }), chunkSize: 7 });
    expect(inBlocks).toMatchObject({ status: "COMPLETED", read: 59, rated: 57, rejected: 2, linesDone: 60 });
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      const stored = async (code: string) =>
        (await db.query(`SELECT c.line, c.call_id FROM rating.rated_cdr c JOIN rating.cdr_source s ON s.id = c.source_id WHERE s.code = $1 ORDER BY c.line`, [code])).rows;
      const calls = await stored("QUOTES_WHOLE");
      expect(calls.map((c) => c.line)).toEqual([...Array(60).keys()].map((i) => i + 1).filter((l) => l !== 1 && l !== 3 && l !== 41));
      expect(await stored("QUOTES_BLOCKS")).toEqual(calls);
    } finally {
      await db.end();
    }
  });

  it("fails a file whose header cannot be read, naming its line", async () => {
    const res = await hub.query(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status error read } }`, {
      i: { source: "QUOTES_WHOLE", fileName: "broken-header.csv", content: `call_id,"start"x,duration\n${call(1)}\n` },
    });
    expect(res.data.ingestCdrs).toEqual({
      status: "FAILED",
      read: 0,
      error: "broken-header.csv: line 1: the header cannot be read: the quoted field in column 2 ends with a quote followed by 'x' instead of a delimiter or the end of the line",
    });
  });
});

describe("decks and exchange rates with a record the reader cannot delimit", () => {
  it("reports it as a problem at its line instead of dropping it", async () => {
    const fx = await hub.query(`mutation($csv: String!) { importExchangeRates(csv: $csv) }`, { csv: 'base,quote,rate,effective_date\rUSD,"INR,83.25,2026-01-01\rUSD,GBP,0.79,2026-01-01' });
    expect(fx.errors?.[0].extensions?.problems).toEqual([{ field: "line 2: record", message: "a quoted field opened in column 2 never closes before the end of the file" }]);
    const card = await hub.query(`mutation { createRateCard(input: { partnerId: "${(await createPartner(hub, "DECK_QUOTES", { roles: ["VENDOR"] })).id}", name: "q", direction: BUY, currency: "USD", service: VOICE }) { id } }`);
    const deck = await hub.query(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, {
      i: { rateCardId: card.data.createRateCard.id, mode: "FULL", content: 'prefix,destination,rate\n44,"United Kingdom"x,0.01\n33,France,0.02', effectiveFrom: "2026-01-01T00:00:00Z" },
    });
    expect(deck.errors?.[0].extensions?.problems).toEqual([{ line: 2, column: "record", message: "the quoted field in column 2 ends with a quote followed by 'x' instead of a delimiter or the end of the line" }]);
  });
});
