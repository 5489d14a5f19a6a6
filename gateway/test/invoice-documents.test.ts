import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { pdfPages } from "../../subgraphs/invoicing/test/pdf-text";
import { ADMIN_TOKEN, startTestHub, type TestHub } from "./support/test-hub";
import { createPartner, issueApiKey } from "./support/fixtures";

/**
 * An issued invoice's documents through the real hub: e-mailed with its PDF to a local SMTP server this test starts,
 * its PDF and accounting exports downloaded through the gateway's file route.
 */
let hub: TestHub;
let smtp: SMTPServer;
const received: ParsedMail[] = [];
let partner: { id: string };
let other: { id: string };
let otherKey: string;
let invoice: { id: string; number: string; gross: string; pdfUrl: string };

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await hub.query(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

const base = () => hub.url.replace(/\/graphql$/, "");
const get = (path: string, token = ADMIN_TOKEN) => fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function until<T>(check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.INTERSETTLE_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.INTERSETTLE_MAIL_FROM = "billing@hub.example";
  process.env.INTERSETTLE_COMPANY_NAME = "Hub Operator Ltd";
  process.env.INTERSETTLE_PAYMENT_DETAILS = "Bank: Example Bank|IBAN: GB33BUKB20201555555555";
  hub = await startTestHub("invoice-docs");
  partner = await createPartner(hub, "DOCS_TEL", {
    roles: ["CUSTOMER"],
    legalName: "Docs Telecom Ltd",
    taxRatePercent: "20",
    contacts: [{ name: "Accounts payable", role: "BILLING", email: "ap@docs.example" }, { name: "NOC", role: "NOC", email: "noc@docs.example" }],
  });
  other = await createPartner(hub, "OTHER_TEL", { roles: ["CUSTOMER"] });
  otherKey = (await issueApiKey(hub, other.id)).secret;
  const card = await ok(`mutation($p: ID!) { createRateCard(input: { partnerId: $p, name: "sell", direction: SELL, currency: "USD", service: VOICE }) { id } }`, { p: partner.id });
  await ok(`mutation($i: ImportRateDeckInput!) { importRateDeck(input: $i) { version } }`, { i: { rateCardId: card.createRateCard.id, mode: "FULL", content: "prefix,destination,rate\n44,United Kingdom,0.1234", effectiveFrom: "2026-01-01T00:00:00Z" } });
  const source = await ok(`mutation($i: CdrSourceInput!) { createCdrSource(input: $i) { id } }`, { i: { code: "DOCS", name: "docs", format: "NATIVE", timezone: "UTC" } });
  await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side: "INGRESS", match: "TRUNK", value: "docsIn", partnerId: partner.id } });
  await ok(`mutation($i: TrunkMappingInput!) { addTrunkMapping(input: $i) { id } }`, { i: { sourceId: source.createCdrSource.id, side: "EGRESS", match: "TRUNK", value: "out", partnerId: null } });
  const calls = ["call_id,start,duration,a_number,b_number,ingress,egress,disposition", "d1,2026-11-10T10:00:00Z,600,+15550100,+442079460001,docsIn,out,ANSWERED", "d2,2026-11-11T10:00:00Z,3600,+15550100,+442079460002,docsIn,out,ANSWERED"];
  await ok(`mutation($i: IngestCdrsInput!) { ingestCdrs(input: $i) { status } }`, { i: { source: "DOCS", fileName: "docs.csv", content: calls.join("\n") } });
  const run = await ok(`mutation($p: ID!) { runBilling(partnerId: $p, date: "2026-11-15") { invoiceId } }`, { p: partner.id });
  const id = run.runBilling[0].invoiceId;
  await ok(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id });
  invoice = (await ok(`mutation($id: ID!) { issueInvoice(id: $id) { id number gross pdfUrl } }`, { id })).issueInvoice;
});
afterAll(async () => {
  await hub?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  for (const name of ["INTERSETTLE_SMTP_URL", "INTERSETTLE_MAIL_FROM", "INTERSETTLE_COMPANY_NAME", "INTERSETTLE_PAYMENT_DETAILS"]) delete process.env[name];
});

describe("invoice documents", () => {
  it("e-mails the issued invoice with its PDF to the partner's billing contacts only, and records the delivery", async () => {
    const mail = await until(() => received.find((m) => m.subject?.includes(invoice.number)));
    expect((mail.to as { value: Array<{ address: string }> }).value.map((a) => a.address)).toEqual(["ap@docs.example"]);
    expect(mail.from?.value[0].address).toBe("billing@hub.example");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${invoice.number}.pdf`, "application/pdf"]]);
    expect((await pdfPages(mail.attachments[0].content)).join(" ")).toContain(invoice.number);
    const deliveries = await until(async () => {
      const res = await ok(`query($id: ID!) { invoice(id: $id) { deliveries { status attempts recipients messageId sentAt } } }`, { id: invoice.id });
      return res.invoice.deliveries[0]?.status === "SENT" ? res.invoice.deliveries : undefined;
    });
    expect(deliveries).toMatchObject([{ status: "SENT", attempts: 1, recipients: ["ap@docs.example"] }]);
  });

  it("serves the PDF through the gateway's file route: number, parties, total in figures and words", async () => {
    expect(invoice.pdfUrl).toBe(`/files/invoicing/invoice-pdf/${invoice.id}`);
    const res = await get(invoice.pdfUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfPages(Buffer.from(await res.arrayBuffer()))).join(" ");
    // 600 s + 3600 s to the UK at 0.1234/min: 1.234 + 7.404 = 8.638 → 8.64 net; 20 % tax 1.73; gross 10.37.
    expect(invoice.gross).toBe("10.37");
    for (const expected of [invoice.number, "Docs Telecom Ltd", "Hub Operator Ltd", "10.37", "ten dollars and thirty-seven cents", "GB33BUKB20201555555555"]) {
      expect(text.toLowerCase()).toContain(expected.toLowerCase());
    }
  });

  it("does not serve another partner's PDF", async () => {
    const res = await get(invoice.pdfUrl, otherKey);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Docs Telecom");
  });

  it("exports issued invoices in Xero's sales invoice columns and Sage 50's batch transaction columns", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const range = `from=2026-01-01&to=${Number(today.slice(0, 4)) + 1}-12-31`;
    const xero = await get(`/files/invoicing/exports/xero-sales?${range}`);
    expect(xero.status).toBe(200);
    const [header, ...rows] = (await xero.text()).trim().split("\r\n");
    // The column layout of Xero's sales invoice import template (Xero Central, "Import invoices"), in order.
    expect(header).toBe(
      "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(invoice.number);
    expect(rows[0]).toContain("Docs Telecom Ltd");
    const sage = await get(`/files/invoicing/exports/sage-batch?${range}`);
    const [sageHeader, sageRow] = (await sage.text()).trim().split("\r\n");
    // Sage 50 Accounts' audit trail batch transaction import columns (Sage knowledgebase "Import audit trail transactions").
    expect(sageHeader).toBe("Type,Account Reference,Nominal A/C Ref,Department Code,Date,Reference,Details,Net Amount,Tax Code,Tax Amount,Exchange Rate,Extra Reference,User Name,Project Refn,Cost Code Refn");
    expect(sageRow.startsWith("SI,DOCS_TEL,")).toBe(true);
    const forPartner = await get(`/files/invoicing/exports/xero-sales?${range}`, otherKey);
    expect(forPartner.status).toBe(403);
    const badFormat = await get(`/files/invoicing/exports/quickbooks?${range}`);
    expect(badFormat.status).toBe(400);
  });

  it("runs billing, issues drafts and downloads documents from the intersettle command", async () => {
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, [path.resolve(__dirname, "../dist/cli/main.js"), "--url", hub.url, "--token", ADMIN_TOKEN, "invoices", ...args]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intersettle-invoices-cli-"));
    const run = await cli("run", "--partner", "DOCS_TEL", "--date", "2026-10-15");
    expect(run.stdout).toContain("RECEIVABLE");
    const scheduled = await cli("run");
    expect(scheduled.stdout).toMatch(/Billed \d+ closed period\(s\) of 2 partner\(s\)\./);
    const pdf = await cli("pdf", invoice.number, "--out", path.join(dir, "inv.pdf"));
    expect(pdf.stdout).toContain(`${invoice.number}: `);
    expect((await pdfPages(fs.readFileSync(path.join(dir, "inv.pdf")))).join(" ")).toContain(invoice.number);
    const range = ["--from", "2026-01-01", "--to", `${new Date().getUTCFullYear() + 1}-12-31`];
    await cli("export", "xero-sales", ...range, "--out", path.join(dir, "xero.csv"));
    expect(fs.readFileSync(path.join(dir, "xero.csv"), "utf8")).toContain(invoice.number);
    const bad = await cli("export", "quickbooks", ...range).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("format: must be one of xero-sales, xero-bills, sage-batch");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
