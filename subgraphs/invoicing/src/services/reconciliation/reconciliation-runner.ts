import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, copyLine, Decimal, describePrincipal, NotFoundError, openTextCopy, TextSpool, type Logger, type Principal } from "@intersettle/shared";
import {
  beyondTolerance, DEFAULT_MATCH_TOLERANCES, matchTolerances, DestinationTally, mismatchedCall, usageDirectionOf, varianceReason,
  type AgreementTolerance, type CallMatch, type DestinationSummary, type MatchTolerances, type OurCall, type ClaimKind, type InvoiceSide,
} from "../../domain";
import { Reconciliation, ReconciliationStatus } from "../../entities";
import { invoicingAudit } from "../audit-trail";
import type { BillingAccounts } from "../accounts/billing-accounts";
import type { ClaimReconciler, ReconciliationVariance, VarianceDisputes } from "./reconciliation-ports";
import { parseRatedCalls, type OurCallsSource, type RatedCallText } from "./rated-calls";
import type { SettlementAgreements } from "./settlement-agreements";
import { readClaimedLines } from "./claim-contents";
import { matchClaimCalls } from "./claim-call-matching";

interface ClaimRow {
  id: string;
  partnerId: string;
  side: InvoiceSide;
  kind: ClaimKind;
  periodStart: Date;
  periodEnd: Date;
  currency: string | null;
  status: string;
}

/** What one comparison found, before it is stored. */
interface Outcome {
  counts: Record<CallMatch["status"], number>;
  ourCalls: number;
  theirCalls: number;
  ourAmount: Decimal;
  theirAmount: Decimal;
  destinations: DestinationSummary[];
}

const CALL_COLUMNS = [
  "reconciliation_id", "seq", "status", "destination", "our_call_id", "our_start", "our_a_number", "our_b_number", "our_duration", "our_amount",
  "their_line", "their_call_id", "their_start", "their_a_number", "their_b_number", "their_duration", "their_amount", "difference",
];

/**
 * Compares a received claim with our rated calls of the same partner, leg and period, and stores the result: the
 * counts, every call not MATCHED (COPY), the destinations, and, beyond the agreement's tolerance, a dispute opened in
 * the same transaction. Each run is a new reconciliation (history kept); a failed run is kept FAILED with its reason.
 */
export class ReconciliationRunner implements ClaimReconciler {

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly agreements: SettlementAgreements,
    private readonly ourCalls: OurCallsSource,
    private readonly disputes: VarianceDisputes,
    private readonly logger?: Logger,
  ) {}

  /** Matching tolerances from a request: defaults for those not given; BAD_USER_INPUT for impossible ones. */
  tolerances(asked: Partial<MatchTolerances>): MatchTolerances {
    const { tolerances, problems } = matchTolerances(asked);
    if (problems.length > 0) throw new BadUserInputError(problems);
    return tolerances;
  }

  async reconcileClaim(principal: Principal, claimId: string, tolerances: MatchTolerances = DEFAULT_MATCH_TOLERANCES): Promise<{ reconciliationId: string }> {
    const claim = await this.claim(claimId);
    if (claim.status !== "RECEIVED" && claim.status !== "RECONCILED") throw new ConflictError(`Claim ${claimId} is ${claim.status}; only a received claim can be reconciled`, { field: "claimId" });
    const account = await this.accounts.get(claim.partnerId);
    // The agreement in force is the one the partners topic last said.
    const agreement = await this.agreements.toleranceOn(claim.partnerId, claim.periodStart, account.timezone);
    await this.failInterrupted();
    const reconciliation = await this.start(principal, claim, claim.currency ?? account.currency, tolerances, agreement);
    try {
      await this.dataSource.transaction(async (manager) => {
        // Held while the run lives: a RUNNING row whose lock is free belongs to a run that died (see failInterrupted).
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reconciliation:${reconciliation.id}`]);
        await this.compare(manager, principal, claim, reconciliation, tolerances, agreement);
      });
    } catch (err) {
      // Only an error meant for clients is kept as the reason; anything else by the id of its log line.
      const errorId = randomUUID();
      this.logger?.error({ err, errorId, claimId, reconciliationId: reconciliation.id }, "reconciliation failed");
      const failure = err instanceof GraphQLError ? err.message : `internal error ${errorId}`;
      await this.dataSource.query(`UPDATE invoicing.reconciliation SET status = $2, failure = $3, finished_at = now() WHERE id = $1`, [reconciliation.id, ReconciliationStatus.FAILED, failure.slice(0, 1000)]);
      throw err;
    }
    return { reconciliationId: reconciliation.id };
  }

  /**
   * Marks FAILED the runs a crash or restart cut short: RUNNING, past their first seconds (a run takes its lock just
   * after its row is written), and nobody holds their lock. Returns how many.
   */
  async failInterrupted(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE invoicing.reconciliation SET status = $1, failure = 'interrupted (the hub stopped during the run); reconcile the claim again', finished_at = now()
          WHERE status = $2 AND started_at < now() - interval '10 seconds' AND pg_try_advisory_xact_lock(hashtext('reconciliation:' || id::text))
          RETURNING id`,
        [ReconciliationStatus.FAILED, ReconciliationStatus.RUNNING],
      )) as [unknown[], number];
      return rows[1];
    });
  }

  private async claim(claimId: string): Promise<ClaimRow> {
    const [row] = (await this.dataSource.query(
      `SELECT id, partner_id AS "partnerId", side, kind, period_start AS "periodStart", period_end AS "periodEnd", currency, status FROM invoicing.claim WHERE id = $1`,
      [claimId],
    )) as ClaimRow[];
    if (!row) throw new NotFoundError("Claim", claimId);
    return row;
  }

  /** The RUNNING row, committed at once: a run that dies half way is visible, never a silent gap. */
  private start(principal: Principal, claim: ClaimRow, currency: string, tolerances: MatchTolerances, agreement: AgreementTolerance): Promise<Reconciliation> {
    const row = this.dataSource.getRepository(Reconciliation).create({
      id: randomUUID(), claimId: claim.id, partnerId: claim.partnerId, side: claim.side, periodStart: claim.periodStart, periodEnd: claim.periodEnd, currency,
      status: ReconciliationStatus.RUNNING, startToleranceSeconds: tolerances.startToleranceSeconds, durationToleranceSeconds: tolerances.durationToleranceSeconds,
      amountTolerance: tolerances.amountTolerance, tolerancePercent: agreement.tolerancePercent, toleranceAmount: agreement.toleranceAmount,
      ourCalls: 0, theirCalls: 0, matched: 0, durationMismatch: 0, rateMismatch: 0, missingOurs: 0, missingTheirs: 0,
      ourAmount: new Decimal(0), theirAmount: new Decimal(0), variance: new Decimal(0), disputeId: null, failure: null, requestedBy: describePrincipal(principal),
      startedAt: new Date(), finishedAt: null,
    });
    return this.dataSource.getRepository(Reconciliation).save(row);
  }

  private async compare(manager: EntityManager, principal: Principal, claim: ClaimRow, reconciliation: Reconciliation, tolerances: MatchTolerances, agreement: AgreementTolerance): Promise<void> {
    const ours = this.ourCalls.text({ partnerId: claim.partnerId, direction: usageDirectionOf(claim.side), from: claim.periodStart, to: claim.periodEnd });
    const outcome =
      claim.kind === "CDRS"
        ? await this.compareCalls(manager, claim.id, reconciliation, ours, tolerances)
        : await this.compareLines(manager, claim.id, reconciliation.currency, inCurrency(parseRatedCalls(ours), reconciliation.currency), tolerances);
    const d = outcome.destinations;
    await manager.query(
      `INSERT INTO invoicing.reconciliation_destination (reconciliation_id, destination, status, our_calls, our_seconds, our_amount, their_calls, their_seconds, their_amount, difference)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::numeric[], $7::bigint[], $8::bigint[], $9::numeric[], $10::numeric[])`,
      [
        reconciliation.id, d.map((x) => x.destination), d.map((x) => x.status), d.map((x) => x.ours.calls), d.map((x) => x.ours.seconds), d.map((x) => x.ours.amount.toFixed()),
        d.map((x) => x.theirs.calls), d.map((x) => x.theirs.seconds), d.map((x) => x.theirs.amount.toFixed()), d.map((x) => x.difference.toFixed()),
      ],
    );
    const variance = outcome.theirAmount.minus(outcome.ourAmount);
    const beyond = beyondTolerance(variance, outcome.ourAmount, agreement);
    Object.assign(reconciliation, {
      status: beyond ? ReconciliationStatus.BEYOND_TOLERANCE : ReconciliationStatus.WITHIN_TOLERANCE,
      ourCalls: outcome.ourCalls, theirCalls: outcome.theirCalls, matched: outcome.counts.MATCHED, durationMismatch: outcome.counts.DURATION_MISMATCH,
      rateMismatch: outcome.counts.RATE_MISMATCH, missingOurs: outcome.counts.MISSING_OURS, missingTheirs: outcome.counts.MISSING_THEIRS,
      ourAmount: outcome.ourAmount, theirAmount: outcome.theirAmount, variance, finishedAt: new Date(),
    });
    if (beyond) reconciliation.disputeId = await this.openDispute(manager, principal, claim, reconciliation, outcome, agreement);
    await manager.save(reconciliation);
    await manager.query(`UPDATE invoicing.claim SET status = 'RECONCILED' WHERE id = $1`, [claim.id]);
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.RECONCILIATION, entityId: reconciliation.id, partnerId: claim.partnerId, action: "reconciliation.completed", before: null, after: auditSnapshot(reconciliation) });
  }

  /** A CDR claim: call by call; every result not MATCHED is copied as it comes. */
  private async compareCalls(manager: EntityManager, claimId: string, reconciliation: Reconciliation, ours: AsyncIterable<RatedCallText>, tolerances: MatchTolerances): Promise<Outcome> {
    const tally = new DestinationTally();
    const outcome: Outcome = { counts: { MATCHED: 0, DURATION_MISMATCH: 0, RATE_MISMATCH: 0, MISSING_OURS: 0, MISSING_THEIRS: 0 }, ourCalls: 0, theirCalls: 0, ourAmount: new Decimal(0), theirAmount: new Decimal(0), destinations: [] };
    // Every call of either side is in exactly one result: counting the results' sides counts the calls. The
    // mismatched calls wait in a file while the transaction's connection streams the results.
    const mismatched = await TextSpool.open("reconciliation");
    try {
      let seq = 0;
      for await (const batch of matchClaimCalls(manager, claimId, ours, reconciliation.currency, tolerances)) {
        let lines = "";
        for (const match of batch) {
          outcome.counts[match.status]++;
          if (match.ours) outcome.ourCalls++;
          if (match.theirs) outcome.theirCalls++;
          tally.addMatch(match);
          if (match.status !== "MATCHED") lines += callLine(reconciliation.id, ++seq, match);
        }
        if (lines) await mismatched.write(lines);
      }
      const copy = await openTextCopy(manager, "invoicing.reconciliation_call", CALL_COLUMNS);
      try {
        for await (const chunk of mismatched.read()) await copy.batcher.add(chunk);
      } catch (err) {
        await copy.abort(err);
        throw err;
      }
      await copy.finish();
    } finally {
      await mismatched.discard();
    }
    return withTotals(outcome, tally.summaries(tolerances));
  }

  /** An invoice claim: per destination; no call is compared, so none is listed. */
  private async compareLines(manager: EntityManager, claimId: string, currency: string, ours: AsyncIterable<OurCall[]>, tolerances: MatchTolerances): Promise<Outcome> {
    const lines = await readClaimedLines(manager, claimId);
    const other = lines.find((l) => l.currency !== currency);
    if (other) throw new ConflictError(`Claim line ${other.line} is in ${other.currency}; the reconciliation compares in ${currency}`);
    const tally = new DestinationTally();
    let ourCalls = 0;
    for await (const batch of ours) {
      ourCalls += batch.length;
      for (const call of batch) tally.addOurs(call);
    }
    for (const line of lines) tally.addClaimedLine(line);
    const counts = { MATCHED: 0, DURATION_MISMATCH: 0, RATE_MISMATCH: 0, MISSING_OURS: 0, MISSING_THEIRS: 0 };
    return withTotals({ counts, ourCalls, theirCalls: lines.reduce((n, l) => n + l.calls, 0), ourAmount: new Decimal(0), theirAmount: new Decimal(0), destinations: [] }, tally.summaries(tolerances));
  }

  private async openDispute(manager: EntityManager, principal: Principal, claim: ClaimRow, r: Reconciliation, outcome: Outcome, agreement: AgreementTolerance): Promise<string | null> {
    const variance: ReconciliationVariance = {
      reconciliationId: r.id, claimId: claim.id, partnerId: claim.partnerId, side: claim.side, periodStart: claim.periodStart, periodEnd: claim.periodEnd,
      currency: r.currency, ourAmount: outcome.ourAmount, theirAmount: outcome.theirAmount, variance: r.variance,
      mismatchedCalls: r.durationMismatch + r.rateMismatch + r.missingOurs + r.missingTheirs,
      mismatchedDestinations: outcome.destinations.filter((d) => d.status !== "MATCHED").length,
      reason: varianceReason(r.variance, outcome.ourAmount, r.currency, agreement),
    };
    // Saved first: the dispute's evidence reads this reconciliation's rows in the same transaction.
    await manager.save(r);
    return (await this.disputes.openForVariance(manager, principal, variance)).disputeId;
  }
}

/** Both sides' amounts are the sums of their destinations'. */
function withTotals(outcome: Outcome, destinations: DestinationSummary[]): Outcome {
  const ourAmount = destinations.reduce((sum, d) => sum.plus(d.ours.amount), new Decimal(0));
  const theirAmount = destinations.reduce((sum, d) => sum.plus(d.theirs.amount), new Decimal(0));
  return { ...outcome, ourAmount, theirAmount, destinations };
}

/** Our calls, refused when one is in another currency than the reconciliation's (never compared across currencies). */
async function* inCurrency(batches: AsyncIterable<OurCall[]>, currency: string): AsyncGenerator<OurCall[]> {
  for await (const batch of batches) {
    const other = batch.find((call) => call.currency !== currency);
    if (other) throw new ConflictError(`Our call ${other.callId} is rated in ${other.currency}; the claim is in ${currency}`);
    yield batch;
  }
}

function callLine(reconciliationId: string, seq: number, match: CallMatch): string {
  const c = mismatchedCall(seq, match);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const dec = (d: Decimal | null) => (d ? d.toFixed() : null);
  return copyLine([
    reconciliationId, c.seq, c.status, c.destination, c.ourCallId, iso(c.ourStart), c.ourANumber, c.ourBNumber, c.ourDuration, dec(c.ourAmount),
    c.theirLine, c.theirCallId, iso(c.theirStart), c.theirANumber, c.theirBNumber, c.theirDuration, dec(c.theirAmount), c.difference.toFixed(),
  ]);
}
