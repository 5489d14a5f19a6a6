import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { uploadFile, HubRequestError } from "../src/cli/hub-client";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner } from "./support/fixtures";

/** Deck rejections through the upload route and the CLI: physical lines, full counts, duplicates among the other problems. */
let hub: TestHub;
let cardId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-deck-report-"));
const cli = path.resolve(__dirname, "../dist/cli/main.js");

beforeAll(async () => {
  hub = await startTestHub("deckreport");
  const partner = await createPartner(hub, "DECKS", { roles: ["VENDOR"] });
  const card = await hub.query(
    `mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "A-Z", direction: BUY, currency: "USD", service: VOICE, timeBands: [{ name: "PEAK", weekdays: [1, 2, 3, 4, 5], start: "08:00", end: "20:00" }] }) { id } }`,
    { p: partner.id },
  );
  cardId = card.data.createRateCard.id;
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function deckFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function rejection(file: string, extra: Record<string, string> = {}) {
  const upload = uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/rate-decks", { rateCardId: cardId, mode: "DELTA", fileName: path.basename(file), ...extra }, file);
  const err = (await upload.then(() => undefined, (e) => e)) as HubRequestError;
  expect(err).toBeInstanceOf(HubRequestError);
  expect(err.codes).toEqual(["BAD_USER_INPUT"]);
  return err.errors[0];
}

const problemsOf = (e: { extensions?: Record<string, any> }) => (e.extensions!.problems as Array<{ line: number; column: string; message: string }>).map((p) => [p.line, p.column, p.message]);

async function runCli(file: string) {
  return promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "rates", "import", file, "--card", cardId]).then(
    () => {
      throw new Error("the import should have failed");
    },
    (e) => e as { code: number; stderr: string },
  );
}

// Line 1 header; 2 blank; 3 good; 4-5 blank (CRLF and LF); 6-8 one record with a quoted destination over three lines;
// 9 a bad rate; 10 blank; 11 a bad prefix.
const blanky = [
  "prefix,destination,rate",
  "",
  "44,United Kingdom,0.01",
  "\r",
  "",
  '33,"France',
  "mainland",
  'and Corsica",x.5',
  "34,Spain,0.02x",
  "",
  "4y,Bad,0.01",
].join("\n");

it("names the physical line of every problem: blank lines and line breaks inside quotes count", async () => {
  const error = await rejection(deckFile("blanky.csv", blanky));
  expect(problemsOf(error)).toEqual([
    [6, "rate", "'x.5' must be a non-negative decimal number"],
    [9, "rate", "'0.02x' must be a non-negative decimal number"],
    [11, "prefix", "'4y' must be 1-20 digits"],
  ]);
  const failed = await runCli(path.join(dir, "blanky.csv"));
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("blanky.csv:6 rate: 'x.5' must be a non-negative decimal number");
  expect(failed.stderr).toContain("blanky.csv:11 prefix: '4y' must be 1-20 digits");
});

it("names the header's line and the first rate row's when the deck starts after blank lines", async () => {
  const error = await rejection(deckFile("late-header.csv", "\n\nprefix,destination,rate\n\n44,UK,abc\n"));
  expect(problemsOf(error)).toEqual([[5, "rate", "'abc' must be a non-negative decimal number"]]);
  const empty = await rejection(deckFile("header-only.csv", "\nprefix,destination,rate\n\n"));
  expect(problemsOf(empty)).toEqual([[3, "prefix", "the deck has no rate rows"]]);
  const header = await rejection(deckFile("late-bad-header.csv", "\n\ncode,destination,rate\n44,UK,0.01\n"));
  expect(problemsOf(header)).toEqual([[3, "prefix", "required column is missing from the header"]]);
});

it("counts every problem of a deck with 1500 bad rows and says how many are not listed", async () => {
  const lines = ["prefix,destination,rate"];
  for (let i = 0; i < 1500; i++) lines.push(`${1000 + i},Destination ${i},bad`);
  const error = await rejection(deckFile("many-bad.csv", lines.join("\n")));
  expect(error.extensions).toMatchObject({ problemCount: 1500, listed: 1000, unlisted: 500 });
  expect(error.extensions!.problems).toHaveLength(1000);
  expect(error.extensions!.problems[999].line).toBe(1001);
  expect(error.message).toContain("1500 problems, 1000 listed, 500 not listed");
  const failed = await runCli(path.join(dir, "many-bad.csv"));
  expect(failed.stderr).toContain("many-bad.csv:2 rate: 'bad' must be a non-negative decimal number");
  expect(failed.stderr).toContain("many-bad.csv:1001 rate:");
  expect(failed.stderr).not.toContain("many-bad.csv:1002 rate:");
  expect(failed.stderr).toContain("1500 problems, 1000 listed, 500 not listed");
});

it("counts every duplicate, not only the listed ones", async () => {
  const lines = ["prefix,destination,rate"];
  for (let i = 0; i < 1200; i++) lines.push(`${5000 + (i % 100)},Destination,0.01`);
  const error = await rejection(deckFile("many-dups.csv", lines.join("\n")));
  expect(error.extensions).toMatchObject({ problemCount: 1100, listed: 1000, unlisted: 100 });
  expect(problemsOf(error)[0]).toEqual([102, "prefix", "prefix 5000 is already on line 2"]);
});

it("reports duplicates together with row errors, in line order, on the duplicate's line naming the first", async () => {
  const deck = [
    "prefix,destination,rate,time_band,effective_from",
    "30,Greece,0.01,,",
    "",
    "31,Netherlands,abc,,",
    "30,Greece again,0.02,,2026-06-01",
    "30,Greece peak,0.03,PEAK,",
    "30,Greece peak again,0.04,PEAK,",
    "32,Belgium,0.01,NIGHT,",
    "31,Netherlands again,-1,,",
  ].join("\n");
  const error = await rejection(deckFile("dups.csv", deck));
  expect(problemsOf(error)).toEqual([
    [4, "rate", "'abc' must be a non-negative decimal number"],
    [5, "prefix", "prefix 30 is already on line 2"],
    [7, "prefix", "prefix 30 (PEAK) is already on line 6"],
    [8, "time_band", "'NIGHT' is not a time band of this card (PEAK)"],
    [9, "rate", "'-1' must be a non-negative decimal number"],
    [9, "prefix", "prefix 31 is already on line 4"],
  ]);
  expect(error.extensions).toMatchObject({ problemCount: 6, listed: 6, unlisted: 0 });
  expect(error.message).toContain("6 problems, 6 listed, 0 not listed");
});

it("treats a zero initial interval and a zero next interval the same: both are errors", async () => {
  const deck = ["prefix,destination,rate,initial_interval,next_interval", "44,UK,0.01,0,60", "45,Denmark,0.01,60,0", "46,Sweden,0.01,1,1"].join("\n");
  const error = await rejection(deckFile("zero.csv", deck));
  expect(problemsOf(error).map(([line, column]) => [line, column])).toEqual([
    [2, "initial_interval"],
    [3, "next_interval"],
  ]);
  const [initial, next] = problemsOf(error).map((p) => p[2] as string);
  expect(initial.replace("initial", "")).toBe(next.replace("next", ""));
  expect(initial).toMatch(/^'0' /);
});

it("never quotes a huge cell whole", async () => {
  const error = await rejection(deckFile("huge.csv", `prefix,destination,rate\n44,UK,${"9x".repeat(50_000)}\n`));
  const [[line, column, message]] = problemsOf(error);
  expect([line, column]).toEqual([2, "rate"]);
  expect((message as string).length).toBeLessThan(400);
  expect(message).toMatch(/…' must be a non-negative decimal number$/);
});

it("numbers XLSX problems by sheet row", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Rates");
  sheet.addRow(["prefix", "destination", "rate"]);
  sheet.addRow(["44", "UK", "0.01"]);
  sheet.getRow(5).values = ["45", "Denmark", "oops"];
  const file = deckFile("rows.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
  const error = await rejection(file);
  expect(problemsOf(error)).toEqual([[5, "rate", "'oops' must be a non-negative decimal number"]]);
});

it("names the line and field of values the database could not take, instead of failing the import with an internal error", async () => {
  const deck = ["prefix,destination,rate", "44,UK\u0000fixed,0.01", `45,Denmark,${"9".repeat(140_000)}`, `46,Sweden,0.${"1".repeat(20_000)}`].join("\n");
  const error = await rejection(deckFile("hostile.csv", deck));
  expect(problemsOf(error).map(([line, column]) => [line, column])).toEqual([
    [2, "destination"],
    [3, "rate"],
    [4, "rate"],
  ]);
});
