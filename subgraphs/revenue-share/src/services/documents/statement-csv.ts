import Papa from "papaparse";
import type { ContentPartner, Statement, StatementLineEntity } from "../../entities";

const HEADER = [
  "statement", "partner", "period_from", "period_to", "timezone", "currency", "status", "position", "service_code", "service_name", "party_role",
  "kind", "deduction", "model", "tier", "basis", "tier_from", "transactions", "base", "rate", "adjusted_from", "adjusted_to", "amount", "description",
];

/**
 * The statement as one CSV record per line, in order, every amount exact: the payable is the sum of the amounts of
 * SHARE, MINIMUM_GUARANTEE, CAP and ADJUSTMENT lines. Fields a spreadsheet would run as a formula are escaped.
 */
export function statementCsv(statement: Statement, partner: Pick<ContentPartner, "code">, lines: StatementLineEntity[]): string {
  const text = (v: { toFixed(): string } | string | number | null) => (v === null ? "" : typeof v === "object" ? v.toFixed() : String(v));
  const rows = lines.map((l) => [
    statement.number ?? `DRAFT-${statement.id}`, partner.code, statement.firstDate, statement.lastDate, statement.timezone, statement.currency, statement.status,
    l.position, l.serviceCode, l.serviceName, l.partyRole, l.kind, l.deduction, l.model, l.tier, l.basis, l.tierFrom, l.transactions, l.base, l.rate,
    l.adjustedFirstDate, l.adjustedLastDate, l.amount, l.description,
  ].map(text));
  return Papa.unparse({ fields: HEADER, data: rows }, { newline: "\r\n", escapeFormulae: true }) + "\r\n";
}
