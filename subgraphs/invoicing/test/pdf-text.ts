import PDFParser from "pdf2json";

/** The text of each page of a PDF, as a reader's PDF library extracts it (lines top to bottom, whitespace runs made one space). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  // pdf2json reads a Buffer's whole ArrayBuffer, ignoring its offset: a small pooled Buffer must be copied out first.
  const copy = Buffer.alloc(pdf.length);
  pdf.copy(copy);
  const parser = new PDFParser(null, true);
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on("pdfParser_dataError", (error) => reject("parserError" in error ? error.parserError : error));
      parser.on("pdfParser_dataReady", () => resolve());
      // Verbosity below 1 quiets pdf.js's warnings ("Setting up fake worker"); pdf2json takes 0 for "not given".
      parser.parseBuffer(copy, -1);
    });
    const pages = parser.getRawTextContent().split(/-+Page \(\d+\) Break-+/).slice(0, -1);
    // Lines come bottom first (PDF space counts y upwards): turn them back into reading order.
    return pages.map((page) => page.split(/\r?\n/).reverse().join(" ").replace(/\s+/g, " ").trim());
  } finally {
    parser.destroy();
  }
}
