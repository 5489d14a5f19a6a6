import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import cliProgress from "cli-progress";
import { HubClient, HubRequestError, uploadFile, type HubConnection } from "./hub-client";

/** `intersettle rates …`: import decks (streamed, with a progress bar) and check rates. */
export function registerRatesCommands(program: Command, connection: () => HubConnection): void {
  const rates = program.command("rates").description("rate cards and rate decks");

  rates
    .command("import <file>")
    .description("import a rate deck (native CSV, or a vendor CSV/XLSX through a saved layout) as a new version of a card")
    .requiredOption("--card <id>", "rate card id")
    .option("--mode <mode>", "FULL (missing prefixes close) or DELTA (only listed prefixes change)", "DELTA")
    .option("--layout <name>", "saved vendor deck layout (name or id)")
    .option("--effective-from <datetime>", "default effective date of rows; FULL closes missing prefixes then (default now)")
    .action(async (file: string, opts: { card: string; mode: string; layout?: string; effectiveFrom?: string }) => {
      const size = fs.statSync(file).size;
      const bar = new cliProgress.SingleBar({ format: "Uploading {bar} {percentage}% | {value}/{total} bytes", hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(size, 0);
      const params: Record<string, string> = { rateCardId: opts.card, mode: opts.mode.toUpperCase(), fileName: path.basename(file) };
      if (opts.layout) params.layout = opts.layout;
      if (opts.effectiveFrom) params.effectiveFrom = opts.effectiveFrom;
      try {
        const result = await uploadFile(connection(), "rating/rate-decks", params, file, (sent) => bar.update(sent));
        bar.update(size);
        bar.stop();
        const d = result.diff;
        console.log(`Version ${result.version}: ${result.rowCount} rows; new ${d.new}, increased ${d.increased}, decreased ${d.decreased}, unchanged ${d.unchanged}, closed ${d.closed}.`);
      } catch (err) {
        bar.stop();
        if (err instanceof HubRequestError) {
          for (const e of err.errors) {
            console.error(e.message);
            const x = e.extensions ?? {};
            for (const p of (x.problems ?? []) as Array<{ line: number; column: string; message: string }>) console.error(`  ${file}:${p.line} ${p.column}: ${p.message}`);
            // The list can be long: its size is repeated below it.
            if (typeof x.problemCount === "number" && x.listed > 5) console.error(`${file}: ${x.problemCount} problems, ${x.listed} listed, ${x.unlisted} not listed`);
          }
          process.exitCode = 1;
          return;
        }
        throw err;
      }
    });

  rates
    .command("quote <card> <number>")
    .description("check how a call would be priced")
    .option("--start <datetime>", "call start (default now)")
    .option("--seconds <n>", "duration in seconds (voice), or messages / KB", "60")
    .action(async (card: string, number: string, opts: { start?: string; seconds: string }) => {
      const { rateQuote: q } = await new HubClient(connection()).request(
        `query($c: ID!, $n: String!, $s: DateTimeISO!, $d: Int) { rateQuote(rateCardId: $c, number: $n, start: $s, durationSeconds: $d) {
          rated unratedReason matchedPrefix destination rateVersion billedQuantity amount exactAmount currency pieces { band quantity rate amount } } }`,
        { c: card, n: number, s: opts.start ?? new Date().toISOString(), d: Number(opts.seconds) },
      );
      if (!q.rated) return void console.log(`Not rated: ${q.unratedReason}`);
      console.log(`${q.matchedPrefix} ${q.destination} (version ${q.rateVersion}): billed ${q.billedQuantity}, ${q.amount} ${q.currency} (exact ${q.exactAmount})`);
      console.table(q.pieces);
    });
}
