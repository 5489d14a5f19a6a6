import path from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { downloadFile, HubClient, type HubConnection } from "./hub-client";

const ANSWER = `customerId number digits routable sell { prefix destination rate currency }
  routes { vendor { code } prefix destination rate currency cost margin priority weight share override }
  dropped { vendor { code } reason detail } unroutable { reason detail }`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `intersettle routes lookup|export`: where a customer's calls go, through the gateway. */
export function registerRoutesCommands(program: Command, connection: () => HubConnection): void {
  const client = () => new HubClient(connection());
  const routes = program.command("routes").description("least-cost routing: look a number up, export a customer's LCR table");

  routes
    .command("lookup <customer> <number>")
    .description("the routes for a call from a customer (code or id) to a number, in order")
    .option("--at <ISO>", "the instant routed at (default: now)")
    .option("--limit <n>", "at most this many routes (1 to 50)")
    .option("--explain", "also list the vendors dropped and why")
    .action(async (customer: string, number: string, opts: { at?: string; limit?: string; explain?: boolean }) => {
      const partners = await codesAndIds(client(), customer);
      const { routes: answer } = await client().request(
        `query($c: ID!, $n: String!, $at: DateTimeISO, $l: Int, $e: Boolean) { routes(customerId: $c, number: $n, at: $at, limit: $l, explain: $e) { ${ANSWER} } }`,
        { c: partners.id, n: number, at: opts.at ?? null, l: opts.limit ? Number(opts.limit) : null, e: opts.explain === true },
      );
      const sell = answer.sell ? `${answer.sell.rate} ${answer.sell.currency} (${answer.sell.prefix} ${answer.sell.destination})` : "none";
      console.log(`${partners.code} → ${answer.number} (digits ${answer.digits}): sell ${sell}`);
      if (answer.unroutable) console.log(`unroutable: ${answer.unroutable.reason}: ${answer.unroutable.detail}`);
      const rows = answer.routes.map((r: any) => ({ vendor: r.vendor.code, prefix: r.prefix, destination: r.destination, rate: `${r.rate} ${r.currency}`, cost: r.cost, margin: r.margin, priority: r.priority, weight: r.weight, share: r.share ?? "", override: r.override ?? "" }));
      if (rows.length > 0) console.table(rows);
      if (opts.explain && answer.dropped.length > 0) {
        console.log("dropped:");
        console.table(answer.dropped.map((d: any) => ({ vendor: d.vendor.code, reason: d.reason, detail: d.detail })));
      }
    });

  routes
    .command("export <customer>")
    .description("download a customer's LCR table (CSV: per prefix, the sell rate and each ranked vendor's rate and cost)")
    .option("--at <ISO>", "the instant the table is for (default: now)")
    .option("--service <service>", "VOICE, SMS, MMS or DATA", "VOICE")
    .option("--routes <n>", "vendor columns (default: the plan's maximum routes)")
    .requiredOption("--out <file>", "where to write it")
    .action(async (customer: string, opts: { at?: string; service: string; routes?: string; out: string }) => {
      const partner = await codesAndIds(client(), customer);
      const params: Record<string, string> = { service: opts.service };
      if (opts.at) params.at = opts.at;
      if (opts.routes) params.routes = opts.routes;
      // The table streams: its size is known only at the end, so the bar counts bytes and rows as they come.
      const bar = new cliProgress.SingleBar({ format: "Exporting | {value} bytes | {rows} rows", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
      bar.start(0, 0, { rows: 0 });
      let bytes = 0;
      let lines = 0;
      try {
        await downloadFile(connection(), `routing/lcr-table/${partner.id}`, params, opts.out, (chunk) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
          bar.update(bytes, { rows: Math.max(0, lines - 1) });
        });
      } finally {
        bar.stop();
      }
      console.log(`${partner.code}: ${Math.max(0, lines - 1)} prefixes, ${bytes} bytes written to ${path.resolve(opts.out)}`);
    });
}

/** A partner named by code or id. */
async function codesAndIds(client: HubClient, key: string): Promise<{ id: string; code: string }> {
  if (UUID.test(key)) {
    const { partner } = await client.request(`query($id: ID!) { partner(id: $id) { id code } }`, { id: key });
    return partner;
  }
  const { partnerByCode } = await client.request(`query($c: String!) { partnerByCode(code: $c) { id code } }`, { c: key });
  return partnerByCode;
}
