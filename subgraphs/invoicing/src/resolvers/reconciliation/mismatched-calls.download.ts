import { BadUserInputError, type FileDownloadHandler } from "@intersettle/shared";
import type { InvoicingServices } from "../../services";

/** GET /files/invoicing/mismatched-calls/<reconciliationId>: its calls not MATCHED, both sides, as CSV; a partner gets only its own. */
export function mismatchedCallsDownload(services: InvoicingServices): FileDownloadHandler {
  return async (principal, { id }) => {
    if (!id) throw new BadUserInputError([{ field: "id", message: "the reconciliation id goes in the path" }]);
    const { body } = await services.reconciliations.mismatchedCallsCsv(principal, id);
    return { filename: `mismatched-calls-${id}.csv`, contentType: "text/csv; charset=utf-8", body };
  };
}
