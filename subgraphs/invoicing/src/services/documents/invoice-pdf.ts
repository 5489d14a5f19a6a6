import {
  amountInWords, checkInvoiceDocument, formatAmountFigures, InvoiceSide, invoiceDocumentTitle,
  type DocumentParty, type InvoiceDocument,
} from "../../domain";
import { drawLineTable } from "./invoice-line-table";
import { CONTENT_WIDTH, drawPageFooters, drawText, MUTED, newA4Pdf, PAGE, pdfBytes, roomFor, rule, type Pdf } from "@intersettle/shared";

/**
 * The document as an A4 PDF: title, number and dates, both parties, the lines over as many pages as they take, totals
 * with the gross in figures and in words, the exchange rates used, payment details and notes, and on every page a
 * footer with the number and "Page n of m". The document is checked first (see checkInvoiceDocument).
 */
export async function renderInvoicePdf(document: InvoiceDocument): Promise<Buffer> {
  checkInvoiceDocument(document);
  const title = invoiceDocumentTitle(document);
  const doc = newA4Pdf({ Title: `${title} ${document.number}`, Author: document.issuer.name, Subject: `${title} for ${document.period.from} to ${document.period.to}` });
  const pdf = pdfBytes(doc);

  let y = drawHeading(doc, document, title);
  y = drawParties(doc, document, y + 18);
  y = drawLineTable(doc, document, y + 18, `${title} ${document.number} (continued)`);
  y = drawTotals(doc, document, y + 10);
  y = drawSection(doc, "Amount in words", [amountInWords(document.gross, document.currency)], y + 8);
  if (document.exchangeRates.length > 0) {
    y = drawSection(doc, "Exchange rates used", document.exchangeRates.map((r) => `1 ${r.from} = ${r.rate.toFixed()} ${r.to}`), y);
  }
  if (document.paymentDetails.length > 0) y = drawSection(doc, "Payment details", document.paymentDetails, y);
  if (document.notes?.trim()) drawSection(doc, "Notes", [document.notes], y);
  drawPageFooters(doc, `${title} ${document.number}`);
  doc.end();
  return pdf;
}

function drawHeading(doc: Pdf, document: InvoiceDocument, title: string): number {
  let left = drawText(doc, title, PAGE.left, PAGE.top, 270, { font: "bold", size: 18 });
  if (document.side === InvoiceSide.PAYABLE) {
    const theirs = invoiceDocumentTitle({ kind: document.kind, side: InvoiceSide.RECEIVABLE }).toLowerCase();
    const notice = `Our record of the ${theirs} we expect from ${document.issuer.name}. It is not a bill of ours.`;
    left = drawText(doc, notice, PAGE.left, left + 4, 270, { size: 8, color: MUTED });
  }
  const facts: [string, string][] = [
    ["Number", document.number],
    ["Issue date", document.issueDate],
    ["Due date", document.dueDate],
    ["Period", `${document.period.from} to ${document.period.to}`],
    ["Timezone", document.timezone],
  ];
  if (document.corrects) facts.push(["Corrects invoice", document.corrects]);
  let right = PAGE.top;
  for (const [label, value] of facts) {
    drawText(doc, label, PAGE.left + 300, right, 80, { size: 9, color: MUTED });
    right = drawText(doc, value, PAGE.left + 380, right, CONTENT_WIDTH - 380, { font: label === "Number" ? "bold" : "regular", size: 9 }) + 2;
  }
  return Math.max(left, right);
}

function drawParties(doc: Pdf, document: InvoiceDocument, y: number): number {
  const from = drawParty(doc, "From", document.issuer, PAGE.left, y);
  const to = drawParty(doc, "To", document.recipient, PAGE.left + 265, y);
  return Math.max(from, to);
}

function drawParty(doc: Pdf, label: string, party: DocumentParty, x: number, y: number): number {
  const width = 240;
  y = drawText(doc, label.toUpperCase(), x, y, width, { font: "bold", size: 7.5, color: MUTED }) + 2;
  y = drawText(doc, party.name, x, y, width, { font: "bold", size: 10, maxHeight: 40 });
  const details = [...party.addressLines, party.taxId && `Tax ID: ${party.taxId}`, party.email && `E-mail: ${party.email}`];
  for (const detail of details) if (detail) y = drawText(doc, detail, x, y, width, { size: 9, maxHeight: 24 });
  return y;
}

function drawTotals(doc: Pdf, document: InvoiceDocument, y: number): number {
  const label = document.kind === "CREDIT_NOTE" ? "Total credited" : "Total due";
  const rows: [string, string, boolean][] = [
    ["Net", formatAmountFigures(document.net, document.currency), false],
    [`Tax ${document.taxRatePercent.toFixed()}%`, formatAmountFigures(document.tax, document.currency), false],
    [label, formatAmountFigures(document.gross, document.currency), true],
  ];
  y = roomFor(doc, y, rows.length * 15 + 4);
  const labelX = PAGE.left + 285;
  for (const [text, amount, total] of rows) {
    if (total) rule(doc, y, labelX, PAGE.right, 0.75);
    const style = { font: total ? "bold" : "regular", size: total ? 10 : 9 } as const;
    drawText(doc, text, labelX, y + 3, 120, style);
    y = drawText(doc, amount, labelX + 120, y + 3, PAGE.right - labelX - 120, { ...style, align: "right" }) + 1;
  }
  return y;
}

/** A heading and its lines, kept on one page when they fit on one. */
function drawSection(doc: Pdf, heading: string, lines: string[], y: number): number {
  const height = 14 + lines.length * 12;
  y = roomFor(doc, y + 8, Math.min(height, PAGE.bottom - PAGE.top));
  y = drawText(doc, heading, PAGE.left, y, CONTENT_WIDTH, { font: "bold", size: 9 }) + 2;
  for (const line of lines) y = drawText(doc, line, PAGE.left, y, CONTENT_WIDTH, { size: 9 });
  return y;
}
