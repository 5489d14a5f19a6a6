import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { RevenueShareServices } from "@intersettle/revenue-share";
import { errorCodes } from "@intersettle/shared";
import { uploadFile, type HubRequestError } from "../src/cli/hub-client";
import { fileSha256 } from "../src/cli/file-ingest";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";

/**
 * Content transactions through the real hub: a file uploaded through the gateway with good, duplicate and bad rows
 * (read = accepted + duplicate + rejected, rejects by line and field), the same file again, a GraphQL batch, a drop
 * folder, the CLI, the usage statement runs read, and partners kept out.
 */
let hub: TestHub;
let revshare: RevenueShareServices;
let partnerKey: string;
const services: Record<string, string> = {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-content-"));
const cli = path.resolve(__dirname, "../dist/cli/main.js");

const HEADER = "transaction_id,service_code,subscriber,occurred_at,status,gross,tax,currency,original_transaction_id,bad_debt";
const JOB = "id status read accepted duplicate rejected error";

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

const sql = (query: string, params: unknown[] = []) => querySql(hub.databaseUrl, query, params);
const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
};
const rejectsOf = async (jobId: string) =>
  (await ok(`query($j: ID!) { contentQuarantine(jobId: $j, first: 50) { edges { node { line field reason raw } } } }`, { j: jobId })).contentQuarantine.edges.map((e: any) => e.node);

beforeAll(async () => {
  hub = await startTestHub("content");
  revshare = hub.subgraphServices["revenue-share"] as RevenueShareServices;
  const provider = await createPartner(hub, "CONTENT_CP", { types: ["CONTENT_PROVIDER"], roles: ["VENDOR"], currency: "USD" });
  partnerKey = (await issueApiKey(hub, provider.id)).secret;
  for (const [code, currency] of [["VOD-1", "USD"], ["GAME-1", "EUR"], ["OLD-1", "USD"]]) {
    const created = await ok(`mutation($i: CreateContentServiceInput!) { createContentService(input: $i) { id } }`, { i: { code, name: code, kind: "VOD", currency, providerId: provider.id } });
    services[code] = created.createContentService.id;
  }
  await ok(`mutation($id: ID!) { updateContentService(id: $id, input: { status: RETIRED }) { id } }`, { id: services["OLD-1"] });
  // The store's clock is in India: naive times are 05:30 ahead of UTC.
  await ok(`mutation { createContentSource(input: { code: "STORE", name: "App store", timezone: "Asia/Kolkata" }) { id } }`);
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a file uploaded through the gateway", () => {
  const lines = [
    HEADER,
    "t-1,VOD-1,+919800000001,2026-11-10 10:00:00,CHARGED,12.00,2.00,USD,,",
    "t-2,VOD-1,+919800000002,2026-11-10T10:05:00Z,CHARGED,5,0,USD,,true",
    "t-3,GAME-1,+919800000003,2026-11-11 09:00:00,charged,3.50,0.50,EUR,,",
    "t-1,VOD-1,+919800000001,2026-11-10 10:00:00,CHARGED,12.00,2.00,USD,,",
    "t-4,VOD-X,+919800000004,2026-11-10 11:00:00,CHARGED,1,0,USD,,",
    "t-5,VOD-1,+919800000005,2026-11-10 11:00:00,CHARGED,-1.00,0,USD,,",
    "t-6,VOD-1,+919800000006,2026-11-10 11:00:00,SOLD,1,0,USD,,",
    "t-7,VOD-1,+919800000007,2026-11-20 11:00:00,REFUNDED,12.00,2.00,USD,,",
    "t-8,VOD-1,+919800000008,2026-11-10 11:00:00,CHARGED,1,0,EUR,,",
    "t-9,VOD-1,+919800000001,2026-12-01 10:00:00,REFUNDED,12.00,2.00,USD,t-1,",
    "t-10,VOD-1,+919800000002,2026-11-12 10:00:00,CHARGEBACK,5,0,USD,t-404,",
    "t-11,OLD-1,+919800000002,2026-11-12 10:00:00,CHARGED,5,1,USD,,",
    "t-12,VOD-1,+919800000002,2026-11-31 10:00:00,CHARGED,5,1,USD,,",
    "t-13,VOD-1,+919800000002,2026-11-12 10:00:00,CHARGED,5,6,USD,,",
  ];
  let firstJob: string;

  it("stores the good rows once, counts the duplicate, quarantines each bad row by line and field: read = accepted + duplicate + rejected", async () => {
    const file = write("store-1.csv", lines);
    const job = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "revenue-share/transactions", { source: "STORE", fileName: "store-1.csv", sha256: await fileSha256(file) }, file);
    expect(job).toMatchObject({ status: "COMPLETED", read: 14, accepted: 4, duplicate: 1, rejected: 9, error: null });
    expect(job.read).toBe(job.accepted + job.duplicate + job.rejected);
    firstJob = job.id;
    const rejects = await rejectsOf(job.id);
    expect(rejects.map((r: any) => [r.line, r.field])).toEqual([
      [6, "service_code"], [7, "gross"], [8, "status"], [9, "original_transaction_id"], [10, "currency"],
      [12, "original_transaction_id"], [13, "service_code"], [14, "occurred_at"], [15, "tax"],
    ]);
    const reason = (line: number) => rejects.find((r: any) => r.line === line).reason;
    expect(reason(6)).toBe("service_code 'VOD-X' is not a content service");
    expect(reason(7)).toMatch(/^gross '-1.00' is not an amount/);
    expect(reason(8)).toBe("status 'SOLD' must be CHARGED, FAILED, REFUNDED or CHARGEBACK");
    expect(reason(9)).toMatch(/^a REFUNDED transaction must name the CHARGED transaction it reverses/);
    expect(reason(10)).toBe("currency 'EUR' is not VOD-1's currency USD");
    expect(reason(12)).toMatch(/^original_transaction_id 't-404' is not a transaction of this source/);
    expect(reason(13)).toMatch(/OLD-1 is retired/);
    expect(reason(14)).toBe("occurred_at 2026-11-31 10:00:00 is not a date");
    expect(reason(15)).toBe("tax 6 is more than gross 5: gross includes its tax");
    expect(rejects.find((r: any) => r.line === 6).raw).toBe(lines[5]);

    const stored = await sql(
      `SELECT transaction_id, occurred_at, status, gross::text, tax::text, currency, original_transaction_id, original_occurred_at, bad_debt
         FROM revshare.content_transaction ORDER BY transaction_id`,
    );
    expect(stored.map((r) => r.transaction_id)).toEqual(["t-1", "t-2", "t-3", "t-9"]);
    // Naive times are the store's (India); a time with Z is UTC.
    expect(stored[0].occurred_at.toISOString()).toBe("2026-11-10T04:30:00.000Z");
    expect(stored[1]).toMatchObject({ occurred_at: new Date("2026-11-10T10:05:00Z"), bad_debt: true, gross: "5", tax: "0" });
    expect(stored[2]).toMatchObject({ status: "CHARGED", currency: "EUR", gross: "3.5", tax: "0.5" });
    // The refund keeps its own time and carries its original's, which places it in November.
    expect(stored[3]).toMatchObject({ status: "REFUNDED", original_transaction_id: "t-1", occurred_at: new Date("2026-12-01T04:30:00Z"), original_occurred_at: new Date("2026-11-10T04:30:00Z") });
  });

  it("sent again: everything it stored is a duplicate, its rejects are rejected again but quarantined once", async () => {
    const file = path.join(dir, "store-1.csv");
    const again = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "revenue-share/transactions", { source: "STORE", fileName: "store-1.csv", sha256: await fileSha256(file) }, file);
    expect(again).toMatchObject({ status: "COMPLETED", read: 14, accepted: 0, duplicate: 5, rejected: 9 });
    expect(again.id).not.toBe(firstJob);
    expect(await sql(`SELECT count(*)::int AS n FROM revshare.content_transaction`)).toEqual([{ n: 4 }]);
    expect(await sql(`SELECT count(*)::int AS n FROM revshare.content_quarantine`)).toEqual([{ n: 9 }]);
    expect((await rejectsOf(again.id)).map((r: any) => r.line)).toEqual([6, 7, 8, 9, 10, 12, 13, 14, 15]);
    const jobs = await ok(`{ contentIngestionJobs(first: 10) { edges { node { id fileName read accepted duplicate rejected } } } }`);
    expect(jobs.contentIngestionJobs.edges).toHaveLength(2);
  });

  it("reads back as usage per service and period: charges by their time, the refund in its original's month", async () => {
    const november = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
    const usage = await revshare.transactions.usage.usage([services["VOD-1"], services["GAME-1"]], november);
    const vod = usage.get(services["VOD-1"])!;
    expect({ ...vod, gross: vod.gross.toFixed(2), tax: vod.tax.toFixed(2), refunds: vod.refunds.toFixed(2), chargebacks: vod.chargebacks.toFixed(2), badDebt: vod.badDebt.toFixed(2) })
      .toEqual({ currency: "USD", transactions: 2, gross: "17.00", tax: "0.00", refunds: "12.00", chargebacks: "0.00", badDebt: "5.00" });
    expect(usage.get(services["GAME-1"])).toMatchObject({ currency: "EUR", transactions: 1 });
    expect(usage.get(services["GAME-1"])!.gross.toFixed(2)).toBe("3.50");
    const december = await revshare.transactions.usage.usage([services["VOD-1"]], { start: november.end, end: new Date("2027-01-01T00:00:00Z") });
    expect(december.size).toBe(0);
    const late = await revshare.transactions.usage.lateReversals([services["VOD-1"]], november, november.end);
    expect(late.get(services["VOD-1"])!.refunds.toFixed(2)).toBe("12.00");
    expect(late.get(services["VOD-1"])!.transactions).toBe(0);
  });

  it("keeps a service with transactions from being deleted", async () => {
    const res = await hub.query(`mutation($id: ID!) { deleteContentService(id: $id) }`, { id: services["VOD-1"] });
    expect(errorCodes(res)).toEqual(["CONFLICT"]);
  });

  it("fails a file without the header or with a missing column as a whole, naming line 1", async () => {
    const file = write("no-header.csv", ["h-1,VOD-1,+91,2026-11-10 10:00:00,CHARGED,1,0,USD,,"]);
    const job = await uploadFile({ url: hub.url, token: ADMIN_TOKEN }, "revenue-share/transactions", { source: "STORE", fileName: "no-header.csv" }, file);
    expect(job).toMatchObject({ status: "FAILED", read: 0 });
    expect(job.error).toMatch(/^no-header.csv: line 1: the header lacks transaction_id, service_code, subscriber, occurred_at, status, gross, currency/);
  });
});

describe("a job stopped mid-file", () => {
  it("fails with the reason, then resumes after its last committed chunk when the same file comes again: the counts of one clean run", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `r-${i},VOD-1,+91,2026-11-22 10:00:0${i},CHARGED,1,0,USD,,`);
    rows.splice(4, 0, "r-bad,VOD-1,+91,2026-11-22 10:00:00,CHARGED,x,0,USD,,", "r-1,VOD-1,+91,2026-11-22 10:00:01,CHARGED,1,0,USD,,");
    rows.push("r-10,VOD-1,+91,2026-11-22 11:00:00,REFUNDED,1,0,USD,r-0");
    const file = write("resume.csv", [HEADER, ...rows]);
    const sha256 = await fileSha256(file);
    let chunks = 0;
    const request = () => ({ source: "STORE", fileName: "resume.csv", fileSha256: sha256, chunkSize: 4, body: fs.createReadStream(file) });
    const failed = await revshare.transactions.ingestion.ingest({ kind: "service", service: "test" }, { ...request(), afterChunk: () => {
      if (++chunks === 2) throw new Error("disk on fire");
    } });
    expect(failed).toMatchObject({ status: "FAILED", read: 8, linesDone: 9 });
    expect(failed.error).toMatch(/an internal error stopped the job \(error id [0-9a-f-]{36}\); send the same file again to resume/);
    const resumed = await revshare.transactions.ingestion.ingest({ kind: "service", service: "test" }, request());
    expect(resumed).toMatchObject({ id: failed.id, status: "COMPLETED", read: 13, accepted: 11, duplicate: 1, rejected: 1 });
    expect(await sql(`SELECT count(*)::int AS n FROM revshare.content_transaction WHERE transaction_id LIKE 'r-%'`)).toEqual([{ n: 11 }]);
  });
});

describe("a GraphQL batch", () => {
  const record = (id: string, extra: Record<string, unknown> = {}) => ({ transactionId: id, serviceCode: "VOD-1", subscriber: "+919800000100", occurredAt: "2026-11-15T08:00:00Z", status: "CHARGED", gross: "2.00", currency: "USD", ...extra });

  it("is checked like a file's rows, each reject named by its record number and field; the same batch again is all duplicates", async () => {
    const records = [record("b-1"), record("b-2", { gross: "two" }), record("b-3", { status: "REFUNDED", originalTransactionId: "b-1", occurredAt: "2026-11-16T08:00:00Z" })];
    const { ingestContentTransactions: job } = await ok(`mutation($s: ID!, $r: [ContentTransactionInput!]!) { ingestContentTransactions(sourceId: $s, records: $r) { ${JOB} } }`, { s: "STORE", r: records });
    expect(job).toMatchObject({ status: "COMPLETED", read: 3, accepted: 2, duplicate: 0, rejected: 1 });
    expect(await rejectsOf(job.id)).toEqual([expect.objectContaining({ line: 2, field: "gross" })]);
    const { ingestContentTransactions: again } = await ok(`mutation($s: ID!, $r: [ContentTransactionInput!]!) { ingestContentTransactions(sourceId: $s, records: $r) { ${JOB} } }`, { s: "STORE", r: records });
    expect(again).toMatchObject({ read: 3, accepted: 0, duplicate: 2, rejected: 1 });
  });

  it("takes at most 1000 records", async () => {
    const records = Array.from({ length: 1001 }, (_, i) => record(`big-${i}`));
    const res = await hub.query(`mutation($r: [ContentTransactionInput!]!) { ingestContentTransactions(sourceId: "STORE", records: $r) { id } }`, { r: records });
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("a drop folder", () => {
  it("ingests a finished file into done/ with its report; a file without the header goes to failed/ with the reason", async () => {
    const folder = path.join(hub.dropRoot, "content-feed");
    fs.mkdirSync(folder);
    await ok(`mutation($f: String!) { createContentSource(input: { code: "FEED", name: "Aggregator feed", timezone: "UTC", dropFolder: $f }) { id } }`, { f: folder });
    fs.writeFileSync(path.join(folder, "day1.csv"), [HEADER, "f-1,VOD-1,+4477,2026-11-20 10:00:00,CHARGED,1.99,0.33,USD,,", "f-2,VOD-1,+4477,2026-11-20 10:00:00,CHARGED,abc,0,USD,,"].join("\n") + "\n");
    fs.writeFileSync(path.join(folder, "broken.csv"), "id,amount\nx,1\n");
    const watcher = revshare.transactions.dropFolders;
    await watcher.scan(); // first sight: sizes noted, nothing ingested while a file may still grow
    expect(fs.existsSync(path.join(folder, "day1.csv"))).toBe(true);
    await watcher.scan();
    expect(fs.readdirSync(folder).sort()).toEqual(["done", "failed"]);
    const report = fs.readFileSync(path.join(folder, "done", "day1.csv.report.txt"), "utf8");
    expect(report).toMatch(/read 2 = accepted 1 \+ duplicate 0 \+ rejected 1/);
    expect(report).toMatch(/line 3, field gross: gross 'abc' is not an amount/);
    expect(fs.readFileSync(path.join(folder, "failed", "broken.csv.error.txt"), "utf8")).toMatch(/broken.csv: line 1: the header lacks transaction_id/);
  });

  it("refuses a drop folder outside the drop root", async () => {
    const res = await hub.query(`mutation { createContentSource(input: { code: "ESCAPE", name: "x", timezone: "UTC", dropFolder: "/etc" }) { id } }`);
    expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0].extensions!.problems[0].field).toBe("dropFolder");
  });
});

describe("the CLI", () => {
  it("ingests with a progress bar, prints the counts and lists the rejects as FILE:LINE FIELD", async () => {
    const file = write("cli.csv", [HEADER, "c-1,VOD-1,+91,2026-11-21 10:00:00,CHARGED,1,0,USD,,", "c-2,VOD-1,+91,2026-11-21 10:00:00,CHARGED,1,0,GBP,,", "c-1,VOD-1,+91,2026-11-21 10:00:00,CHARGED,1,0,USD,,"]);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "content", "ingest", file, "--source", "STORE"]);
    expect(stdout).toMatch(/cli.csv: job [0-9a-f-]{36} COMPLETED: read 3 = accepted 1 \+ duplicate 1 \+ rejected 1/);
    expect(stderr).toContain("cli.csv:3 currency: currency 'GBP' is not VOD-1's currency USD");
    const unknown = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "content", "ingest", file, "--source", "NOPE"]).catch((e) => e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND/);
  });
});

describe("partners", () => {
  it("cannot ingest, read jobs or quarantine, or see sources", async () => {
    const file = write("partner.csv", [HEADER, "p-1,VOD-1,+91,2026-11-21 10:00:00,CHARGED,1,0,USD,,"]);
    const upload = await uploadFile({ url: hub.url, token: partnerKey }, "revenue-share/transactions", { source: "STORE" }, file).catch((e) => e);
    expect((upload as HubRequestError).codes).toEqual(["FORBIDDEN"]);
    const [job] = (await ok(`{ contentIngestionJobs(first: 1) { edges { node { id } } } }`)).contentIngestionJobs.edges;
    for (const [query, variables] of [
      [`mutation { ingestContentTransactions(sourceId: "STORE", records: [{ transactionId: "p-2", serviceCode: "VOD-1", subscriber: "x", occurredAt: "2026-11-21T10:00:00Z", status: "CHARGED", gross: "1", currency: "USD" }]) { id } }`, {}],
      [`{ contentIngestionJobs(first: 5) { edges { node { id } } } }`, {}],
      [`query($j: ID!) { contentIngestionJob(id: $j) { id } }`, { j: job.node.id }],
      [`query($j: ID!) { contentQuarantine(jobId: $j, first: 5) { edges { node { raw } } } }`, { j: job.node.id }],
      [`{ contentSources { code dropFolder } }`, {}],
      [`mutation { createContentSource(input: { code: "MINE", name: "x", timezone: "UTC" }) { id } }`, {}],
    ] as const) {
      const res = await hub.query(query, variables, partnerKey);
      expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
      expect(res.data ?? null).toBeNull();
    }
    expect(await sql(`SELECT count(*)::int AS n FROM revshare.content_transaction WHERE transaction_id LIKE 'p-%'`)).toEqual([{ n: 0 }]);
  });
});
