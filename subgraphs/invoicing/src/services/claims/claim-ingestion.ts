import { addAbortSignal, type Readable } from "node:stream";
import type { DataSource, EntityManager } from "typeorm";
import {
  assertNoProblems, AuditedEntity, auditSnapshot, cdrLimits, CdrFormat, claimJob, describePrincipal, ExplainedFailure, failureReason, ForbiddenError, IngestionFileError, IngestionInterruptedError, layoutFor, newId, PartnerScope, resolveCdrColumns,
  Role, rolesOf, timezoneProblem, type CdrLayout, type CdrValueSettings, type FieldProblem, type Logger, type Principal,
} from "@intersettle/shared";
import { Claim, ClaimStatus } from "../../entities";
import { claimPeriodOf, InvoiceSide, type ClaimKind, type ClaimPeriod } from "../../domain";
import type { BillingAccounts } from "../accounts/billing-accounts";
import type { ClaimReconciler } from "../reconciliation/reconciliation-ports";
import { invoicingAudit } from "../audit-trail";
import { toClaimLayout, type ClaimLayouts } from "./claim-layouts";
import { claimRecordBatches } from "./claim-records";
import { readCdrClaim, readInvoiceClaim, type ClaimCounts } from "./claim-readers";
import { ClaimRows } from "./claim-rows";
import { checkedSha256, spool } from "./claim-file-body";

/** A partner's file to take in as a claim: an invoice through a layout, or CDRs in a mediation format. */
export interface ClaimFile {
  partnerId: string;
  side: string;
  /** A month, YYYY-MM, in the partner's timezone; or periodStart and periodEnd. */
  period?: string;
  periodStart?: string;
  periodEnd?: string;
  /** INVOICE: the partner's claim layout, by id or name. */
  layout?: string;
  /** CDRS: NATIVE, ASTERISK, FREESWITCH, or CUSTOM with `cdrLayout`. */
  format?: string;
  cdrLayout?: CdrLayout;
  /** CDRS: the zone of times written without an offset; default the partner's. */
  timezone?: string;
  /** ISO 4217; default the partner's currency. */
  currency?: string;
  fileName: string;
  body: Readable;
  /** When known (the CLI and drop folders send it), the claim is found before the file is read; it is checked as it is read. */
  fileSha256?: string;
  /** Aborts when the hub stops (drop folders): the claim's transaction rolls back and the file is read again later. */
  signal?: AbortSignal;
}

/** NATIVE files may carry what the partner charges per call in an `amount` column. */
const NATIVE_CLAIM_LAYOUT: CdrLayout = { ...layoutFor(CdrFormat.NATIVE), columns: { ...layoutFor(CdrFormat.NATIVE).columns, amount: "amount" } };

interface ClaimPlan {
  partnerId: string;
  side: InvoiceSide;
  kind: ClaimKind;
  period: ClaimPeriod;
  currency: string;
  layoutId: string | null;
  cdrFormat: string | null;
  cdrLayout: CdrLayout | null;
  cdrTimezone: string | null;
}

/**
 * Takes in partners' claims: the file streamed once, its records written with COPY in the claim's one transaction,
 * every record it could not take kept with line, field, reason and raw text (read = accepted + duplicate +
 * rejected). The same file again (same partner, side and SHA-256) is the same claim, answered without reading it,
 * unless it FAILED (then it is read again). A RECEIVED claim goes to the reconciler.
 */
export class ClaimIngestion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccounts,
    private readonly layouts: ClaimLayouts,
    private readonly settings: { databaseUrl: string; cdrValues: CdrValueSettings; reconciler?: ClaimReconciler; logger?: Logger },
  ) {}

  async ingest(principal: Principal, file: ClaimFile): Promise<Claim> {
    const plan = await this.plan(principal, file);
    const spooled = file.fileSha256 ? undefined : await spool(file.body);
    try {
      const sha256 = file.fileSha256 ?? spooled!.sha256;
      const body = spooled?.body ?? file.body;
      const claim = await this.open(principal, plan, file.fileName, sha256);
      if (claim.status === ClaimStatus.RECEIVED || claim.status === ClaimStatus.RECONCILED) {
        body.resume();
        return claim;
      }
      const read = await this.read(principal, claim, plan, file.fileName, spooled ? body : checkedSha256(body, sha256, file.fileName), file.signal);
      return read.status === ClaimStatus.RECEIVED ? await this.reconcile(principal, read) : read;
    } finally {
      spooled?.remove();
    }
  }

  /** Who may send it and what it is: the request checked before a byte is read. */
  private async plan(principal: Principal, file: ClaimFile): Promise<ClaimPlan> {
    const roles = rolesOf(principal);
    if (principal.kind === "partner" && principal.readOnly) throw new ForbiddenError("This partner may only read its account while it is blocked");
    if (!roles.has(Role.OPERATOR) && !roles.has(Role.SERVICE) && !roles.has(Role.PARTNER)) throw new ForbiddenError("Sending a claim needs the OPERATOR role");
    const problems: FieldProblem[] = [];
    if (!file.partnerId) assertNoProblems([{ field: "partnerId", message: "is required" }]);
    const partnerId = PartnerScope.of(principal).partnerFilter(file.partnerId)!;
    const account = await this.accounts.get(partnerId);
    if (file.side !== InvoiceSide.RECEIVABLE && file.side !== InvoiceSide.PAYABLE) problems.push({ field: "side", message: "must be RECEIVABLE (a customer's claim) or PAYABLE (a vendor's)" });
    const { period, problems: periodProblems } = claimPeriodOf(file, account.timezone);
    problems.push(...periodProblems);
    const currency = (file.currency || account.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) problems.push({ field: "currency", message: "must be an ISO 4217 code" });
    if (!!file.layout === !!file.format) problems.push({ field: "layout", message: "give either layout (an invoice) or format (a CDR file)" });
    const timezone = file.timezone || account.timezone;
    if (file.format && timezoneProblem(timezone)) problems.push({ field: "timezone", message: timezoneProblem(timezone)! });
    const cdrLayout = file.format ? this.cdrLayout(file, problems) : null;
    assertNoProblems(problems);
    const layout = file.layout ? await this.layouts.get(partnerId, file.layout) : null;
    return {
      partnerId, side: file.side as InvoiceSide, kind: layout ? "INVOICE" : "CDRS", period: period!, currency,
      layoutId: layout?.id ?? null, cdrFormat: file.format ?? null, cdrLayout, cdrTimezone: file.format ? timezone : null,
    };
  }

  private cdrLayout(file: ClaimFile, problems: FieldProblem[]): CdrLayout | null {
    const format = file.format as CdrFormat;
    if (!Object.values(CdrFormat).includes(format)) {
      problems.push({ field: "format", message: `must be one of ${Object.values(CdrFormat).join(", ")}` });
      return null;
    }
    if (format === CdrFormat.NATIVE) return NATIVE_CLAIM_LAYOUT;
    if (format !== CdrFormat.CUSTOM) return layoutFor(format);
    const custom = file.cdrLayout;
    if (!custom || typeof custom.delimiter !== "string" || typeof custom.columns !== "object" || custom.columns === null) {
      problems.push({ field: "cdrLayout", message: "CUSTOM needs a layout: { delimiter, header, columns, durationUnit }" });
      return null;
    }
    const layout: CdrLayout = { ...custom, durationUnit: custom.durationUnit ?? "SECONDS", header: custom.header ?? true };
    if (!layout.header) for (const f of resolveCdrColumns(layout).missing) problems.push({ field: `cdrLayout.columns.${f}`, message: "is required" });
    return layout;
  }

  /** The claim for this file: a new one, or the one the same file made before. */
  private async open(principal: Principal, plan: ClaimPlan, fileName: string, sha256: string): Promise<Claim> {
    return this.dataSource.transaction(async (manager) => {
      const id = newId();
      const inserted = await manager.query(
        `INSERT INTO invoicing.claim (id, partner_id, side, kind, period_start, period_end, currency, layout_id, cdr_format, cdr_layout, cdr_timezone, file_name, file_sha256, status, received_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (partner_id, side, file_sha256) DO NOTHING RETURNING id`,
        [id, plan.partnerId, plan.side, plan.kind, plan.period.start, plan.period.end, plan.currency, plan.layoutId, plan.cdrFormat, plan.cdrLayout && JSON.stringify(plan.cdrLayout), plan.cdrTimezone, fileName, sha256, ClaimStatus.RECEIVING, describePrincipal(principal)],
      );
      if (inserted.length === 0) return manager.findOneByOrFail(Claim, { partnerId: plan.partnerId, side: plan.side, fileSha256: sha256 });
      const claim = await manager.findOneByOrFail(Claim, { id });
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.CLAIM, entityId: id, partnerId: plan.partnerId, action: "claim.receiving", before: null, after: auditSnapshot(claim) });
      return claim;
    });
  }

  /** Reads the file into the claim in one transaction: all its rows and RECEIVED, or none and FAILED with the reason. */
  private async read(principal: Principal, claim: Claim, plan: ClaimPlan, fileName: string, body: Readable, signal?: AbortSignal): Promise<Claim> {
    if (signal) addAbortSignal(signal, body);
    const lock = await claimJob(this.settings.databaseUrl, claim.id);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const current = await manager.findOneOrFail(Claim, { where: { id: claim.id }, lock: { mode: "pessimistic_write" } });
        if (current.status === ClaimStatus.RECEIVED || current.status === ClaimStatus.RECONCILED) return current;
        for (const table of ["claim_line", "claim_call", "claim_rejection"]) await manager.query(`DELETE FROM invoicing.${table} WHERE claim_id = $1`, [claim.id]);
        const counts = await this.records(manager, claim.id, plan, fileName, body);
        return this.finish(manager, principal, current, plan, fileName, { ...counts, status: ClaimStatus.RECEIVED, failure: null });
      });
    } catch (err) {
      body.resume();
      // Stopped, not failed: nothing of it was kept, it stays RECEIVING and the same file reads it again.
      if (signal?.aborted) throw new IngestionInterruptedError(claim.id);
      const errorId = newId();
      if (!(err instanceof IngestionFileError || err instanceof ExplainedFailure)) this.settings.logger?.error({ err, errorId, claimId: claim.id }, "claim ingestion failed");
      const failure = failureReason(err, errorId).replace("; send the same file again to resume from the last written line", "; send the same file again to read it again");
      return this.dataSource.transaction(async (manager) => {
        const current = await manager.findOneOrFail(Claim, { where: { id: claim.id }, lock: { mode: "pessimistic_write" } });
        return this.finish(manager, principal, current, plan, fileName, { read: 0, accepted: 0, duplicate: 0, rejected: 0, status: ClaimStatus.FAILED, failure });
      });
    } finally {
      await lock.end().catch(() => undefined);
    }
  }

  private records(manager: EntityManager, claimId: string, plan: ClaimPlan, fileName: string, body: Readable): Promise<ClaimCounts> {
    const rows = new ClaimRows(manager, claimId);
    if (plan.kind === "CDRS") {
      const layout = plan.cdrLayout!;
      const rules = { timezone: plan.cdrTimezone!, limits: cdrLimits(this.settings.cdrValues, new Date()) };
      return readCdrClaim(claimRecordBatches(body, fileName, "CSV", layout.delimiter, null), layout, rules, plan.period, rows, fileName);
    }
    return (async () => {
      const layout = toClaimLayout(await this.layouts.get(plan.partnerId, plan.layoutId!));
      return readInvoiceClaim(claimRecordBatches(body, fileName, layout.format, layout.delimiter, layout.sheet), layout, plan.currency, rows, fileName);
    })();
  }

  /** The claim's outcome, audited; a claim sent again after it failed takes this request's period and layout. */
  private async finish(manager: EntityManager, principal: Principal, claim: Claim, plan: ClaimPlan, fileName: string, outcome: ClaimCounts & { status: ClaimStatus; failure: string | null }): Promise<Claim> {
    const before = auditSnapshot(claim);
    Object.assign(claim, {
      kind: plan.kind, periodStart: plan.period.start, periodEnd: plan.period.end, currency: plan.currency, layoutId: plan.layoutId, cdrFormat: plan.cdrFormat, cdrLayout: plan.cdrLayout, cdrTimezone: plan.cdrTimezone, fileName,
      ...outcome, finishedAt: new Date(),
    });
    const saved = await manager.save(claim);
    await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.CLAIM, entityId: claim.id, partnerId: claim.partnerId, action: outcome.status === ClaimStatus.FAILED ? "claim.failed" : "claim.received", before, after: auditSnapshot(saved) });
    return saved;
  }

  /**
   * Hands a RECEIVED claim with at least one accepted record to reconciliation. Its failure does not undo the claim: it stays RECEIVED, the error is
   * logged with the claim's id, and an operator runs the reconciliation again.
   */
  private async reconcile(principal: Principal, claim: Claim): Promise<Claim> {
    const reconciler = this.settings.reconciler;
    // A file none of whose records was taken claims nothing we could compare: reconciling it would dispute all our traffic.
    if (!reconciler || claim.accepted === 0) return claim;
    try {
      await reconciler.reconcileClaim(principal, claim.id);
    } catch (err) {
      this.settings.logger?.error({ err, claimId: claim.id }, "reconciling a received claim failed; the claim stays RECEIVED for an operator to reconcile again");
      return claim;
    }
    return this.dataSource.manager.findOneByOrFail(Claim, { id: claim.id });
  }
}
