import type { Command } from "commander";
import { partnerIdByCode, type HubConnection } from "./hub-client";
import { claimOutcome } from "./claim-outcome";
import { ingestFileWithProgress, type UploadedJob } from "./file-ingest";

interface ClaimAnswer extends UploadedJob {
  kind: string;
  read: number;
  accepted: number;
  duplicate: number;
}

/**
 * `intersettle claims ingest FILE --partner CODE --side RECEIVABLE|PAYABLE --period YYYY-MM (--layout NAME | --format NATIVE)`:
 * streams a partner's invoice or CDR file to the hub with a progress bar and prints the claim's counting identity
 * and its first rejections.
 */
export function registerClaimCommands(program: Command, connection: () => HubConnection): void {
  const claims = program.command("claims").description("partners' claims (their invoices and CDR files), for reconciliation");
  claims
    .command("ingest <file>")
    .description("take in a partner's invoice (CSV or XLSX, through one of its claim layouts) or CDR file (a mediation format) for a month")
    .requiredOption("--partner <code>", "the partner, by code")
    .requiredOption("--side <side>", "RECEIVABLE (a customer's claim) or PAYABLE (a vendor's)")
    .requiredOption("--period <YYYY-MM>", "the month claimed, in the partner's timezone")
    .option("--layout <name>", "an invoice: the partner's claim layout")
    .option("--format <format>", "a CDR file: NATIVE, ASTERISK or FREESWITCH")
    .option("--timezone <zone>", "CDR files: the zone of times without an offset (default the partner's)")
    .action(async (file: string, opts: { partner: string; side: string; period: string; layout?: string; format?: string; timezone?: string }) => {
      if (!opts.layout === !opts.format) {
        console.error("claims ingest: give either --layout (an invoice) or --format (a CDR file)");
        process.exitCode = 1;
        return;
      }
      const partnerId = await partnerIdByCode(connection(), opts.partner);
      const params: Record<string, string> = { partnerId, side: opts.side.toUpperCase(), period: opts.period };
      if (opts.layout) params.layout = opts.layout;
      if (opts.format) params.format = opts.format.toUpperCase();
      if (opts.timezone) params.timezone = opts.timezone;
      await ingestFileWithProgress<ClaimAnswer>(connection(), {
        target: "invoicing/claims",
        noun: "claim",
        again: "is read again",
        counts: (claim) => `read ${claim.read} = accepted ${claim.accepted} + duplicate ${claim.duplicate} + rejected ${claim.rejected}`,
        rejectsQuery: `query($id: ID!, $n: Int!) { claim(id: $id) { rejections(first: $n) { edges { node { line field reason } } } } }`,
        rejectsOf: (data) => data.claim.rejections.edges.map((e: any) => e.node),
        moreRejects: (id) => `claim(id: "${id}") { rejections { … } }`,
        outcome: async (client, claim) => (await claimOutcome(client, claim)).lines,
      }, file, params);
    });
}

