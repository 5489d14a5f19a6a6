import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { InvoicingServices } from "@intersettle/invoicing";
import { errorCodes } from "@intersettle/shared";
import { uploadFile } from "../src/cli/hub-client";
import { fileSha256 } from "../src/cli/file-ingest";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";
import { querySql } from "./support/database";

/**
 * Partners' claims through the real hub: invoice layouts (CSV by header and by index, XLSX, decimal comma), dirty
 * rows kept with line, field and reason, read = accepted + duplicate + rejected, the same file again, CDR claims,
 * partners kept to their own claims, the CLI and the drop folder.
 */
let hub: TestHub;
let invoicing: InvoicingServices;
let alpha: { id: string };
let bravo: { id: string };
let alphaKey: string;
let bravoKey: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-claims-"));
const cli = path.resolve(__dirname, "../dist/cli/main.js");
const CLAIM = "id partnerId side kind status failure read accepted duplicate rejected currency periodStart periodEnd";

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token = ADMIN_TOKEN): Promise<T> {
  const res = await hub.query(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}
const sql = (query: string, params: unknown[] = []) => querySql(hub.databaseUrl, query, params);
const write = (name: string, lines: string[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
};
const upload = async (file: string, params: Record<string, string>, token = ADMIN_TOKEN) =>
  uploadFile({ url: hub.url, token }, "invoicing/claims", { fileName: path.basename(file), sha256: await fileSha256(file), ...params }, file);
const claimOf = async (id: string) =>
  (await ok(`query($id: ID!) { claim(id: $id) { ${CLAIM} rejections(first: 50) { edges { node { line field reason raw } } } lines(first: 50) { edges { node { line destination calls minutes rate amount currency } } } } }`, { id })).claim;
const saveLayout = (input: Record<string, unknown>) => ok(`mutation($i: SaveClaimLayoutInput!) { saveClaimLayout(input: $i) { id name version } }`, { i: input });

beforeAll(async () => {
  hub = await startTestHub("claims");
  invoicing = hub.subgraphServices.invoicing as InvoicingServices;
  alpha = await createPartner(hub, "CLAIM_ALPHA", { currency: "EUR", timezone: "UTC" });
  bravo = await createPartner(hub, "CLAIM_BRAVO", { currency: "USD", timezone: "UTC" });
  alphaKey = (await issueApiKey(hub, alpha.id)).secret;
  bravoKey = (await issueApiKey(hub, bravo.id)).secret;
  await saveLayout({ partnerId: alpha.id, name: "alpha-csv", format: "CSV", headerRow: 3, columns: { destination: "Destination", calls: "Calls", minutes: "Minutes", rate: "Rate", amount: "Amount" } });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("an invoice claim through a layout", () => {
  const lines = [
    "Alpha Telecom — invoice 2026-11",
    "",
    "Destination,Calls,Minutes,Rate,Amount",
    "UK Mobile,1200,3456.5,0.0125,43.21",
    "Germany Fixed,\"1,000\",2500,0.004,10.00",
    ",10,10,0.1,1",
    "France Mobile,ten,10,0.1,1",
    "Spain,5,5,,abc",
    "Italy,5,5,0.01,0.05",
  ];
  let claimId: string;

  it("keeps good lines and rejects each bad one with its line, field and reason; read = accepted + duplicate + rejected", async () => {
    const file = write("alpha-invoice.csv", lines);
    const answer = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-11", layout: "alpha-csv" });
    expect(answer).toMatchObject({ status: "RECONCILED", kind: "INVOICE", read: 6, accepted: 3, duplicate: 0, rejected: 3, currency: "EUR" });
    claimId = answer.id;
    const claim = await claimOf(claimId);
    expect(claim).toMatchObject({ periodStart: "2026-11-01T00:00:00.000Z", periodEnd: "2026-12-01T00:00:00.000Z" });
    expect(claim.rejections.edges.map((e: any) => e.node)).toEqual([
      { line: 6, field: "destination", reason: "destination is empty", raw: ",10,10,0.1,1" },
      { line: 7, field: "calls", reason: "calls 'ten' is not a whole number of calls", raw: "France Mobile,ten,10,0.1,1" },
      { line: 8, field: "amount", reason: "amount 'abc' is not a number", raw: "Spain,5,5,,abc" },
    ]);
    expect(claim.lines.edges.map((e: any) => e.node)).toEqual([
      { line: 4, destination: "UK Mobile", calls: 1200, minutes: "3456.5", rate: "0.0125", amount: "43.21", currency: "EUR" },
      { line: 5, destination: "Germany Fixed", calls: 1000, minutes: "2500", rate: "0.004", amount: "10", currency: "EUR" },
      { line: 9, destination: "Italy", calls: 5, minutes: "5", rate: "0.01", amount: "0.05", currency: "EUR" },
    ]);
  });

  it("answers the same file again with the same claim, without reading it twice (also when sent without its SHA-256)", async () => {
    const file = path.join(dir, "alpha-invoice.csv");
    const again = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-11", layout: "alpha-csv" });
    expect(again.id).toBe(claimId);
    const raw = await fetch(`${hub.url.replace(/\/graphql$/, "")}/files/invoicing/claims?${new URLSearchParams({ partnerId: alpha.id, side: "RECEIVABLE", period: "2026-11", layout: "alpha-csv" })}`, {
      method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/octet-stream" }, body: fs.readFileSync(file),
    });
    expect(((await raw.json()) as any).data.id).toBe(claimId);
    expect(await sql("SELECT count(*)::int AS n FROM invoicing.claim_line WHERE claim_id = $1", [claimId])).toEqual([{ n: 3 }]);
    expect(await sql("SELECT count(*)::int AS n FROM invoicing.claim WHERE partner_id = $1", [alpha.id])).toEqual([{ n: 1 }]);
    // The other side is another claim.
    const payable = await upload(file, { partnerId: alpha.id, side: "PAYABLE", period: "2026-11", layout: "alpha-csv" });
    expect(payable.id).not.toBe(claimId);
  });

  it("reads columns by index with a decimal comma and no header", async () => {
    await saveLayout({ partnerId: alpha.id, name: "alpha-eu", format: "CSV", delimiter: ";", headerRow: 0, decimalComma: true, columns: { destination: 0, calls: 1, minutes: 2, amount: 3, currency: 4 } });
    const file = write("alpha-eu.csv", ["UK Mobile;1.200;3.456,5;1.043,21;EUR", "Germany;10;12,25;0,50;USD"]);
    const answer = await upload(file, { partnerId: alpha.id, side: "PAYABLE", period: "2026-10", layout: "alpha-eu" });
    expect(answer).toMatchObject({ status: "RECONCILED", read: 2, accepted: 1, rejected: 1 });
    const claim = await claimOf(answer.id);
    expect(claim.lines.edges[0].node).toMatchObject({ calls: 1200, minutes: "3456.5", amount: "1043.21" });
    expect(claim.rejections.edges[0].node).toMatchObject({ line: 2, field: "currency", reason: "currency 'USD' is not the claim's currency EUR" });
  });

  it("reads an XLSX invoice from its named sheet", async () => {
    await saveLayout({ partnerId: alpha.id, name: "alpha-xlsx", format: "XLSX", sheet: "Summary", headerRow: 2, columns: { destination: "Route", calls: "Attempts", minutes: "Mins", amount: "Charge" } });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover").addRow(["Alpha Telecom"]);
    const sheet = workbook.addWorksheet("Summary");
    sheet.addRow(["November 2026"]);
    sheet.addRow(["Route", "Attempts", "Mins", "Charge"]);
    sheet.addRow(["UK Mobile", 1200, 3456.5, 43.21]);
    sheet.addRow(["Germany", "many", 1, 1]);
    const file = path.join(dir, "alpha.xlsx");
    await workbook.xlsx.writeFile(file);
    const answer = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-10", layout: "alpha-xlsx" });
    expect(answer).toMatchObject({ status: "RECONCILED", read: 2, accepted: 1, rejected: 1 });
    const claim = await claimOf(answer.id);
    expect(claim.lines.edges[0].node).toMatchObject({ line: 3, destination: "UK Mobile", calls: 1200, minutes: "3456.5", amount: "43.21" });
    expect(claim.rejections.edges[0].node).toMatchObject({ line: 4, field: "calls" });
  });

  it("fails a file whose header lacks a column, naming the line, and reads it again once the layout is fixed", async () => {
    const file = write("alpha-bad-header.csv", ["x", "y", "Destination,Calls,Minutes,Charge", "UK,1,1,1"]);
    const failed = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-09", layout: "alpha-csv" });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toBe('alpha-bad-header.csv: line 3: the header lacks rate (header "Rate"), amount (header "Amount")');
    await saveLayout({ partnerId: alpha.id, name: "alpha-charge", format: "CSV", headerRow: 3, columns: { destination: "Destination", calls: "Calls", minutes: "Minutes", amount: "Charge" } });
    const again = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-09", layout: "alpha-charge" });
    expect(again).toMatchObject({ id: failed.id, status: "RECONCILED", read: 1, accepted: 1 });
  });
});

describe("a CDR claim", () => {
  it("counts duplicates, rejects calls outside the period (field start) and keeps the calls", async () => {
    const file = write("alpha-cdrs.csv", [
      "call_id,start,duration,a_number,b_number,amount",
      "c-1,2026-11-03 10:00:00,61,+441234,+4479001,0.0123",
      "c-2,2026-11-03T10:05:00Z,30,+441234,+4479002,",
      "c-1,2026-11-03 10:00:00,61,+441234,+4479001,0.0123",
      "c-3,2026-12-01 00:00:00,10,+441234,+4479003,0.01",
      "c-4,2026-11-31 10:00:00,10,+441234,+4479004,0.01",
      "c-5,2026-11-04 10:00:00,10,+441234,,0.01",
    ]);
    const answer = await upload(file, { partnerId: alpha.id, side: "PAYABLE", period: "2026-11", format: "NATIVE" });
    expect(answer).toMatchObject({ status: "RECONCILED", kind: "CDRS", read: 6, accepted: 2, duplicate: 1, rejected: 3 });
    const claim = await claimOf(answer.id);
    expect(claim.rejections.edges.map((e: any) => [e.node.line, e.node.field])).toEqual([[5, "start"], [6, "start"], [7, "b_number"]]);
    expect(claim.rejections.edges[0].node.reason).toBe("start 2026-12-01T00:00:00.000Z is not before the end of the claim's period, 2026-12-01T00:00:00.000Z");
    const calls = await sql("SELECT line, call_id, start_time, a_number, b_number, duration, amount::text FROM invoicing.claim_call WHERE claim_id = $1 ORDER BY line", [answer.id]);
    expect(calls).toEqual([
      { line: 2, call_id: "c-1", start_time: new Date("2026-11-03T10:00:00Z"), a_number: "441234", b_number: "4479001", duration: 61, amount: "0.0123" },
      { line: 3, call_id: "c-2", start_time: new Date("2026-11-03T10:05:00Z"), a_number: "441234", b_number: "4479002", duration: 30, amount: null },
    ]);
  });

  it("keeps a file none of whose records was accepted RECEIVED, unreconciled: it claims nothing to compare", async () => {
    const file = write("alpha-all-bad.csv", [
      "call_id,start,duration,a_number,b_number,amount",
      "b-1,not-a-date,60,+441234,+4479001,0.01",
      `b-2,2026-11-03 10:00:00,60,+441234,+4479002,${"9".repeat(5000)}`,
    ]);
    const answer = await upload(file, { partnerId: alpha.id, side: "PAYABLE", period: "2026-11", format: "NATIVE" });
    expect(answer).toMatchObject({ status: "RECEIVED", read: 2, accepted: 0, rejected: 2 });
    expect(await sql("SELECT count(*)::int AS n FROM invoicing.reconciliation WHERE claim_id = $1", [answer.id])).toEqual([{ n: 0 }]);
    const claim = await claimOf(answer.id);
    expect(claim.rejections.edges.map((e: any) => [e.node.line, e.node.field])).toEqual([[2, "start"], [3, "amount"]]);
  });

  it("refuses a request without a layout or a format, or with an unknown one", async () => {
    const file = write("nothing.csv", ["a"]);
    const err = await upload(file, { partnerId: alpha.id, side: "PAYABLE", period: "2026-11" }).catch((e) => e);
    expect(err.codes).toEqual(["BAD_USER_INPUT"]);
    const unknown = await upload(file, { partnerId: alpha.id, side: "SIDEWAYS", period: "2026-11", format: "CSV" }).catch((e) => e);
    expect(unknown.errors[0].extensions.problems.map((p: any) => p.field).sort()).toEqual(["format", "side"]);
  });
});

describe("partners", () => {
  it("send and see their own claims and layouts only", async () => {
    const file = write("bravo-own.csv", ["call_id,start,duration,a_number,b_number", "b-1,2026-11-05 10:00:00,60,+1555,+1556"]);
    const own = await upload(file, { partnerId: bravo.id, side: "RECEIVABLE", period: "2026-11", format: "NATIVE" }, bravoKey);
    expect(own).toMatchObject({ status: "RECONCILED", accepted: 1 });
    const forged = await upload(file, { partnerId: alpha.id, side: "RECEIVABLE", period: "2026-11", format: "NATIVE" }, bravoKey).catch((e) => e);
    expect(forged.codes).toEqual(["FORBIDDEN"]);

    const seen = await ok(`{ claims(first: 50) { edges { node { id partnerId receivedBy } } } }`, {}, bravoKey);
    expect(seen.claims.edges.map((e: any) => e.node)).toEqual([{ id: own.id, partnerId: bravo.id, receivedBy: null }]);
    const alphaClaims = await ok(`query($p: ID!) { claims(partnerId: $p, first: 50) { edges { node { id } } } }`, { p: alpha.id });
    const other = await hub.query(`query($id: ID!) { claim(id: $id) { id } }`, { id: alphaClaims.claims.edges[0].node.id }, bravoKey);
    expect(errorCodes(other)).toEqual(["NOT_FOUND"]);
    const otherList = await hub.query(`query($p: ID!) { claims(partnerId: $p, first: 5) { edges { node { id } } } }`, { p: alpha.id }, bravoKey);
    expect(errorCodes(otherList)).toEqual(["FORBIDDEN"]);

    const layouts = await ok(`query($p: ID!) { claimLayouts(partnerId: $p) { name } }`, { p: alpha.id }, alphaKey);
    expect(layouts.claimLayouts.map((l: any) => l.name)).toContain("alpha-csv");
    expect(errorCodes(await hub.query(`query($p: ID!) { claimLayouts(partnerId: $p) { name } }`, { p: alpha.id }, bravoKey))).toEqual(["FORBIDDEN"]);
    const save = await hub.query(`mutation($i: SaveClaimLayoutInput!) { saveClaimLayout(input: $i) { id } }`, { i: { partnerId: bravo.id, name: "mine", format: "CSV", columns: { destination: 0, calls: 1, minutes: 2, amount: 3 }, headerRow: 0 } }, bravoKey);
    expect(errorCodes(save)).toEqual(["FORBIDDEN"]);
  });
});

describe("layouts", () => {
  it("are validated, versioned when saved again, audited, and kept while a claim was read through them", async () => {
    const bad = await hub.query(`mutation($i: SaveClaimLayoutInput!) { saveClaimLayout(input: $i) { id } }`, { i: { partnerId: alpha.id, name: "bad", format: "CSV", columns: { destination: "D", tariff: 2 } } });
    expect(bad.errors![0].extensions!.problems.map((p: any) => p.field).sort()).toEqual(["columns.amount", "columns.calls", "columns.minutes", "columns.tariff"]);
    const first = await saveLayout({ partnerId: bravo.id, name: "bravo", format: "CSV", columns: { destination: "d", calls: "c", minutes: "m", amount: "a" } });
    const second = await saveLayout({ partnerId: bravo.id, name: "bravo", format: "CSV", delimiter: ";", columns: { destination: "d", calls: "c", minutes: "m", amount: "a" } });
    expect(second).toEqual({ saveClaimLayout: { id: first.saveClaimLayout.id, name: "bravo", version: 2 } });
    const audit = await sql("SELECT action FROM audit.entry WHERE entity_id = $1 ORDER BY id", [first.saveClaimLayout.id]);
    expect(audit.map((a) => a.action)).toEqual(["claim_layout.created", "claim_layout.updated"]);
    expect(await ok(`mutation($id: ID!) { deleteClaimLayout(id: $id) }`, { id: first.saveClaimLayout.id })).toEqual({ deleteClaimLayout: true });
    const used = (await ok(`query($p: ID!) { claimLayouts(partnerId: $p) { id name } }`, { p: alpha.id })).claimLayouts.find((l: any) => l.name === "alpha-csv");
    expect(errorCodes(await hub.query(`mutation($id: ID!) { deleteClaimLayout(id: $id) }`, { id: used.id }))).toEqual(["CONFLICT"]);
  });
});

describe("the CLI and the drop folder", () => {
  it("claims ingest prints the identity line and the rejections by file, line and field", async () => {
    const file = write("cli-invoice.csv", ["Alpha", "", "Destination,Calls,Minutes,Rate,Amount", "UK,1,1,1,1", "UK,x,1,1,1"]);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, "--url", hub.url, "--token", ADMIN_TOKEN, "claims", "ingest", file, "--partner", "CLAIM_ALPHA", "--side", "RECEIVABLE", "--period", "2026-08", "--layout", "alpha-csv"]);
    expect(stdout).toMatch(/cli-invoice.csv: claim [0-9a-f-]{36} RECONCILED: read 2 = accepted 1 \+ duplicate 0 \+ rejected 1/);
    expect(stderr).toContain("cli-invoice.csv:5 calls: calls 'x' is not a whole number of calls");
    // No August calls of ours and no agreement: the 1 claimed is a variance beyond tolerance, disputed at once.
    expect(stdout).toMatch(/cli-invoice.csv: reconciliation [0-9a-f-]{36} BEYOND_TOLERANCE: 1 of 1 destinations differ; variance 1 [A-Z]{3}\n/);
    expect(stdout).toMatch(/cli-invoice.csv: dispute (DSP-\d+) OPEN: 1 [A-Z]{3}; evidence \1-destination-differences.csv\n/);
  }, 60_000);

  it("takes in a file dropped under claims/<PARTNER>/<SIDE>/<YYYY-MM>/<format or layout>/ and moves it to done/ with its report", async () => {
    const folder = path.join(hub.dropRoot, "claims", "CLAIM_ALPHA", "PAYABLE", "2026-07", "NATIVE");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "july.csv"), ["call_id,start,duration,a_number,b_number", "d-1,2026-07-02 10:00:00,60,+44,+4479", "d-1,2026-07-02 10:00:00,60,+44,+4479", "d-2,2026-08-02 10:00:00,60,+44,+4479"].join("\n") + "\n");
    const watcher = invoicing.claims.dropFolders;
    await watcher.scan(); // first sight: a file may still grow
    await watcher.scan();
    expect(fs.existsSync(path.join(folder, "done", "july.csv"))).toBe(true);
    const report = fs.readFileSync(path.join(folder, "done", "july.csv.report.txt"), "utf8");
    expect(report).toContain("read 3 = accepted 1 + duplicate 1 + rejected 1");
    expect(report).toContain("line 4, field start:");
    const [claim] = await sql("SELECT status, received_by, period_start FROM invoicing.claim WHERE file_name = 'july.csv'");
    expect(claim).toEqual({ status: "RECONCILED", received_by: "service:drop-folder", period_start: new Date("2026-07-01T00:00:00Z") });
  });
});
