import { formatAmountFigures, type InvoiceDocument, type InvoiceDocumentLine } from "../../domain";
import { drawText, MUTED, PAGE, roomFor, rule, textHeight, type Pdf } from "@intersettle/shared";

/** What one cell shows: a main value and, smaller underneath, what qualifies it. */
interface Cell {
  main: string;
  sub?: string;
}

interface Column {
  header: string;
  width: number;
  align: "left" | "right";
  cell(line: InvoiceDocumentLine, currency: string): Cell;
}

const wholeNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Widths add up to the page's content width (505 pt). */
const COLUMNS: Column[] = [
  {
    header: "Destination", width: 170, align: "left",
    cell: (line) => ({ main: line.destination, sub: [line.period && `Period ${line.period.from} to ${line.period.to}`, line.description].filter(Boolean).join(" · ") }),
  },
  { header: "Service", width: 60, align: "left", cell: (line) => ({ main: line.service }) },
  { header: "Calls", width: 45, align: "right", cell: (line) => ({ main: wholeNumber.format(line.calls) }) },
  { header: "Quantity", width: 70, align: "right", cell: (line) => ({ main: line.quantity }) },
  {
    header: "Rate", width: 75, align: "right",
    cell: (line, currency) => ({
      main: `${line.rate.toFixed()} ${line.rateCurrency}`,
      sub: line.exchangeRate ? `1 ${line.rateCurrency} = ${line.exchangeRate.toFixed()} ${currency}` : undefined,
    }),
  },
  { header: "Net", width: 85, align: "right", cell: (line, currency) => ({ main: formatAmountFigures(line.net, currency) }) },
];

const PAD = 3;
const HEADER_HEIGHT = 16;
const MAIN = { size: 8, maxHeight: 30 } as const;
const SUB = { size: 6.5, color: MUTED, maxHeight: 26 } as const;

/**
 * Draws the document's lines from `y` down, as many pages as they need: each row is kept whole on one page and every
 * page the table runs onto starts with `continuedAs` and the column headers again. Returns the y below the table.
 */
export function drawLineTable(doc: Pdf, document: InvoiceDocument, y: number, continuedAs: string): number {
  y = drawHeader(doc, roomFor(doc, y, HEADER_HEIGHT + 2 * (MAIN.size + 2 * PAD)));
  if (document.lines.length === 0) return drawText(doc, "No lines in this period.", PAGE.left + PAD, y + PAD, 300, { size: 8, color: MUTED }) + PAD;
  for (const line of document.lines) {
    const cells = COLUMNS.map((column) => column.cell(line, document.currency));
    const height = rowHeight(doc, cells);
    if (y + height > PAGE.bottom) {
      doc.addPage();
      y = drawText(doc, continuedAs, PAGE.left, PAGE.top, 400, { font: "bold", size: 9, color: MUTED }) + 6;
      y = drawHeader(doc, y);
    }
    drawRow(doc, cells, y);
    y += height;
    rule(doc, y, PAGE.left, PAGE.right, 0.25);
  }
  return y;
}

function drawHeader(doc: Pdf, y: number): number {
  doc.save().rect(PAGE.left, y, PAGE.right - PAGE.left, HEADER_HEIGHT).fill("#EEEEEE").restore();
  let x = PAGE.left;
  for (const column of COLUMNS) {
    drawText(doc, column.header, x + PAD, y + 4, column.width - 2 * PAD, { font: "bold", size: 8, align: column.align });
    x += column.width;
  }
  return y + HEADER_HEIGHT;
}

function rowHeight(doc: Pdf, cells: Cell[]): number {
  const heights = cells.map((cell, i) => {
    const width = COLUMNS[i].width - 2 * PAD;
    return textHeight(doc, cell.main, width, MAIN) + (cell.sub ? textHeight(doc, cell.sub, width, SUB) : 0);
  });
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(doc: Pdf, cells: Cell[], y: number): void {
  let x = PAGE.left;
  cells.forEach((cell, i) => {
    const { width, align } = COLUMNS[i];
    const below = drawText(doc, cell.main, x + PAD, y + PAD, width - 2 * PAD, { ...MAIN, align });
    if (cell.sub) drawText(doc, cell.sub, x + PAD, below, width - 2 * PAD, { ...SUB, align });
    x += width;
  });
}
