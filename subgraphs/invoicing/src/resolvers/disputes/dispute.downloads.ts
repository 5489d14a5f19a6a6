import { BadUserInputError, type FileDownloadHandler } from "@intersettle/shared";
import type { InvoicingServices } from "../../services";

/** GET /files/invoicing/dispute-attachment/<attachmentId>: a dispute's file; a partner gets only its own disputes'. */
export function disputeAttachmentDownload(services: InvoicingServices): FileDownloadHandler {
  return async (principal, { id }) => {
    if (!id) throw new BadUserInputError([{ field: "id", message: "the attachment id goes in the path" }]);
    return services.disputeQueries.attachmentFile(principal, id);
  };
}
