import path from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { downloadFile, HubClient, type HubConnection } from "./hub-client";

const STATEMENTS = `query($after: String, $filter: StatementFilterInput) { statements(first: 200, after: $after, filter: $filter) {
  edges { node { id number status currency firstDate lastDate payable partner { id } } } pageInfo { hasNextPage endCursor } } }`;

/** `intersettle statements run|publish|list|pdf|csv`: revenue-share statements and their documents, through the gateway. */
export function registerStatementCommands(program: Command, connection: () => HubConnection): void {
  const client = () => new HubClient(connection());
  const statements = program.command("statements").description("revenue-share statement runs, statements and their documents");

  statements
    .command("run")
    .description("draw up statements: every party's closed periods due (default), or the period holding --date for one partner")
    .option("--partner <code>", "one partner, by code")
    .option("--date <YYYY-MM-DD>", "a local date in the period to run (with --partner)")
    .action(async (opts: { partner?: string; date?: string }) => {
      if (opts.date && !opts.partner) throw new Error("--date needs --partner");
      const partner = opts.partner ? await partnerByCode(client(), opts.partner) : undefined;
      if (!opts.date) {
        const { runScheduledStatements } = await client().request(`mutation($p: ID) { runScheduledStatements(partnerId: $p) }`, { p: partner?.id ?? null });
        console.log(`Ran ${runScheduledStatements} closed period(s).`);
        return;
      }
      const { runStatements } = await client().request(
        `mutation($p: ID!, $d: String!) { runStatements(partnerId: $p, date: $d) { periodStart periodEnd statementCount lines latePeriods unsettled statements { id currency payable } } }`,
        { p: partner!.id, d: opts.date },
      );
      console.table([{ partner: partner!.code, ...runStatements, unsettled: runStatements.unsettled.join(","), statements: runStatements.statements.map((s: any) => `${s.id} ${s.payable} ${s.currency}`).join("; ") }]);
    });

  statements
    .command("publish [ids...]")
    .description("publish draft statements: the ids given, or every draft (of --partner)")
    .option("--partner <code>", "only this partner's drafts")
    .action(async (ids: string[], opts: { partner?: string }) => {
      const partnerId = opts.partner ? (await partnerByCode(client(), opts.partner)).id : undefined;
      const targets = ids.length ? ids : (await listStatements(client(), { partnerId, status: "DRAFT" })).map((s) => s.id as string);
      const bar = progress("Publishing", targets.length);
      const published: Array<Record<string, unknown>> = [];
      for (const id of targets) {
        const { publishStatement } = await client().request(`mutation($id: ID!) { publishStatement(id: $id) { number currency payable firstDate lastDate } }`, { id });
        published.push(publishStatement);
        bar.increment();
      }
      bar.stop();
      console.table(published);
    });

  statements
    .command("list")
    .description("list statements")
    .option("--partner <code>", "one partner, by code")
    .option("--status <status>", "DRAFT, PUBLISHED, SETTLED or DISPUTED")
    .action(async (opts: { partner?: string; status?: string }) => {
      const partnerId = opts.partner ? (await partnerByCode(client(), opts.partner)).id : undefined;
      console.table((await listStatements(client(), { partnerId, status: opts.status })).map(({ partner: _p, ...row }) => row));
    });

  for (const format of ["pdf", "csv"] as const) {
    statements
      .command(`${format} <statement>`)
      .description(`download a statement's ${format.toUpperCase()} (by id or number)`)
      .option("--out <file>", `where to write it (default: <number>.${format})`)
      .action(async (key: string, opts: { out?: string }) => {
        const found = await statementByIdOrNumber(client(), key);
        const file = opts.out ?? `${found.number ?? found.id}.${format}`;
        const bytes = await downloadFile(connection(), `revenue-share/statement-${format}/${found.id}`, {}, file);
        console.log(`${found.number ?? found.id}: ${bytes} bytes written to ${path.resolve(file)}`);
      });
  }
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

async function listStatements(client: HubClient, filter: { partnerId?: string; status?: string; number?: string }): Promise<Array<Record<string, any>>> {
  const rows: Array<Record<string, any>> = [];
  let after: string | null = null;
  do {
    const page: any = await client.request(STATEMENTS, { after, filter });
    rows.push(...page.statements.edges.map((e: any) => e.node));
    after = page.statements.pageInfo.hasNextPage ? page.statements.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

async function statementByIdOrNumber(client: HubClient, key: string): Promise<{ id: string; number: string | null }> {
  if (/^[0-9a-f-]{36}$/i.test(key)) return (await client.request(`query($id: ID!) { statement(id: $id) { id number } }`, { id: key })).statement;
  const [found] = await listStatements(client, { number: key });
  if (!found) throw new Error(`${key}: no statement with that id or number`);
  return found as { id: string; number: string | null };
}
