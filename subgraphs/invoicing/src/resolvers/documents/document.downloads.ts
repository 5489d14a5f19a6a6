import { BadUserInputError, ForbiddenError, type FileDownloadHandler } from "@intersettle/shared";
import type { InvoicingServices } from "../../services";

/** GET /files/invoicing/invoice-pdf/<invoiceId>: an issued invoice's PDF; a partner gets only its own. */
export function invoicePdfDownload(services: InvoicingServices): FileDownloadHandler {
  return async (principal, { id }) => {
    if (!id) throw new BadUserInputError([{ field: "id", message: "the invoice id goes in the path" }]);
    return services.documents.pdfFor(principal, id);
  };
}

/** GET /files/invoicing/exports/<format>?from=YYYY-MM-DD&to=YYYY-MM-DD[&partnerId=…]: the ledger's import file, for operators. */
export function accountingExportDownload(services: InvoicingServices): FileDownloadHandler {
  return async (principal, { id, query }) => {
    if (principal.kind !== "operator") throw new ForbiddenError("Accounting exports are for operators");
    const { filename, content } = await services.exports.csv(id ?? "", query.from ?? "", query.to ?? "", query.partnerId || undefined);
    return { filename, contentType: "text/csv; charset=utf-8", body: Buffer.from(content, "utf8") };
  };
}
