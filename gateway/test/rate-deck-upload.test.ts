import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { uploadFile, HubRequestError } from "../src/cli/hub-client";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";

let hub: TestHub;
let cardId: string;
let partnerKey: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-decks-"));

beforeAll(async () => {
  hub = await startTestHub("upload");
  const partner = await createPartner(hub, "UPLOADER", { roles: ["VENDOR"] });
  partnerKey = (await issueApiKey(hub, partner.id)).secret;
  const card = await hub.query(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "A-Z", direction: BUY, currency: "USD", service: VOICE }) { id } }`, { p: partner.id });
  cardId = card.data.createRateCard.id;
});
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeDeck(name: string, rows: number, rateOf: (i: number) => string): string {
  const file = path.join(dir, name);
  const lines = ["prefix,destination,rate,initial_interval,next_interval"];
  for (let i = 0; i < rows; i++) lines.push(`${100000 + i},Destination ${i},${rateOf(i)},60,60`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

it("streams a 20,000-row deck through the gateway into a new version", async () => {
  const file = writeDeck("az.csv", 20_000, (i) => `0.${String(1000 + (i % 9000)).padStart(4, "0")}`);
  let sent = 0;
  const result = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/rate-decks", { rateCardId: cardId, mode: "FULL", fileName: "az.csv", effectiveFrom: "2026-01-01T00:00:00Z" }, file, (n) => (sent = n));
  expect(sent).toBe(fs.statSync(file).size);
  expect(result).toEqual({ version: 1, rowCount: 20_000, diff: { new: 20_000, increased: 0, decreased: 0, unchanged: 0, closed: 0 } });
  const q = await hub.query(`query($c: ID!) { rateQuote(rateCardId: $c, number: "1000421234", start: "2026-02-01T00:00:00Z", durationSeconds: 61) { matchedPrefix amount } }`, { c: cardId });
  expect(q.data.rateQuote).toEqual({ matchedPrefix: "100042", amount: "0.2084" }); // 120 s at 0.1042/min
});

it("answers a bad upload with every problem by line and column, and refuses a partner key", async () => {
  const file = path.join(dir, "bad.csv");
  fs.writeFileSync(file, "prefix,destination,rate\n44,UK,0.01\n4x,Bad,0.02\n45,Denmark,abc\n");
  const upload = uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "rating/rate-decks", { rateCardId: cardId, mode: "DELTA", fileName: "bad.csv" }, file);
  await expect(upload).rejects.toThrow(HubRequestError);
  const err = (await upload.catch((e) => e)) as HubRequestError;
  expect(err.codes).toEqual(["BAD_USER_INPUT"]);
  expect(err.errors[0].extensions!.problems.map((p: any) => [p.line, p.column])).toEqual([
    [3, "prefix"],
    [4, "rate"],
  ]);
  const forbidden = await uploadFile({ url: hub.url, token: partnerKey }, "rating/rate-decks", { rateCardId: cardId, mode: "DELTA" }, file).catch((e) => e);
  expect((forbidden as HubRequestError).codes).toEqual(["FORBIDDEN"]);
});

it("imports through the intersettle command with a progress bar and a summary", async () => {
  const file = writeDeck("delta.csv", 3, () => "0.5000");
  const cli = path.resolve(__dirname, "../dist/cli/main.js");
  const { stdout } = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "rates", "import", file, "--card", cardId, "--mode", "DELTA"]);
  expect(stdout).toContain("Version 2: 3 rows; new 0, increased 3, decreased 0, unchanged 0, closed 0.");
  const failed = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "rates", "import", path.join(dir, "bad.csv"), "--card", cardId]).catch((e) => e);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("bad.csv:3 prefix: '4x' must be 1-20 digits");
});
