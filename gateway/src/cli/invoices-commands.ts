import path from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { downloadFile, HubClient, type HubConnection } from "./hub-client";

const DRAFTS = `query($after: String, $filter: InvoiceFilterInput) { invoices(first: 200, after: $after, filter: $filter) {
  edges { node { id number side kind status currency gross periodStart partner { id } } } pageInfo { hasNextPage endCursor } } }`;

/** `intersettle invoices run|issue|list|pdf|export`: billing cycles and their documents, through the gateway. */
export function registerInvoiceCommands(program: Command, connection: () => HubConnection): void {
  const client = () => new HubClient(connection());
  const invoices = program.command("invoices").description("billing runs, invoices and their documents");

  invoices
    .command("run")
    .description("bill closed periods: every partner's due periods (default), or the period holding --date for one or all partners")
    .option("--partner <code>", "one partner, by code")
    .option("--date <YYYY-MM-DD>", "a local date in the period to bill (required with --partner)")
    .option("--side <side>", "RECEIVABLE or PAYABLE (default: each side the partner has)")
    .action(async (opts: { partner?: string; date?: string; side?: string }) => {
      const partners = opts.partner ? [await partnerByCode(client(), opts.partner)] : await allPartners(client());
      if (!opts.date) {
        // The scheduler's work, one partner at a time so that progress shows and no request runs long.
        const bar = progress("Billing", partners.length);
        let billed = 0;
        for (const partner of partners) {
          billed += (await client().request(`mutation($p: ID) { runScheduledBilling(partnerId: $p) }`, { p: partner.id })).runScheduledBilling;
          bar.increment();
        }
        bar.stop();
        console.log(`Billed ${billed} closed period(s) of ${partners.length} partner(s).`);
        return;
      }
      const bar = progress("Billing", partners.length);
      const rows: Array<Record<string, unknown>> = [];
      for (const partner of partners) {
        const { runBilling } = await client().request(
          `mutation($p: ID!, $d: String!, $s: InvoiceSide) { runBilling(partnerId: $p, date: $d, side: $s) { side periodStart periodEnd usageLines adjustmentLines adjustmentNet invoiceId } }`,
          { p: partner.id, d: opts.date, s: opts.side ?? null },
        );
        rows.push(...runBilling.map((r: Record<string, unknown>) => ({ partner: partner.code, ...r })));
        bar.increment();
      }
      bar.stop();
      console.table(rows);
    });

  invoices
    .command("issue [ids...]")
    .description("approve and issue draft invoices: the ids given, or every draft (of --partner)")
    .option("--partner <code>", "only this partner's drafts")
    .action(async (ids: string[], opts: { partner?: string }) => {
      const partnerId = opts.partner ? (await partnerByCode(client(), opts.partner)).id : undefined;
      const targets = ids.length ? ids : (await listInvoices(client(), { partnerId, status: "DRAFT" })).map((i) => i.id as string);
      const bar = progress("Issuing", targets.length);
      const issued: Array<Record<string, unknown>> = [];
      for (const id of targets) {
        await client().request(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id });
        const { issueInvoice } = await client().request(`mutation($id: ID!) { issueInvoice(id: $id) { number side kind gross currency dueDate } }`, { id });
        issued.push(issueInvoice);
        bar.increment();
      }
      bar.stop();
      console.table(issued);
    });

  invoices
    .command("list")
    .description("list invoices and notes")
    .option("--partner <code>", "one partner, by code")
    .option("--status <status>", "DRAFT, APPROVED, ISSUED, PARTIALLY_PAID, PAID, OVERDUE or VOID")
    .action(async (opts: { partner?: string; status?: string }) => {
      const partnerId = opts.partner ? (await partnerByCode(client(), opts.partner)).id : undefined;
      console.table((await listInvoices(client(), { partnerId, status: opts.status })).map(({ partner: _p, ...row }) => row));
    });

  invoices
    .command("pdf <invoice>")
    .description("download an issued invoice's PDF (by id or number)")
    .option("--out <file>", "where to write it (default: <number>.pdf)")
    .action(async (invoice: string, opts: { out?: string }) => {
      const found = await invoiceByIdOrNumber(client(), invoice);
      const file = opts.out ?? `${found.number}.pdf`;
      const bytes = await downloadFile(connection(), `invoicing/invoice-pdf/${found.id}`, {}, file);
      console.log(`${found.number}: ${bytes} bytes written to ${path.resolve(file)}`);
    });

  invoices
    .command("export <format>")
    .description("export documents issued between two dates for accounting: xero-sales, xero-bills or sage-batch")
    .requiredOption("--from <YYYY-MM-DD>", "first issue date, included")
    .requiredOption("--to <YYYY-MM-DD>", "last issue date, included")
    .option("--out <file>", "where to write it (default: <format>-<from>-<to>.csv)")
    .action(async (format: string, opts: { from: string; to: string; out?: string }) => {
      const file = opts.out ?? `${format}-${opts.from}-${opts.to}.csv`;
      const bytes = await downloadFile(connection(), `invoicing/exports/${format}`, { from: opts.from, to: opts.to }, file);
      console.log(`${format}: ${bytes} bytes written to ${path.resolve(file)}`);
    });
}

function progress(label: string, total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar({ format: `${label} {bar} {value}/{total}`, hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}

async function partnerByCode(client: HubClient, code: string): Promise<{ id: string; code: string }> {
  const { partnerByCode } = await client.request(`query($c: String!) { partnerByCode(code: $c) { id code } }`, { c: code });
  return partnerByCode;
}

async function allPartners(client: HubClient): Promise<Array<{ id: string; code: string }>> {
  const partners: Array<{ id: string; code: string }> = [];
  let after: string | null = null;
  do {
    const page: any = await client.request(`query($after: String) { partners(first: 200, after: $after) { edges { node { id code } } pageInfo { hasNextPage endCursor } } }`, { after });
    partners.push(...page.partners.edges.map((e: any) => e.node));
    after = page.partners.pageInfo.hasNextPage ? page.partners.pageInfo.endCursor : null;
  } while (after);
  return partners;
}

async function listInvoices(client: HubClient, filter: { partnerId?: string; status?: string; number?: string }): Promise<Array<Record<string, any>>> {
  const rows: Array<Record<string, any>> = [];
  let after: string | null = null;
  do {
    const page: any = await client.request(DRAFTS, { after, filter });
    rows.push(...page.invoices.edges.map((e: any) => e.node));
    after = page.invoices.pageInfo.hasNextPage ? page.invoices.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

async function invoiceByIdOrNumber(client: HubClient, key: string): Promise<{ id: string; number: string }> {
  const [found] = await listInvoices(client, /^[0-9a-f-]{36}$/i.test(key) ? {} : { number: key }).then((rows) => rows.filter((r) => r.id === key || r.number === key));
  if (!found?.number) throw new Error(`${key}: no issued invoice with that id or number`);
  return found as { id: string; number: string };
}
