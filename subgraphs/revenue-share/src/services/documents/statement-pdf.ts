import { CONTENT_WIDTH, currencyMinorUnits, drawPageFooters, drawText, MUTED, newA4Pdf, PAGE, pdfBytes, roomFor, rule, textHeight, type Pdf } from "@intersettle/shared";
import { StatementLineKind } from "../../domain";
import type { ContentPartner, Statement, StatementLineEntity } from "../../entities";

const DETAIL_KINDS = new Set<string>([StatementLineKind.GROSS, StatementLineKind.DEDUCTION, StatementLineKind.NET]);

/**
 * The statement as an A4 PDF: heading with number, period and status, the partner, then per service its lines — the
 * revenue (gross, deductions, net) in grey, the partner's share lines, top-up, cap and adjustments in black — and the
 * totals, each page footed with the number and "Page n of m".
 */
export async function renderStatementPdf(statement: Statement, partner: Pick<ContentPartner, "code" | "legalName">, lines: StatementLineEntity[], issuer: string): Promise<Buffer> {
  const title = `Revenue-share statement ${statement.number ?? "(draft)"}`;
  const doc = newA4Pdf({ Title: title, Author: issuer, Subject: `${partner.legalName}, ${statement.firstDate} to ${statement.lastDate}` });
  const bytes = pdfBytes(doc);
  const money = (amount: { toFixed(n: number): string }) => `${amount.toFixed(currencyMinorUnits(statement.currency))} ${statement.currency}`;

  let y = drawText(doc, title, PAGE.left, PAGE.top, CONTENT_WIDTH, { font: "bold", size: 16 }) + 6;
  const facts: [string, string][] = [
    ["From", issuer],
    ["To", `${partner.legalName} (${partner.code})`],
    ["Period", `${statement.firstDate} to ${statement.lastDate} (${statement.timezone})`],
    ["Status", statement.status],
    ["Currency", statement.currency],
  ];
  for (const [label, value] of facts) {
    drawText(doc, label, PAGE.left, y, 80, { size: 9, color: MUTED });
    y = drawText(doc, value, PAGE.left + 80, y, CONTENT_WIDTH - 80, { size: 9 }) + 2;
  }
  let service = "";
  for (const line of lines) {
    if (line.serviceId !== service) {
      service = line.serviceId;
      y = roomFor(doc, y + 10, 40);
      y = drawText(doc, `${line.serviceName} (${line.serviceCode}) — ${line.partyRole}`, PAGE.left, y, CONTENT_WIDTH, { font: "bold", size: 10 }) + 2;
      rule(doc, y);
      y += 3;
    }
    y = drawLine(doc, line.description, money(line.amount), y, DETAIL_KINDS.has(line.kind));
  }
  y = roomFor(doc, y + 12, 110);
  rule(doc, y, PAGE.left + 250, PAGE.right, 0.75);
  y += 4;
  const totals: [string, { toFixed(n: number): string }, boolean][] = [
    ["Gross", statement.gross, false],
    ["Deductions", statement.deductions, false],
    ["Net shared", statement.net, false],
    ["Share", statement.share, false],
    ["Minimum-guarantee top-ups", statement.minimumGuaranteeTopUp, false],
    ["Caps", statement.capAdjustment, false],
    ["Adjustments of earlier periods", statement.adjustments, false],
    ["Payable to the partner", statement.payable, true],
  ];
  for (const [label, amount, total] of totals) {
    drawText(doc, label, PAGE.left + 250, y, 150, { size: total ? 10 : 9, font: total ? "bold" : "regular" });
    y = drawText(doc, money(amount), PAGE.left + 400, y, CONTENT_WIDTH - 400, { size: total ? 10 : 9, font: total ? "bold" : "regular", align: "right" }) + 2;
  }
  drawPageFooters(doc, title);
  doc.end();
  return bytes;
}

function drawLine(doc: Pdf, description: string, amount: string, y: number, detail: boolean): number {
  const style = { size: 8.5, color: detail ? MUTED : undefined, maxHeight: 40 } as const;
  y = roomFor(doc, y, textHeight(doc, description, 380, style) + 2);
  drawText(doc, description, PAGE.left + 8, y, 380, style);
  const below = drawText(doc, amount, PAGE.left + 390, y, CONTENT_WIDTH - 390, { ...style, align: "right" });
  return Math.max(below, y + textHeight(doc, description, 380, style)) + 1;
}
