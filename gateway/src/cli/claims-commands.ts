import type { Command } from "commander";
import { partnerIdByCode, type HubClient, type HubConnection } from "./hub-client";
import { ingestFileWithProgress, type UploadedJob } from "./file-ingest";

interface ClaimAnswer extends UploadedJob {
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
        outcome: reconciliationOutcome,
      }, file, params);
    });
}

/** The claim's latest reconciliation, and the dispute it opened, as the operator reads them after a file went in. */
async function reconciliationOutcome(client: HubClient, claim: ClaimAnswer): Promise<string[]> {
  const { reconciliations } = await client.request(
    `query($c: ID!) { reconciliations(filter: { claimId: $c }, first: 500) { edges { node { id status matched durationMismatch rateMismatch missingOurs missingTheirs variance currency failure dispute: disputeId } } } }`,
    { c: claim.id },
  );
  const latest = reconciliations.edges.at(-1)?.node;
  if (!latest) return claim.status === "RECEIVED" ? ["not reconciled yet: reconcileClaim runs it"] : [];
  if (latest.status === "FAILED") return [`reconciliation ${latest.id} FAILED: ${latest.failure}`];
  const lines = [
    `reconciliation ${latest.id} ${latest.status}: matched ${latest.matched}, duration mismatch ${latest.durationMismatch}, rate mismatch ${latest.rateMismatch}, missing ours ${latest.missingOurs}, missing theirs ${latest.missingTheirs}; variance ${latest.variance} ${latest.currency}`,
  ];
  if (latest.dispute) {
    const { dispute } = await client.request(`query($id: ID!) { dispute(id: $id) { number status disputedAmount currency dueDate } }`, { id: latest.dispute });
    lines.push(`dispute ${dispute.number} ${dispute.status}: ${dispute.disputedAmount} ${dispute.currency}, the mismatched calls attached`);
  }
  return lines;
}
