import type { DataSource, EntityManager } from "typeorm";
import { AuditedEntity, auditSnapshot, BadUserInputError, ConflictError, currencyMinorUnits, EventConsumer, isIsoDate, NotFoundError, startOfLocalDate, type EventRecord, type EventWakeups, type Logger, type Principal, type BillingCycle, type CycleState, type RoundingMode } from "@intersettle/shared";
import { invoicingAudit } from "../audit-trail";
import { BillingAccount, InvoiceSide } from "../../entities";
import { RoundingScope, type SettlementTerms } from "../../domain";

interface PartnerPayload {
  id: string;
  code: string;
  legalName: string;
  roles: string[];
  currency: string;
  timezone: string;
  billingCycle: string;
  paymentTermsDays: number;
  taxRatePercent: string;
  rounding: { decimals: number; mode: string; scope: string };
  status: string;
  contacts?: Array<{ role: string; email: string | null }>;
}

/** Invoicing's view of partners, kept current from the `partners` topic; never read from the partners schema. */
export class BillingAccounts {
  readonly consumer: EventConsumer;

  constructor(private readonly dataSource: DataSource, wakeups: EventWakeups, logger?: Logger) {
    this.consumer = new EventConsumer(dataSource, wakeups, { name: "invoicing.billing-accounts", topics: ["partners"], handle: applyPartnerEvent, logger });
  }

  /** A partner's account; catches up with the log first when the partner is not known yet. */
  async get(partnerId: string, manager: EntityManager = this.dataSource.manager): Promise<BillingAccount> {
    let account = await manager.findOneBy(BillingAccount, { partnerId });
    if (!account) {
      await this.consumer.drain();
      account = await manager.findOneBy(BillingAccount, { partnerId });
    }
    if (!account) throw new NotFoundError("Partner", partnerId);
    return account;
  }

  /**
   * Where a partner's billing begins, for a partner onboarded with traffic already rated: the first scheduled run
   * bills the period holding this local date. Only before its first scheduled run, so nothing billed is skipped or repeated.
   */
  async setBillingStart(principal: Principal, partnerId: string, date: string): Promise<BillingAccount> {
    if (!isIsoDate(date)) throw new BadUserInputError([{ field: "date", message: "must be a date YYYY-MM-DD" }]);
    await this.get(partnerId);
    return this.dataSource.transaction(async (manager) => {
      const account = await manager.findOneOrFail(BillingAccount, { where: { partnerId }, lock: { mode: "pessimistic_write" } });
      if (account.receivableBilledThrough || account.payableBilledThrough) throw new ConflictError("The partner's scheduled billing has started; run earlier periods on demand instead", { field: "date" });
      const before = auditSnapshot(account);
      account.billingStart = startOfLocalDate(date, account.timezone);
      const saved = await manager.save(account);
      await invoicingAudit.record(manager, principal, { entityType: AuditedEntity.BILLING_ACCOUNT, entityId: partnerId, partnerId, action: "billing_account.start_set", before, after: auditSnapshot(saved) });
      return saved;
    });
  }

  all(): Promise<BillingAccount[]> {
    return this.dataSource.getRepository(BillingAccount).find({ order: { code: "ASC" } });
  }
}

/** A partner bills us as VENDOR and is billed as CUSTOMER; each role has its side. */
export function sidesOf(account: Pick<BillingAccount, "roles">): InvoiceSide[] {
  const sides: InvoiceSide[] = [];
  if (account.roles.includes("CUSTOMER")) sides.push(InvoiceSide.RECEIVABLE);
  if (account.roles.includes("VENDOR")) sides.push(InvoiceSide.PAYABLE);
  return sides;
}

/**
 * The partner's terms for invoicing. Invoice amounts are money to be paid, so they are rounded to the partner's
 * decimals but never finer than the currency's minor units (a 4-decimal per-CDR rule still bills whole cents).
 */
export function settlementTerms(account: BillingAccount): SettlementTerms {
  return {
    currency: account.currency,
    taxRatePercent: account.taxRatePercent,
    rounding: {
      decimals: Math.min(account.roundingDecimals, currencyMinorUnits(account.currency)),
      mode: account.roundingMode as RoundingMode,
      scope: account.roundingScope === "PER_CDR" ? RoundingScope.PER_CDR : RoundingScope.PER_INVOICE_LINE,
    },
    paymentTermsDays: account.paymentTermsDays,
    timezone: account.timezone,
  };
}

export function cycleState(account: BillingAccount, side: InvoiceSide): CycleState {
  const billedThrough = side === InvoiceSide.RECEIVABLE ? account.receivableBilledThrough : account.payableBilledThrough;
  return { cycle: account.billingCycle as BillingCycle, timezone: account.timezone, billedThrough: billedThrough ?? undefined, billingStart: account.billingStart };
}

async function applyPartnerEvent(event: EventRecord, manager: EntityManager): Promise<void> {
  if (!event.type.startsWith("partner.")) return;
  const p = event.payload as PartnerPayload;
  const emails = (p.contacts ?? []).filter((c) => c.role === "BILLING" && c.email).map((c) => c.email!);
  await manager.query(
    `INSERT INTO invoicing.billing_account (partner_id, code, legal_name, roles, currency, timezone, billing_cycle, payment_terms_days,
       tax_rate_percent, rounding_decimals, rounding_mode, rounding_scope, billing_emails, status, billing_start)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (partner_id) DO UPDATE SET code = EXCLUDED.code, legal_name = EXCLUDED.legal_name, roles = EXCLUDED.roles,
       currency = EXCLUDED.currency, timezone = EXCLUDED.timezone, billing_cycle = EXCLUDED.billing_cycle,
       payment_terms_days = EXCLUDED.payment_terms_days, tax_rate_percent = EXCLUDED.tax_rate_percent,
       rounding_decimals = EXCLUDED.rounding_decimals, rounding_mode = EXCLUDED.rounding_mode, rounding_scope = EXCLUDED.rounding_scope,
       billing_emails = EXCLUDED.billing_emails, status = EXCLUDED.status`,
    [p.id, p.code, p.legalName, p.roles, p.currency, p.timezone, p.billingCycle, p.paymentTermsDays, p.taxRatePercent, p.rounding.decimals, p.rounding.mode, p.rounding.scope, emails, p.status, event.occurredAt],
  );
}
