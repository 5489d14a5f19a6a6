import PDFDocument from "pdfkit";
import { printableText } from "./printable-text";

export type Pdf = typeof PDFDocument;

/** A4 in points and the margins every page keeps; the footer sits below `bottom`. */
export const PAGE = { width: 595.28, height: 841.89, left: 45, right: 550.28, top: 45, bottom: 790 } as const;
export const CONTENT_WIDTH = PAGE.right - PAGE.left;

/** The standard PDF fonts: every viewer has them, so no font file ships with the hub. */
const FONTS = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
export const INK = "#111111";
export const MUTED = "#555555";
export const RULE = "#999999";
const LINE_GAP = 1;

export interface TextStyle {
  font?: keyof typeof FONTS;
  size?: number;
  color?: string;
  align?: "left" | "right" | "center";
  /** Cut the text off (with an ellipsis) past this height, so one long value cannot take a page. */
  maxHeight?: number;
}

/** Draws `text`, made printable, in a box `width` wide at (x, y); returns the y just below it. */
export function drawText(doc: Pdf, text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
  setStyle(doc, style);
  const printable = printableText(text);
  doc.text(printable, x, y, { width, align: style.align ?? "left", lineGap: LINE_GAP, height: style.maxHeight, ellipsis: style.maxHeight !== undefined });
  return doc.y;
}

/** How tall `text` would be drawn `width` wide in `style`. */
export function textHeight(doc: Pdf, text: string, width: number, style: TextStyle = {}): number {
  setStyle(doc, style);
  const height = doc.heightOfString(printableText(text), { width, lineGap: LINE_GAP });
  return style.maxHeight === undefined ? height : Math.min(height, style.maxHeight);
}

/** The y to draw `height` points at: `y` when they fit above the bottom margin, else the top of a new page. */
export function roomFor(doc: Pdf, y: number, height: number): number {
  if (y + height <= PAGE.bottom) return y;
  doc.addPage();
  return PAGE.top;
}

export function rule(doc: Pdf, y: number, from: number = PAGE.left, to: number = PAGE.right, width = 0.5): void {
  doc.save().moveTo(from, y).lineTo(to, y).lineWidth(width).strokeColor(RULE).stroke().restore();
}

function setStyle(doc: Pdf, style: TextStyle): void {
  doc.font(FONTS[style.font ?? "regular"]).fontSize(style.size ?? 9).fillColor(style.color ?? INK);
}

/** A4 document with the page margins above, pages kept so footers can be drawn once the page count is known. */
export function newA4Pdf(info: { Title: string; Author: string; Subject: string }): Pdf {
  return new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, left: PAGE.left, right: PAGE.width - PAGE.right, bottom: PAGE.height - PAGE.bottom },
    bufferPages: true,
    info: { Title: printableText(info.Title), Author: printableText(info.Author), Subject: printableText(info.Subject) },
  });
}

/** On every page, below the bottom margin: a rule, `label` and "Page n of m". */
export function drawPageFooters(doc: Pdf, label: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit open a new page; the footer lives there, so lift the margin.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    rule(doc, PAGE.bottom + 12);
    drawText(doc, label, PAGE.left, PAGE.bottom + 18, 300, { size: 7.5, color: MUTED });
    drawText(doc, `Page ${i - start + 1} of ${count}`, PAGE.right - 150, PAGE.bottom + 18, 150, { size: 7.5, color: MUTED, align: "right" });
    doc.page.margins.bottom = margin;
  }
}

/** The bytes pdfkit writes, once it has written them all (call before doc.end()). */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
