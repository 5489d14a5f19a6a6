import { Command } from "commander";
import { HubClient, resolveConnection } from "./hub-client";
import { loadDemo } from "../demo/load-demo";
import { registerRatesCommands } from "./rates-commands";
import { registerCdrCommands } from "./cdrs-commands";
import { registerContentCommands } from "./content-commands";
import { registerClaimCommands } from "./claims-commands";
import { registerInvoiceCommands } from "./invoices-commands";
import { registerStatementCommands } from "./statements-commands";
import { registerRoutesCommands } from "./routes-commands";
import { registerWatchCommand } from "./watch-command";

const program = new Command();
program
  .name("intersettle")
  .description("Operator tasks for the Intersettle settlement hub. Talks to a running hub (npm start) through its GraphQL API.")
  .option("--url <url>", "gateway GraphQL URL (default: INTERSETTLE_URL or http://localhost:$PORT/graphql)")
  .option("--token <token>", "operator token (default: INTERSETTLE_TOKEN, INTERSETTLE_ADMIN_TOKEN, or the token saved at first start)");

const client = () => new HubClient(resolveConnection(program.opts()));

program
  .command("demo")
  .description("load the demo data set: a dozen partners of every type, agreements, API keys, rate cards, exchange rates, destinations and a month of traffic, then bill November and issue the invoices; content services of every share model, a month of their transactions, and November's revenue-share statements published")
  .action(async () => {
    console.log("Loading demo data…");
    const summary = await loadDemo(client(), console.log);
    console.log(`Partners: ${summary.partnersCreated} created, ${summary.partnersExisting} already there; agreements: ${summary.agreementsCreated} created; rate cards: ${summary.rateCardsCreated} created; calls rated: ${summary.callsRated}; invoices issued: ${summary.invoicesIssued}; blocked by credit control: ${summary.blocked.join(", ") || "none"}; fraud alerts: ${summary.fraudAlerts}; content services: ${summary.contentServicesCreated} created; content transactions: ${summary.contentTransactions}; statements published: ${summary.statementsPublished}; claims reconciled: ${summary.claimsReconciled}; disputes opened: ${summary.disputesOpened.join(", ") || "none"}.`);
    for (const key of summary.apiKeys) console.log(`  API key for ${key.partner} (shown once): ${key.secret}`);
  });

const partners = program.command("partners").description("partners and their settings");
partners
  .command("list")
  .description("list partners with their currency, timezone, cycle and status")
  .option("--status <status>", "ACTIVE, SUSPENDED, BLOCKED or TERMINATED")
  .action(async (opts: { status?: string }) => {
    const rows: Array<Record<string, string>> = [];
    let after: string | null = null;
    do {
      const { partners }: any = await client().request(
        `query($after: String, $filter: PartnerFilterInput) { partners(first: 200, after: $after, filter: $filter) {
          edges { node { code legalName types roles currency timezone billingCycle status } } pageInfo { hasNextPage endCursor } } }`,
        { after, filter: opts.status ? { status: opts.status } : null },
      );
      rows.push(...partners.edges.map((e: any) => ({ ...e.node, types: e.node.types.join(","), roles: e.node.roles.join(",") })));
      after = partners.pageInfo.hasNextPage ? partners.pageInfo.endCursor : null;
    } while (after);
    console.table(rows);
  });

registerRatesCommands(program, () => resolveConnection(program.opts()));
registerCdrCommands(program, () => resolveConnection(program.opts()));
registerContentCommands(program, () => resolveConnection(program.opts()));
registerClaimCommands(program, () => resolveConnection(program.opts()));
registerInvoiceCommands(program, () => resolveConnection(program.opts()));
registerStatementCommands(program, () => resolveConnection(program.opts()));
registerRoutesCommands(program, () => resolveConnection(program.opts()));
registerWatchCommand(program, () => resolveConnection(program.opts()));

const tokens = program.command("tokens").description("operator tokens (ADMIN only)");
tokens
  .command("create <name>")
  .description("issue an operator token; the secret is printed once")
  .option("--role <role...>", "ADMIN, OPERATOR and/or VIEWER", ["OPERATOR"])
  .action(async (name: string, opts: { role: string[] }) => {
    const { createOperatorToken } = await client().request(`mutation($n: String!, $r: [OperatorRole!]!) { createOperatorToken(name: $n, roles: $r) { secret token { id roles } } }`, { n: name, r: opts.role });
    console.log(`Token ${createOperatorToken.token.id} (${createOperatorToken.token.roles.join(", ")}), shown once:\n${createOperatorToken.secret}`);
  });

program.parseAsync(process.argv).catch((err: Error) => {
  console.error(`intersettle: ${err.message}`);
  process.exit(1);
});
