import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { Decimal, newId, type Principal } from "@intersettle/shared";
import { Dispute, DisputeAttachment, Invoice, DocumentKind, InvoiceStatus, ReconciliationCallEntity, type InvoiceSide } from "../../entities";
import type { DestinationComparison, DestinationSummary, MismatchedCall } from "../../domain";

/** OPERATOR, PARTNER or SERVICE: who wrote a comment or sent a file. */
export function authorKind(principal: Principal): string {
  return principal.kind.toUpperCase();
}

export function newAttachment(dispute: Dispute, principal: Principal, author: string, file: { fileName: string; contentType: string; content: Buffer }): DisputeAttachment {
  return Object.assign(new DisputeAttachment(), {
    id: newId(),
    disputeId: dispute.id,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.content.length,
    sha256: createHash("sha256").update(file.content).digest("hex"),
    content: file.content,
    authorKind: authorKind(principal),
    author,
    createdAt: new Date(),
  });
}

/** The invoice (not a note, not void) of a partner and side whose period overlaps the dispute's; the latest if several. */
export async function invoiceOfPeriod(manager: EntityManager, partnerId: string, side: InvoiceSide, period: { start: Date; end: Date }): Promise<Invoice | null> {
  return manager
    .getRepository(Invoice)
    .createQueryBuilder("i")
    .where("i.partner_id = :partnerId AND i.side = :side AND i.kind = :kind AND i.status <> :void", { partnerId, side, kind: DocumentKind.INVOICE, void: InvoiceStatus.VOID })
    .andWhere("i.period_start < :end AND i.period_end > :start", { start: period.start, end: period.end })
    .orderBy("i.period_start", "DESC")
    .addOrderBy("i.id", "DESC")
    .getOne();
}

/** A reconciliation's first `limit` calls that did not match, in its order (the entity has the domain record's fields). */
export async function mismatchedCallsOf(manager: EntityManager, reconciliationId: string, limit: number): Promise<MismatchedCall[]> {
  return (await manager.find(ReconciliationCallEntity, { where: { reconciliationId }, order: { seq: "ASC" }, take: limit })) as MismatchedCall[];
}

interface DestinationRow {
  destination: string;
  status: DestinationComparison;
  our_calls: string;
  our_seconds: string;
  our_amount: string;
  their_calls: string;
  their_seconds: string;
  their_amount: string;
  difference: string;
}

/** A reconciliation's destinations, both sides' totals. */
export async function destinationsOf(manager: EntityManager, reconciliationId: string): Promise<DestinationSummary[]> {
  const rows: DestinationRow[] = await manager.query(`SELECT * FROM invoicing.reconciliation_destination WHERE reconciliation_id = $1 ORDER BY destination`, [reconciliationId]);
  return rows.map((r) => ({
    destination: r.destination,
    status: r.status,
    ours: { calls: Number(r.our_calls), seconds: Number(r.our_seconds), amount: new Decimal(r.our_amount) },
    theirs: { calls: Number(r.their_calls), seconds: Number(r.their_seconds), amount: new Decimal(r.their_amount) },
    difference: new Decimal(r.difference),
  }));
}
